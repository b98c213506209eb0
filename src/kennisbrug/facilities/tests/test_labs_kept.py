"""The living-lab catalogue is kept rendered (core.fragments): a change shows at once, each
language has its own, filters and pages still work, and the links around it stay each
visitor's own ("publish a living lab" for admins of an organisation only).

The root conftest clears the `fragments` cache (and the shared one with the versions)
around every test."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.clients import log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import LivingLabFactory

pytestmark = pytest.mark.django_db

LABS = "/facilities/living-labs/"
PUBLISH = "Proeftuin publiceren"


def _get(client, language="nl", **params):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(LABS, params, secure=True)
    assert response.status_code == 200, response.status_code
    return response


def _text(client, language="nl", **params) -> str:
    return _get(client, language, **params).content.decode()


@pytest.fixture
def lab():
    return LivingLabFactory(
        name="Slimme Haven Vlissingen", theme="Havenlogistiek", owner__name="Haven NV"
    )


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_second_visit_is_served_kept(signed_in, lab, django_assert_max_num_queries):
    client = log_in(Client(), MembershipFactory().user) if signed_in else Client()
    with CaptureQueriesContext(connection) as rendered:
        first = _text(client)
    # Signed in: the session, the user, the account menu's organisations and whether they
    # may publish a living lab are read on every request, nothing for the catalogue.
    kept_queries = 4 if signed_in else 0
    assert len(rendered) >= kept_queries + 2  # the count and the page of cards
    with django_assert_max_num_queries(kept_queries):
        second = _text(client)
    assert "Slimme Haven Vlissingen" in first and "Slimme Haven Vlissingen" in second


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_change_to_a_lab_or_its_coordinator_shows_at_once(signed_in, lab):
    client = log_in(Client(), MembershipFactory().user) if signed_in else Client()
    assert "Slimme Haven Vlissingen" in _text(client)
    lab.name = "Slimme Haven Terneuzen"
    lab.theme = "Sluizen"
    lab.city = "Terneuzen"
    lab.save()
    page = _text(client)
    assert "Slimme Haven Terneuzen" in page and "Sluizen" in page and "Terneuzen" in page
    owner = lab.owner
    owner.name = "North Sea Port"
    owner.save()
    assert "North Sea Port" in _text(client)
    LivingLabFactory(name="Tweede Proeftuin")
    assert "Tweede Proeftuin" in _text(client)
    lab.delete()
    assert "Slimme Haven Terneuzen" not in _text(client)


def test_a_country_change_leaves_the_country_filter_at_once(lab):
    client = Client()
    assert "Slimme Haven Vlissingen" in _text(client, country="NL")
    lab.country_id = "BE"
    lab.postcode = "9000"
    lab.city = "Gent"
    lab.nuts3_id = None
    lab.save()
    assert "Slimme Haven Vlissingen" not in _text(client, country="NL")
    assert "Slimme Haven Vlissingen" in _text(client, country="BE")


def test_each_language_has_its_own_fragment(lab):
    client = Client()
    for _ in range(2):  # the second round is served kept
        dutch, english = _text(client, "nl"), _text(client, "en")
        assert "Toon proeftuinen" in dutch and "Show living labs" not in dutch
        assert "Show living labs" in english and "Toon proeftuinen" not in english
        assert "(Nederland)" in dutch and "(Netherlands)" in english


def test_the_publish_link_stays_each_visitors_own(lab):
    admin = log_in(Client(), MembershipFactory(admin=True).user)
    member = log_in(Client(), MembershipFactory().user)
    for _ in range(2):  # rendered by the admin's visit, then kept for the others
        assert PUBLISH in _text(admin)
        for visitor in (member, Client()):
            page = _text(visitor)
            assert "Slimme Haven Vlissingen" in page and PUBLISH not in page
    assert "Uitloggen" not in _text(Client())


def test_filters_and_pages_work_when_kept():
    for n in range(23):
        LivingLabFactory(name=f"Proeftuin Zee {n:02}", theme="Zeewier")
    LivingLabFactory(name="Proeftuin Land", theme="Akkerbouw")
    LivingLabFactory(name="Proeftuin Gent Zeewier", theme="Zeewier", country_id="BE", nuts3=None)
    client = Client()
    for _ in range(2):  # rendered, then kept
        first = _text(client, q="zeewier", country="NL")
        assert "Proeftuin Zee 00" in first and "Proeftuin Zee 19" in first
        assert "Proeftuin Zee 20" not in first and "Proeftuin Land" not in first
        assert "Proeftuin Gent" not in first
        # The page links keep the filters.
        assert "?q=zeewier&amp;country=NL&amp;page=2" in first
        second = _text(client, q="zeewier", country="NL", page="2")
        assert "Proeftuin Zee 20" in second and "Proeftuin Zee 22" in second
        assert "Proeftuin Zee 00" not in second
        assert 'value="zeewier"' in second and '<option value="NL" selected>' in second


def test_bad_filter_input_gets_the_same_answer_when_kept(lab):
    client = Client()
    for _ in range(2):
        assert "Geen proeftuin gevonden" in _text(client, q="x" * 500)
        # An unknown country is no filter.
        assert "Slimme Haven Vlissingen" in _text(client, country="ZZ")
        hostile = _text(client, q="<script>alert(1)</script>")
        assert "<script>alert(1)" not in hostile and "Geen proeftuin gevonden" in hostile
        assert "Slimme Haven Vlissingen" in _text(client, page="999")  # the last page


def test_an_organisation_merge_moves_the_labs_in_the_catalogue(lab):
    """A merge moves labs with update() (no signals); deleting the other entry renews."""
    from kennisbrug.organisations.merge import organisation_merge

    keep = OrganisationFactory(name="Haven Zeeland", knowledge_institution=True)
    client = Client()
    assert "Haven NV" in _text(client)
    organisation_merge(keep=keep, remove=lab.owner, merged_by=UserFactory(secretariat=True))
    page = _text(client)
    assert "Haven NV" not in page and "Haven Zeeland" in page
