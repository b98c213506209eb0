"""The catalogues and search are kept rendered (core.fragments), for anonymous and signed-in
visitors: what a visitor sees after a change is the change, in the visitor's language, and
nobody sees another's view (another member's unpublished facilities, another organisation's
search, someone's account menu or CSRF token)."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from kennisbrug.core.fragments import _version_key
from kennisbrug.core.models import Sector
from kennisbrug.facilities.tests.factories import FacilityFactory
from kennisbrug.matching.testing import matching_index  # noqa: F401
from kennisbrug.organisations.constants import MembershipRole, MembershipStatus
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from tests.clients import log_in

pytestmark = pytest.mark.django_db


def _text(client, url, language="nl", **params):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url, params, secure=True)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_new_renamed_or_deleted_organisation_shows_at_once(client):
    first = OrganisationFactory(name="Eerste Werkplaats")
    assert "Eerste Werkplaats" in _text(client, "/organisations/")
    OrganisationFactory(name="Tweede Werkplaats")
    page = _text(client, "/organisations/")
    assert "Tweede Werkplaats" in page and "2 organisaties gevonden" in page
    first.name = "Hernoemde Werkplaats"
    first.save()
    assert "Hernoemde Werkplaats" in _text(client, "/organisations/")
    first.delete()
    assert "Hernoemde Werkplaats" not in _text(client, "/organisations/")


def test_a_tag_change_shows_in_a_filtered_catalogue(client):
    org = OrganisationFactory(name="Fotonicabedrijf")
    sector = Sector.objects.order_by("sort_order").first()
    assert "Fotonicabedrijf" not in _text(client, "/organisations/", sector=sector.pk)
    org.sectors.add(sector)
    assert "Fotonicabedrijf" in _text(client, "/organisations/", sector=sector.pk)


def test_each_language_has_its_own_fragment(client):
    OrganisationFactory(name="Taalbedrijf")
    FacilityFactory(name="Taallab")  # its owner is a second organisation
    for _ in range(2):  # the second round is served from the kept fragments
        assert "2 organisaties gevonden" in _text(client, "/organisations/", "nl")
        assert "2 organisations found" in _text(client, "/organisations/", "en")
        assert "1 infrastructuur" in _text(client, "/facilities/", "nl")
        assert "1 facility" in _text(client, "/facilities/", "en")
    dutch, english = _text(client, "/organisations/", "nl"), _text(client, "/organisations/", "en")
    assert "organisations found" not in dutch and "gevonden" not in english


def test_reference_data_names_change_in_every_fragment(client):
    sector = Sector.objects.order_by("sort_order").first()
    assert sector.name_nl in _text(client, "/organisations/")
    sector.name_nl = "Hernoemde sector"
    sector.save()
    assert "Hernoemde sector" in _text(client, "/organisations/")
    assert "Hernoemde sector" in _text(client, "/facilities/")


def test_facility_catalogue_follows_publishing_and_the_owner_name(client):
    facility = FacilityFactory(name="Publiek lab")
    assert "Publiek lab" in _text(client, "/facilities/")
    owner = facility.owner
    owner.name = "Nieuwe eigenaar"
    owner.save()
    assert "Nieuwe eigenaar" in _text(client, "/facilities/")
    facility.is_published = False
    facility.save()
    assert "Publiek lab" not in _text(client, "/facilities/")


def test_a_manager_sees_the_unpublished_facility_and_anonymous_visitors_never_do(client):
    facility = FacilityFactory(name="Verborgen lab", is_published=False)
    admin = MembershipFactory(organisation=facility.owner, role=MembershipRole.ADMIN).user
    assert "Verborgen lab" not in _text(client, "/facilities/")
    log_in(client, admin)
    assert "Verborgen lab" in _text(client, "/facilities/")
    client.logout()
    assert "Verborgen lab" not in _text(client, "/facilities/")


def test_the_version_is_bumped_again_after_commit(django_capture_on_commit_callbacks):
    """A page rendered from the old rows while a write was in flight is never served later."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        OrganisationFactory()
        during = cache.get(_version_key("organisations"))
    assert during is not None
    for callback in callbacks:
        callback()
    assert cache.get(_version_key("organisations")) != during


def test_a_search_reflects_a_new_document_at_once(client, django_capture_on_commit_callbacks):
    assert "Waterstofcentrum" not in _text(client, "/matching/search/", q="waterstof")
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory(name="Waterstofcentrum", description="Opslag van waterstof")
    assert "Waterstofcentrum" in _text(client, "/matching/search/", q="waterstof")


def test_a_bad_search_keeps_its_status_when_repeated(client):
    for _ in range(2):
        response = client.get("/matching/search/", {"q": "x" * 5000}, secure=True)
        assert response.status_code == 400


# --- signed-in visitors share the kept fragments of their audience ---------------------------


def _csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.mark.parametrize("url", ["/organisations/", "/facilities/", "/matching/search/?q=lab"])
def test_a_members_visit_leaves_nothing_personal_in_what_others_are_served(client, url):
    FacilityFactory(name="Gedeeld lab", owner__name="Gedeeld lab bv")
    member = MembershipFactory(user__email="lid.een@example.org", user__full_name="Lid Een").user
    log_in(client, member)
    theirs = _text(client, url)  # renders and keeps the fragment
    assert "Uitloggen" in theirs
    token = _csrf_token(theirs)

    other = MembershipFactory().user
    for visitor in (Client(), log_in(Client(), other)):
        page = _text(visitor, url)
        assert "Gedeeld lab" in page
        assert token not in page
        assert "lid.een@example.org" not in page and "Lid Een" not in page
    anonymous = _text(Client(), url)
    assert "Uitloggen" not in anonymous and "Organisatie registreren" not in anonymous


def test_unpublished_facilities_show_only_to_the_people_who_manage_them(client):
    hidden = FacilityFactory(name="Verborgen lab", is_published=False)
    admin = MembershipFactory(organisation=hidden.owner, role=MembershipRole.ADMIN).user
    colleague = MembershipFactory(organisation=hidden.owner).user  # a member, not a manager
    own = FacilityFactory(name="Eigen lab", is_published=False)
    other_admin = MembershipFactory(organisation=own.owner, role=MembershipRole.ADMIN).user
    FacilityFactory(name="Open lab")

    def seen(user) -> set[str]:
        page = _text(log_in(Client(), user) if user else Client(), "/facilities/")
        return {name for name in ("Verborgen lab", "Eigen lab", "Open lab") if name in page}

    for _ in range(2):  # the second round is served from the kept fragments
        assert seen(admin) == {"Verborgen lab", "Open lab"}
        assert seen(colleague) == {"Open lab"}
        assert seen(other_admin) == {"Eigen lab", "Open lab"}
        assert seen(None) == {"Open lab"}

    # Who manages what is read on every request: losing the admin role shows at once.
    membership = admin.memberships.get()
    membership.role = MembershipRole.MEMBER
    membership.save()
    assert seen(admin) == {"Open lab"}


def test_a_change_shows_at_once_to_signed_in_visitors(client):
    log_in(client, MembershipFactory().user)
    org = OrganisationFactory(name="Eerste Werkplaats")
    assert "Eerste Werkplaats" in _text(client, "/organisations/")
    org.name = "Hernoemde Werkplaats"
    org.save()
    assert "Hernoemde Werkplaats" in _text(client, "/organisations/")
    facility = FacilityFactory(name="Zichtbaar lab")
    assert "Zichtbaar lab" in _text(client, "/facilities/")
    facility.is_published = False
    facility.save()
    assert "Zichtbaar lab" not in _text(client, "/facilities/")


def test_each_organisation_searches_as_itself(django_capture_on_commit_callbacks):
    """A member's search leaves out their own organisation: a kept search of one
    organisation is never served to another, nor to anonymous visitors."""
    with django_capture_on_commit_callbacks(execute=True):
        gent = OrganisationFactory(name="Waterstof Gent", description="Opslag van waterstof")
        breda = OrganisationFactory(
            name="Waterstof Breda",
            description="Opslag van waterstof",
            country_id="NL",
            postcode="4811",
            city="Breda",
        )
    from_gent = MembershipFactory(organisation=gent).user
    from_breda = MembershipFactory(organisation=breda).user

    def found(user) -> set[str]:
        page = _text(
            log_in(Client(), user) if user else Client(), "/matching/search/", q="waterstof"
        )
        return {name for name in ("Waterstof Gent", "Waterstof Breda") if name in page}

    for _ in range(2):  # the second round is served from the kept searches
        assert found(None) == {"Waterstof Gent", "Waterstof Breda"}
        assert found(from_gent) == {"Waterstof Breda"}
        assert found(from_breda) == {"Waterstof Gent"}

    # The searching organisation is read on every request: leaving it shows at once.
    from_gent.memberships.update(status=MembershipStatus.REJECTED)
    assert found(from_gent) == {"Waterstof Gent", "Waterstof Breda"}


def test_the_home_page_keeps_the_programme_and_follows_its_changes(
    client, django_assert_max_num_queries
):
    """What the programme offers (target groups, objectives and activities, sectors) is
    kept per language; the links around it follow the visitor; an edit shows at once."""
    from kennisbrug.core.models import ActivityType, TargetGroup

    group = TargetGroup.objects.order_by("sort_order").first()
    activity = ActivityType.objects.first()
    dutch, english = _text(client, "/", "nl"), _text(client, "/", "en")
    assert group.name_nl in dutch and group.name_en in english
    assert group.description_nl in dutch and group.description_en in english
    assert "Account aanmaken" in dutch
    with django_assert_max_num_queries(0):  # anonymous, kept: no query at all
        _text(client, "/", "nl")

    group.description_nl = "Bijgewerkte beschrijving van de doelgroep"
    group.save()
    activity.text_nl = "Een nieuw voorbeeld van een activiteit"
    activity.save()
    assert "Bijgewerkte beschrijving van de doelgroep" in _text(client, "/", "nl")
    assert "Een nieuw voorbeeld van een activiteit" in _text(client, "/", "nl")

    member = MembershipFactory().user
    log_in(client, member)
    signed_in = _text(client, "/", "nl")
    assert "Naar Mijn Kennisbrug" in signed_in
    assert "Account aanmaken" not in signed_in
    assert "Bijgewerkte beschrijving van de doelgroep" in signed_in
