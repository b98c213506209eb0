"""The research group and expert catalogues are kept rendered (core.fragments): a change
shows at once, each language has its own, filters and pages still work, and an expert's
e-mail address, shown to signed-in visitors only, never reaches an anonymous one (nor the
sign-in link a signed-in one).

The root conftest clears the `fragments` cache (and the shared one with the versions)
around every test."""

import random

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.clients import log_in

from kennisbrug.core.models import Sector
from kennisbrug.organisations.research import demo
from kennisbrug.organisations.research.receivers import GROUPS_FRAGMENT

from .factories import ExpertFactory, MembershipFactory, OrganisationFactory, ResearchGroupFactory

pytestmark = pytest.mark.django_db

GROUPS = "/organisations/research-groups/"
EXPERTS = "/organisations/experts/"
LOGIN_LINK = "Log in om de contactgegevens te zien"


def _get(client, url, language="nl", **params):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, params, secure=True)
    assert response.status_code == 200, response.status_code
    return response


def _text(client, url, language="nl", **params) -> str:
    return _get(client, url, language, **params).content.decode()


def _member_client() -> Client:
    return log_in(Client(), MembershipFactory().user)


@pytest.fixture
def group():
    return ResearchGroupFactory(
        name="Lab voor Waterstof",
        expertise="waterstofopslag",
        organisation__name="Hogeschool Zeeland",
    )


@pytest.fixture
def expert(group):
    return ExpertFactory(
        organisation=group.organisation,
        research_group=group,
        name="Prof. An Janssens",
        role="Lector",
        expertise="elektrolyse",
        email="an.janssens@example.org",
    )


# --- served kept ------------------------------------------------------------------------


@pytest.mark.parametrize("url", [GROUPS, EXPERTS])
@pytest.mark.parametrize("signed_in", [False, True])
def test_the_second_visit_is_served_kept(url, signed_in, expert, django_assert_max_num_queries):
    client = _member_client() if signed_in else Client()
    with CaptureQueriesContext(connection) as rendered:
        first = _text(client, url)
    # Signed in: the session, the user and the account menu's organisations are read on
    # every request, nothing for the catalogue.
    kept_queries = 3 if signed_in else 0
    assert len(rendered) >= kept_queries + 2  # the count and the page of cards
    with django_assert_max_num_queries(kept_queries):
        second = _text(client, url)
    shown = "Lab voor Waterstof" if url == GROUPS else "Prof. An Janssens"
    assert shown in first and shown in second


# --- a change shows at once -------------------------------------------------------------


def test_groups_follow_changes_to_the_group_its_experts_and_its_organisation(group, expert):
    client = Client()
    assert "Lab voor Waterstof" in _text(client, GROUPS)
    group.name = "Lab voor Groene Waterstof"
    group.save()
    assert "Lab voor Groene Waterstof" in _text(client, GROUPS)
    ExpertFactory(organisation=group.organisation, research_group=group)
    assert "2 experts" in _text(client, GROUPS)
    expert.listed = False  # withdrawn consent: no longer counted
    expert.save()
    page = _text(client, GROUPS)
    assert "1 expert" in page and "2 experts" not in page
    organisation = group.organisation
    organisation.name = "HZ University"
    organisation.save()
    assert "HZ University" in _text(client, GROUPS)
    ResearchGroupFactory(name="Tweede groep")
    assert "Tweede groep" in _text(client, GROUPS)
    group.delete()
    assert "Lab voor Groene Waterstof" not in _text(client, GROUPS)


@pytest.mark.parametrize("signed_in", [False, True])
def test_experts_follow_changes_to_the_expert_its_group_and_its_organisation(
    signed_in, group, expert
):
    client = _member_client() if signed_in else Client()
    assert "Prof. An Janssens" in _text(client, EXPERTS)
    expert.name = "Prof. An Peeters"
    expert.role = "Hoogleraar"
    expert.email = "an.peeters@example.org"
    expert.save()
    page = _text(client, EXPERTS)
    assert "Prof. An Peeters" in page and "Hoogleraar" in page
    assert ("an.peeters@example.org" in page) is signed_in
    group.name = "Waterstofgroep"
    group.save()
    assert "Waterstofgroep" in _text(client, EXPERTS)
    group.organisation.name = "HZ University"
    group.organisation.save()
    assert "HZ University" in _text(client, EXPERTS)
    expert.listed = False
    expert.save()
    assert "Prof. An Peeters" not in _text(client, EXPERTS)
    ExpertFactory(name="Dr. Nieuwe Expert")
    assert "Dr. Nieuwe Expert" in _text(client, EXPERTS)
    expert.delete()
    group.delete()  # the expert's group goes: it stays listed without one
    assert "Waterstofgroep" not in _text(client, EXPERTS)


def test_an_organisation_moving_country_leaves_the_country_filter_at_once(group, expert):
    client = Client()
    assert "Lab voor Waterstof" in _text(client, GROUPS, country="BE")
    assert "Prof. An Janssens" in _text(client, EXPERTS, country="BE")
    organisation = group.organisation
    organisation.country_id = "NL"
    organisation.save()
    assert "Lab voor Waterstof" not in _text(client, GROUPS, country="BE")
    assert "Prof. An Janssens" not in _text(client, EXPERTS, country="BE")
    assert "Prof. An Janssens" in _text(client, EXPERTS, country="NL")


def test_the_demo_bulk_writes_renew_the_catalogues():
    client = Client()
    institution = OrganisationFactory(knowledge_institution=True, is_demo=True)
    institution.sectors.add(Sector.objects.get(code=next(iter(demo.GROUPS))))
    assert "Geen onderzoeksgroep gevonden" in _text(client, GROUPS)
    assert "Geen expert gevonden" in _text(client, EXPERTS)
    demo.generate(rng=random.Random(1))  # bulk_create: no model signals
    assert "Geen onderzoeksgroep gevonden" not in _text(client, GROUPS)
    assert "Geen expert gevonden" not in _text(client, EXPERTS)


def test_the_version_is_bumped_again_after_commit(django_capture_on_commit_callbacks):
    """A page rendered from the old rows while a write was in flight is never served later."""
    from django.core.cache import cache

    from kennisbrug.core.fragments import _version_key

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ResearchGroupFactory()
        during = cache.get(_version_key(GROUPS_FRAGMENT))
    assert during is not None
    for callback in callbacks:
        callback()
    assert cache.get(_version_key(GROUPS_FRAGMENT)) != during


# --- languages and audiences ------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "dutch_empty", "english_empty"),
    [
        (GROUPS, "Geen onderzoeksgroep gevonden.", "No research group matches."),
        (EXPERTS, "Geen expert gevonden.", "No expert matches."),
    ],
)
def test_each_language_has_its_own_fragment(url, dutch_empty, english_empty, expert):
    client = Client()
    for _ in range(2):  # the second round is served kept
        dutch, english = _text(client, url, "nl", q="niets"), _text(client, url, "en", q="niets")
        assert dutch_empty in dutch and english_empty not in dutch
        assert english_empty in english and dutch_empty not in english


def test_an_expert_e_mail_reaches_signed_in_visitors_only(expert):
    member = _member_client()
    for first, then in ((Client(), member), (member, Client())):
        for _ in range(2):  # rendered, then kept, in both orders
            for client in (first, then):
                page = _text(client, EXPERTS)
                signed_in = client is member
                assert ("an.janssens@example.org" in page) is signed_in
                assert (LOGIN_LINK in page) is not signed_in
        from django.core.cache import caches

        caches["fragments"].clear()


def test_the_sign_in_link_brings_the_visitor_back_to_the_catalogue(expert):
    page = _text(Client(), EXPERTS, q="janssens")
    assert "?next=/organisations/experts/" in page


def test_a_members_visit_leaves_nothing_personal_in_what_others_are_served(expert):
    member = MembershipFactory(user__email="lid.een@example.org", user__full_name="Lid Een").user
    for url in (GROUPS, EXPERTS):
        assert "Uitloggen" in _text(log_in(Client(), member), url)
        for visitor in (Client(), _member_client()):
            page = _text(visitor, url)
            assert "Prof. An Janssens" in page or "Lab voor Waterstof" in page
            assert "lid.een@example.org" not in page and "Lid Een" not in page


# --- filters, pages and bad input -------------------------------------------------------


def test_filters_and_pages_work_when_kept():
    be = OrganisationFactory(knowledge_institution=True, name="Universiteit Gent")
    nl = OrganisationFactory(knowledge_institution=True, name="Universiteit Utrecht", dutch=True)
    for n in range(23):
        ExpertFactory(organisation=be, name=f"Dr. Belg {n:02}", expertise="waterbouw")
    ExpertFactory(organisation=nl, name="Dr. Nederlander", expertise="waterbouw")
    client = Client()
    for _ in range(2):  # rendered, then kept
        first = _text(client, EXPERTS, q="waterbouw", country="BE")
        assert "Dr. Belg 00" in first and "Dr. Belg 19" in first and "Dr. Belg 20" not in first
        assert "Dr. Nederlander" not in first
        assert "?q=waterbouw&amp;country=BE&amp;page=2" in first
        second = _text(client, EXPERTS, q="waterbouw", country="BE", page="2")
        assert "Dr. Belg 20" in second and "Dr. Belg 22" in second and "Dr. Belg 00" not in second
        assert "?q=waterbouw&amp;country=BE&amp;page=1" in second
        dutch = _text(client, EXPERTS, country="NL")
        assert "Dr. Nederlander" in dutch and "Dr. Belg" not in dutch


@pytest.mark.parametrize("url", [GROUPS, EXPERTS])
def test_bad_filter_input_gets_the_same_answer_when_kept(url, expert):
    client = Client()
    empty = "Geen onderzoeksgroep gevonden" if url == GROUPS else "Geen expert gevonden"
    for _ in range(2):
        page = _text(client, url, q="x" * 500, country="ZZ")
        assert empty in page and "Lab voor Waterstof" not in page
        hostile = _text(client, url, q="<script>alert(1)</script>")
        assert "<script>alert(1)" not in hostile and empty in hostile
        assert _get(client, url, page="999").status_code == 200  # the last page
