"""Query counts of the main list pages and API lists are pinned: an N+1 regression fails here.

Each list is requested with a few rows, then with many more on the same page: the number of
queries must not grow with the rows, and stays under a pinned ceiling (the count measured
when the pin was set, plus a small margin for a deliberate extra query). If a change needs
more queries on purpose, raise the pin in the same commit and say why.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kennisbrug.core.models import Sector, Technology
from kennisbrug.facilities.tests.factories import FacilityFactory
from kennisbrug.innovation.tests.factories import QuestionFactory
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from tests.clients import log_in

pytestmark = pytest.mark.django_db
FEW, MORE = 2, 12  # both fit on the first page (25 a page)


def _organisation():
    org = OrganisationFactory()
    org.sectors.set(Sector.objects.all()[:2])
    org.technologies.set(Technology.objects.all()[:2])
    MembershipFactory(organisation=org)
    return org


def _facility():
    facility = FacilityFactory(owner=_organisation())
    facility.sectors.set(Sector.objects.all()[:2])
    facility.technologies.set(Technology.objects.all()[:2])
    return facility


def _question():
    question = QuestionFactory(organisation=_organisation())
    question.sectors.set(Sector.objects.all()[:2])
    return question


@dataclass(frozen=True)
class Case:
    url: str
    make: Callable[[], object]
    pin: int
    who: str = "anonymous"  # or "member": a logged-in member of an organisation

    def __str__(self) -> str:
        return f"{self.who} {self.url}"


CASES = [
    Case("/", _organisation, pin=6),
    Case("/organisations/", _organisation, pin=8),
    Case("/organisations/", _organisation, pin=10, who="member"),
    Case("/facilities/", _facility, pin=8),
    Case("/facilities/", _facility, pin=12, who="member"),
    Case("/questions/", _question, pin=6, who="member"),
    Case("/api/v1/organisations/", _organisation, pin=6),
    Case("/api/v1/facilities/", _facility, pin=8),
    Case("/api/v1/questions/", _question, pin=8, who="member"),
]


def _get(client, url):
    # Anonymous catalogues and searches are kept rendered (core.fragments): measure the
    # rendering itself, which is what runs after every change.
    caches["fragments"].clear()
    response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    return response


@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_queries_do_not_grow_with_rows(case, client, django_assert_max_num_queries):
    if case.who == "member":
        log_in(client, MembershipFactory().user)
    for _ in range(FEW):
        case.make()
    _get(client, case.url)  # first request: sessions, content types, translations warm up
    with CaptureQueriesContext(connection) as few:
        _get(client, case.url)
    for _ in range(MORE - FEW):
        case.make()
    with django_assert_max_num_queries(len(few)):
        _get(client, case.url)
    assert len(few) <= case.pin, f"{case}: {len(few)} queries, pinned at {case.pin}"


CACHED = ["/organisations/", "/facilities/", "/matching/search/?q=waterstof"]


@pytest.mark.parametrize("url", CACHED)
def test_anonymous_repeat_is_served_without_rendering_queries(url, client):
    """The second anonymous request reads the kept fragment: only the version lookups remain
    (none here, where the shared cache is in memory; one cache-table read in production) and
    for a search the index version."""
    _organisation()
    _facility()
    assert client.get(url, secure=True).status_code == 200
    with CaptureQueriesContext(connection) as repeat:
        again = client.get(url, secure=True)
    assert again.status_code == 200
    tables = {q["sql"].split("FROM", 1)[-1].split()[0].strip('"') for q in repeat}
    assert tables <= {"matching_indexversion"}, repeat.captured_queries
