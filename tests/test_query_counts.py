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
from kennisbrug.organisations.tests.factories import (
    ExpertFactory,
    MembershipFactory,
    OrganisationFactory,
    ResearchGroupFactory,
)
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


def _research_group():
    group = ResearchGroupFactory(organisation=_organisation())
    ExpertFactory(organisation=group.organisation, research_group=group)
    ExpertFactory(organisation=group.organisation, research_group=group, listed=False)
    return group


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
    Case("/organisations/research-groups/", _research_group, pin=2),
    Case("/organisations/experts/", _research_group, pin=5, who="member"),
    # count, page, sector and technology codes, the register's activity sectors (only when
    # an organisation on the page has a KBO/BCE number) and the ten sectors' names
    Case("/api/v1/organisations/", _organisation, pin=6),
    # count, page, and the codes, opening hours and tariffs of the page in four queries
    Case("/api/v1/facilities/", _facility, pin=6),
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


CACHED = ["/", "/organisations/", "/facilities/", "/matching/search/?q=waterstof"]


@pytest.mark.parametrize("url", CACHED)
def test_anonymous_repeat_is_served_without_queries(url, client):
    """The second anonymous request reads the kept fragment: only the version lookups remain,
    in the shared cache (here in memory; Redis in production, or one cache-table read)."""
    _organisation()
    _facility()
    assert client.get(url, secure=True).status_code == 200
    with CaptureQueriesContext(connection) as repeat:
        again = client.get(url, secure=True)
    assert again.status_code == 200
    assert not repeat.captured_queries, repeat.captured_queries


# What a signed-in repeat request reads once the fragment is kept: the session and the user
# (the session comes from Redis in production), what the page around the fragment shows them
# (may they import: the menu; may they publish: the facilities page, from their memberships
# read once) and the audience of the fragment (the unpublished facilities they manage, asked
# only of people with memberships; the organisation they search as, its sectors and
# technologies). Nothing of the filter form, the cards or the search itself.
SIGNED_IN_KEPT = [
    ("/organisations/", "member", 3),
    ("/organisations/", "secretariat", 2),
    ("/facilities/", "member", 5),
    ("/facilities/", "secretariat", 3),
    ("/matching/search/?q=waterstof", "member", 5),
    ("/matching/search/?q=waterstof", "secretariat", 3),
]


@pytest.mark.parametrize(("url", "who", "pin"), SIGNED_IN_KEPT)
def test_signed_in_repeat_is_served_from_the_kept_fragment(url, who, pin, client):
    from kennisbrug.accounts.tests.factories import UserFactory

    _organisation()
    _facility()
    user = MembershipFactory().user if who == "member" else UserFactory(secretariat=True)
    log_in(client, user)
    _get(client, url)  # renders and keeps the fragment
    with CaptureQueriesContext(connection) as repeat:
        assert client.get(url, secure=True).status_code == 200
    assert len(repeat) <= pin, repeat.captured_queries
    tables = {q["sql"].split("FROM", 1)[-1].split()[0].strip('"') for q in repeat}
    rendering = {"core_country", "core_province", "facilities_facility_sectors"}
    assert not tables & rendering, repeat.captured_queries
    # …whereas rendering it reads the lists of the filter form and the cards.
    with CaptureQueriesContext(connection) as rendered:
        _get(client, url)
    assert len(rendered) > len(repeat)


# --- token-authenticated API calls ------------------------------------------------------
# What an integration sends: `Authorization: Token …`. The token is looked up in the
# database on every call (one indexed row with its user), never kept between requests, so
# a revoked or expired token or a deactivated account stops working at the next call;
# throttles count in the throttle cache, not in a table.


def _token_client(user=None):
    from rest_framework.test import APIClient

    from kennisbrug.accounts import services as accounts

    user = user or MembershipFactory().user
    _token, raw = accounts.api_token_create(user=user, name="integration")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client, user, _token


def _research_group():
    from kennisbrug.organisations.tests.factories import ResearchGroupFactory

    group = ResearchGroupFactory(organisation=_organisation())
    group.sectors.set(Sector.objects.all()[:2])
    group.technologies.set(Technology.objects.all()[:2])
    return group


TOKEN_CASES = [
    # as anonymous, plus the token (and for facilities the ones the user manages)
    Case("/api/v1/organisations/", _organisation, pin=7, who="token"),
    Case("/api/v1/facilities/", _facility, pin=8, who="token"),
    # token, count, page (no expert count: the API does not show it), two queries of codes
    Case("/api/v1/research-groups/", _research_group, pin=5, who="token"),
]


@pytest.mark.parametrize("case", TOKEN_CASES, ids=str)
def test_token_api_list_queries_do_not_grow_with_rows(case, django_assert_max_num_queries):
    client, _user, _token = _token_client()
    for _ in range(FEW):
        case.make()
    _get(client, case.url)  # first call records the token's use (at most once a minute)
    with CaptureQueriesContext(connection) as few:
        _get(client, case.url)
    for _ in range(MORE - FEW):
        case.make()
    with django_assert_max_num_queries(len(few)):
        _get(client, case.url)
    assert len(few) <= case.pin, f"{case}: {len(few)} queries, pinned at {case.pin}"
    writes = [q["sql"] for q in few if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert not writes, writes


def test_token_match_api_queries_are_pinned():
    client, _user, _token = _token_client()
    for _ in range(MORE):
        _organisation()
    body = {"text": "waterstof opslag", "limit": 10}
    assert client.post("/api/v1/match/", body, format="json").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/match/", body, format="json")
    assert response.status_code == 200
    tables = [q["sql"] for q in queries]
    # token, the asker's organisation, its sectors and technologies (one query), the index
    # version, the reference data version (for the names kept per process; none here, where
    # the shared cache is in memory) and one query per kind of hit with a loader
    assert len(queries) <= 6, "\n".join(tables)
    # no query *of* the reference tables (a hit's organisation may join its country)
    reads = [sql.split(" FROM ", 1)[1] for sql in tables if " FROM " in sql]
    assert not [t for t in reads if t.startswith(('"core_sector"', '"core_country"'))], tables
    assert not [sql for sql in tables if "cache" in sql.lower()], tables


@pytest.mark.parametrize("what", ["revoked", "expired", "deactivated"])
def test_a_token_stops_working_at_the_next_call(what):

    from django.utils import timezone

    from kennisbrug.accounts import services as accounts
    from kennisbrug.accounts.models import ApiToken

    client, user, token = _token_client()
    _organisation()
    for _ in range(3):  # used a few times just before: nothing of it is kept
        _get(client, "/api/v1/organisations/")
        assert (
            client.post("/api/v1/match/", {"text": "waterstof"}, format="json").status_code == 200
        )
    if what == "revoked":
        accounts.api_token_revoke(token=token, user=user)
    elif what == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    else:
        user.is_active = False
        user.save(update_fields=["is_active"])
    assert client.get("/api/v1/organisations/", secure=True).status_code == 401
    assert client.post("/api/v1/match/", {"text": "waterstof"}, format="json").status_code == 401


@pytest.mark.parametrize("url", ["/organisations/", "/facilities/"])
def test_filter_forms_read_reference_lists_without_server_side_cursors(url, client):
    """On PostgreSQL Django's choice iterator opened a cursor (declare, fetch, close) per
    select list; the reference lists are read with one plain query each (SQLite has no
    server-side cursors, so there this holds trivially)."""
    _facility()
    log_in(client, MembershipFactory().user)
    _get(client, url)
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, url)
    assert not [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("DECLARE")]
    html = response.content.decode()
    for model in (Sector, Technology):
        first = model.objects.first()
        assert f'value="{first.pk}"' in html, model


# --- indicator pages, exports and API (kennisbrug.indicators.kept) -------------------------
# Every indicator is computed from all organisations and every source's rows. Those inputs
# are computed once and kept until a watched model changes: the first request after a change
# reads them (a fixed number of queries, whatever the rows), the next ones read none of them.

INDICATOR_CASES = [
    # url, pin after a change (inputs computed), pin when kept; measured + 1. Kept: session
    # and user, and on the pages the filter form's lists and the regions of the map
    ("/indicators/", 25, 10),
    # + up to 3 on the detail page: the names of the regions on its page of rows
    ("/indicators/RCO01/", 27, 12),
    ("/indicators/RCO01/export.csv", 18, 3),
    ("/indicators/region/", 21, 4),
    ("/api/v1/indicators/", 18, 3),
    ("/api/v1/indicators/RCO01/", 18, 3),
]
SOURCE_TABLES = (
    "organisations_organisation",
    "innovation_introduction",
    "facilities_booking",
    "vouchers_application",
    "projects_projectidea",
    "skills_trainingparticipation",
)


def _activity():
    from kennisbrug.facilities.tests.factories import BookingFactory

    sme = _organisation()
    BookingFactory(facility=_facility(), organisation=sme, approved=True)


@pytest.mark.parametrize(("url", "pin_computed", "pin_kept"), INDICATOR_CASES)
def test_indicator_queries_do_not_grow_and_kept_inputs_are_not_read_again(
    url, pin_computed, pin_kept, client, django_assert_max_num_queries
):
    from kennisbrug.accounts.models import PlatformRole
    from kennisbrug.accounts.tests.factories import UserFactory

    log_in(client, UserFactory(platform_role=PlatformRole.SECRETARIAT))
    for _ in range(FEW):
        _activity()
    _get(client, url)  # first request: sessions, translations warm up
    _activity()  # a change: the next request computes the inputs anew
    with CaptureQueriesContext(connection) as computed:
        _get(client, url)
    for _ in range(MORE - FEW):
        _activity()
    with django_assert_max_num_queries(len(computed)):
        _get(client, url)
    with CaptureQueriesContext(connection) as kept:
        _get(client, url)
    counts = f"{url}: {len(computed)} queries computing, {len(kept)} kept"
    assert len(computed) <= pin_computed, f"{counts}; pinned at {pin_computed}"
    assert len(kept) <= pin_kept, f"{counts}; pinned at {pin_kept}"
    read = " ".join(q["sql"] for q in kept)
    assert not [t for t in SOURCE_TABLES if f'FROM "{t}"' in read], read


def test_a_kept_registry_page_reads_only_the_token_and_shows_a_change_at_once():
    """The organisation list is kept per audience like the catalogue page: a repeat reads
    the token and nothing of the registry; a write shows at the next call; what signed-in
    callers get (e-mail, phone) never reaches an anonymous one."""
    from rest_framework.test import APIClient

    client, _user, _token = _token_client()
    org = _organisation()
    org.email = "info@kept.example"
    org.save()
    first = client.get("/api/v1/organisations/", secure=True).json()
    with CaptureQueriesContext(connection) as repeat:
        again = client.get("/api/v1/organisations/", secure=True).json()
    assert again == first
    tables = {q["sql"].split("FROM", 1)[-1].split()[0].strip('"') for q in repeat}
    assert tables <= {"accounts_apitoken"}, repeat.captured_queries
    assert "info@kept.example" in str(first["results"])

    anonymous = APIClient().get("/api/v1/organisations/", secure=True).json()
    assert anonymous["count"] == first["count"]
    assert "info@kept.example" not in str(anonymous["results"])

    org.name = "Hernoemd Bedrijf"
    org.save()
    names = [
        row["name"] for row in client.get("/api/v1/organisations/", secure=True).json()["results"]
    ]
    assert "Hernoemd Bedrijf" in names
    page = client.get("/api/v1/organisations/?page=999", secure=True)
    assert page.status_code == 404  # a page past the end is still refused, not kept
