"""Facilities and living labs are documents in the matching engine.

An innovation question finds them with a readable explanation, changes reach the
index after commit, and an introduction to a facility hit goes to its owner.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.facilities import services
from kennisbrug.facilities.documents import facility_provider, living_lab_provider
from kennisbrug.facilities.models import Facility, LivingLab
from kennisbrug.facilities.services import labs as lab_services
from kennisbrug.innovation import selectors as innovation_selectors
from kennisbrug.innovation import services as innovation_services
from kennisbrug.innovation.tests.factories import QuestionFactory
from kennisbrug.matching import index, registry
from kennisbrug.matching.models import IndexChange
from kennisbrug.matching.services import match
from kennisbrug.matching.testing import matching_index  # noqa: F401
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import BookingFactory, FacilityFactory, LivingLabFactory, PilotFactory

pytestmark = pytest.mark.django_db

LASER = {
    "name": "Femtoseconde laserlab",
    "category": "lab",
    "description": "Femtoseconde lasers voor het microbewerken van glas en metaal.",
    "postcode": "9000",
    "city": "Gent",
    "country_id": "BE",
}


def test_providers_are_registered():
    assert registry.providers["facilities"] is facility_provider
    assert registry.providers["living_labs"] is living_lab_provider


def test_providers_yield_only_published_facilities_and_the_asked_ids():
    shown = FacilityFactory()
    FacilityFactory(is_published=False)
    lab, other_lab = LivingLabFactory(), LivingLabFactory()
    docs = list(facility_provider())
    assert [d["id"] for d in docs] == [str(shown.pk)]
    assert docs[0]["attrs"]["organisation_id"] == str(shown.owner_id)
    assert docs[0]["attrs"]["url"] == reverse("facilities:detail", args=[shown.pk])
    assert list(facility_provider(ids=["nonsense", "999999"])) == []
    labs = list(living_lab_provider(ids=[str(lab.pk)]))
    assert [d["id"] for d in labs] == [str(lab.pk)]
    assert labs[0]["attrs"]["organisation_id"] == str(lab.owner_id)
    assert {d["id"] for d in living_lab_provider()} == {str(lab.pk), str(other_lab.pk)}


def test_an_innovation_question_finds_a_facility_with_an_explanation(roles):
    facility = FacilityFactory(
        owner=OrganisationFactory(dutch=True),
        **{k: v for k, v in LASER.items() if k not in {"country_id", "postcode", "city"}},
    )
    facility.sectors.set(["fotonica"])
    FacilityFactory(name="Bakkerijproefhal", description="Deeg, brood en ovens.")
    question = QuestionFactory(
        organisation=roles.organisation,
        title="Microbewerken van glas",
        description="Wij zoeken femtoseconde lasers om glas te bewerken.",
    )
    question.sectors.set(["fotonica"])
    hits = innovation_selectors.question_matches(question=question, filters={"kind": "facility"})
    assert hits and (hits[0].kind, hits[0].id) == ("facility", str(facility.pk))
    hit = hits[0]
    assert hit.title == "Femtoseconde laserlab" and hit.kind_label == "research facility"
    assert hit.url == reverse("facilities:detail", args=[facility.pk])
    assert any(r.startswith("Shared terms:") and "femtoseconde" in r for r in hit.reasons)
    assert any(r.startswith("Shared concepts:") for r in hit.reasons)
    assert "Bakkerijproefhal" not in [h.title for h in hits]


def test_the_question_page_shows_the_facility_hit(roles, client):
    facility = FacilityFactory(
        owner=OrganisationFactory(dutch=True),
        **{k: v for k, v in LASER.items() if k not in {"country_id", "postcode", "city"}},
    )
    question = QuestionFactory(
        organisation=roles.organisation,
        title="Femtoseconde lasers",
        description="Microbewerken van glas met femtoseconde lasers.",
    )
    log_in(client, roles.member)
    page = client.get(reverse("innovation:detail", args=[question.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Femtoseconde laserlab" in html
    assert reverse("facilities:detail", args=[facility.pk]) in html


def test_facility_writes_reach_the_index_after_commit(roles, django_capture_on_commit_callbacks):
    assert index.get_engine().get("facility", "1") is None
    with django_capture_on_commit_callbacks(execute=True):
        facility = services.facility_create(owner=roles.organisation, actor=roles.admin, **LASER)
    key = str(facility.pk)
    assert index.get_engine().get("facility", key).title == "Femtoseconde laserlab"
    hits = match(text="femtoseconde glas", kinds=["facility"])
    assert [h.id for h in hits] == [key]

    with django_capture_on_commit_callbacks(execute=True):
        services.facility_update(facility=facility, actor=roles.admin, name="Ultrasnel laserlab")
    assert index.get_engine().get("facility", key).title == "Ultrasnel laserlab"

    with django_capture_on_commit_callbacks(execute=True):
        services.facility_update(facility=facility, actor=roles.admin, is_published=False)
    assert index.get_engine().get("facility", key) is None
    assert match(text="femtoseconde glas", kinds=["facility"]) == []

    with django_capture_on_commit_callbacks(execute=True):
        services.facility_update(facility=facility, actor=roles.admin, is_published=True)
    assert [h.id for h in match(text="femtoseconde glas", kinds=["facility"])] == [key]


def test_a_failed_write_does_not_touch_the_index(roles, django_capture_on_commit_callbacks):
    from django.core.exceptions import PermissionDenied

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(PermissionDenied),
    ):
        services.facility_create(owner=roles.organisation, actor=roles.member, **LASER)
    assert callbacks == [] and not IndexChange.objects.filter(kind="facility").exists()


def test_living_lab_writes_reach_the_index_after_commit(roles, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lab = lab_services.living_lab_create(
            owner=roles.organisation,
            actor=roles.admin,
            name="Slimme kade",
            theme="Havenlogistiek",
            description="Sensoren op de kade testen.",
            test_environment="Een kade met sensoren.",
            how_to_join="Neem contact op.",
            postcode="4331",
            city="Middelburg",
            country_id="NL",
        )
    assert index.get_engine().get("living_lab", str(lab.pk)).title == "Slimme kade"
    with django_capture_on_commit_callbacks(execute=True):
        lab_services.living_lab_update(living_lab=lab, actor=roles.admin, name="Digitale kade")
    assert index.get_engine().get("living_lab", str(lab.pk)).title == "Digitale kade"
    hits = match(text="sensoren kade", kinds=["living_lab"])
    assert [(h.id, h.kind_label) for h in hits] == [(str(lab.pk), "living lab")]


def test_an_introduction_to_a_facility_hit_goes_to_the_owner(roles, mailoutbox):
    owner = OrganisationFactory(dutch=True, name="Laser Owner")
    MembershipFactory(organisation=owner)
    facility = FacilityFactory(
        owner=owner,
        **{k: v for k, v in LASER.items() if k not in {"country_id", "postcode", "city"}},
    )
    question = QuestionFactory(
        organisation=roles.organisation,
        title="Femtoseconde lasers",
        description="Microbewerken van glas met femtoseconde lasers.",
    )
    hits = innovation_selectors.question_matches(question=question, filters={"kind": "facility"})
    assert [h.id for h in hits] == [str(facility.pk)]
    intro = innovation_services.introduction_request_for_match(
        question=question,
        requested_by=roles.member,
        kind="facility",
        target_id=hits[0].id,
        message="Graag kennismaken.",
    )
    assert intro.provider_organisation == owner
    assert (intro.target_kind, intro.target_id, intro.target_title) == (
        "facility",
        str(facility.pk),
        "Femtoseconde laserlab",
    )


@pytest.mark.parametrize("role", ["anonymous", "other", "member", "secretariat"])
def test_only_owner_admins_delete(roles, role):
    facility = FacilityFactory(owner=roles.organisation)
    lab = LivingLabFactory(owner=roles.organisation)
    user = roles.as_dict()[role]
    with pytest.raises(PermissionDenied):
        services.facility_delete(facility=facility, actor=user)
    with pytest.raises(PermissionDenied):
        lab_services.living_lab_delete(living_lab=lab, actor=user)
    assert Facility.objects.filter(pk=facility.pk).exists()
    assert LivingLab.objects.filter(pk=lab.pk).exists()


def test_deleting_removes_from_the_index_after_commit(roles, django_capture_on_commit_callbacks):
    facility = FacilityFactory(owner=roles.organisation)
    lab = LivingLabFactory(owner=roles.organisation)
    engine = index.get_engine()
    assert engine.get("facility", str(facility.pk)) and engine.get("living_lab", str(lab.pk))
    with django_capture_on_commit_callbacks(execute=True):
        services.facility_delete(facility=facility, actor=roles.admin)
        lab_services.living_lab_delete(living_lab=lab, actor=roles.admin)
    engine = index.get_engine()
    assert engine.get("facility", str(facility.pk)) is None
    assert engine.get("living_lab", str(lab.pk)) is None
    assert list(IndexChange.objects.values_list("op", flat=True))[-2:] == ["remove", "remove"]


def test_a_booked_facility_or_a_lab_with_pilots_is_kept(roles):
    facility = FacilityFactory(owner=roles.organisation)
    BookingFactory(facility=facility)
    pilot = PilotFactory(living_lab=LivingLabFactory(owner=roles.organisation))
    with pytest.raises(ValidationError):
        services.facility_delete(facility=facility, actor=roles.admin)
    with pytest.raises(ValidationError):
        lab_services.living_lab_delete(living_lab=pilot.living_lab, actor=roles.admin)
    assert Facility.objects.filter(pk=facility.pk).exists()
    assert LivingLab.objects.filter(pk=pilot.living_lab_id).exists()


def test_deleting_in_the_admin_removes_from_the_index(
    roles, client, django_capture_on_commit_callbacks
):
    from kennisbrug.accounts.tests.factories import UserFactory

    staff = UserFactory(secretariat=True, is_staff=True, is_superuser=True)
    one, two = FacilityFactory(owner=roles.organisation), FacilityFactory(owner=roles.organisation)
    lab = LivingLabFactory(owner=roles.organisation)
    assert index.get_engine().get("facility", str(one.pk))
    log_in(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:facilities_facility_delete", args=[one.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
        response = client.post(
            reverse("admin:facilities_livinglab_changelist"),
            {"action": "delete_selected", "_selected_action": [lab.pk], "post": "yes"},
        )
        assert response.status_code == 302
    engine = index.get_engine()
    assert not Facility.objects.filter(pk=one.pk).exists()
    assert engine.get("facility", str(one.pk)) is None
    assert engine.get("living_lab", str(lab.pk)) is None
    assert engine.get("facility", str(two.pk))
