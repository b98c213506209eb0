import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog
from kennisbrug.skills import services
from kennisbrug.skills.models import Profile, ProfileSkill

from .conftest import skill_uri

pytestmark = pytest.mark.django_db
URL = "/api/v1/skills/profile"


def test_profile_needs_explicit_consent(taxonomy):
    user = UserFactory()
    with pytest.raises(ValidationError, match="agree to the privacy statement"):
        services.profile_create(user=user, consent=False)
    assert Profile.objects.count() == 0


def test_text_proposals_are_confirmed_or_dropped(taxonomy):
    profile = services.profile_create(user=UserFactory(), consent=True, postcode="5611")
    assert (profile.country_id, profile.nuts3.province_id) == ("NL", "NL41")
    proposed = services.profile_recognise_text(
        profile=profile, text="Ik installeer zonnepanelen en laadpalen."
    )
    uris = {p.skill.uri for p in proposed}
    assert skill_uri("install-pv") in uris
    keep = [p.skill_id for p in proposed if p.skill.uri == skill_uri("install-pv")]
    assert services.profile_confirm_skills(profile=profile, skill_ids=keep) == 1
    assert list(profile.profile_skills.values_list("skill__uri", "confirmed")) == [
        (skill_uri("install-pv"), True)
    ]


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"postcode": "99999"}, "four digits"),
        ({"max_travel_km": 10_000}, "between 0 and 300"),
        ({"languages": ["xx"]}, "Unknown language"),
        ({"context": "<script>"}, "Unknown situation"),
        ({"qualification_level": "99"}, "Unknown qualification level"),
        ({"experience_text": "x" * 5001}, "too long"),
    ],
)
def test_bad_profile_fields_write_nothing(taxonomy, fields, message):
    with pytest.raises(ValidationError, match=message):
        services.profile_create(user=UserFactory(), consent=True, **fields)
    assert Profile.objects.count() == 0


def test_export_and_delete_remove_everything(taxonomy):
    user = UserFactory()
    profile = services.profile_create(user=user, consent=True, experience_text="Lassen")
    services.profile_add_skills(profile=profile, skill_uris=[skill_uri("weld-tig")])
    data = services.profile_export(profile=profile)
    assert data["skills"][0]["uri"] == skill_uri("weld-tig")
    assert data["experience_text"] == "Lassen"
    services.profile_delete(profile=profile, actor=user)
    assert not Profile.objects.exists() and not ProfileSkill.objects.exists()
    record = AuditLog.objects.get(action="skills_profile_deleted")
    assert "Lassen" not in str(record.data)


def test_deleting_the_profile_anonymises_the_participations(taxonomy):
    from kennisbrug.organisations.tests.factories import MembershipFactory
    from kennisbrug.skills.models import TrainingParticipation

    from .factories import TrainingFactory

    user, other = UserFactory(), UserFactory()
    employer = MembershipFactory(user=user).organisation  # the employer must be one's own
    mine = [
        services.training_enrol(training=TrainingFactory(), user=user, employer=employer)
        for _ in range(2)
    ]
    theirs = services.training_enrol(training=mine[0].training, user=other)
    profile = services.profile_create(user=user, consent=True)
    services.profile_delete(profile=profile, actor=user)
    assert not TrainingParticipation.objects.filter(user=user).exists()
    rows = TrainingParticipation.objects.filter(pk__in=[p.pk for p in mine])
    keys = {row.anonymous_key for row in rows}
    assert len(keys) == 1 and None not in keys  # one unknown person, still counted once
    assert {row.employer_id for row in rows} == {employer.pk}  # what the indicators need
    theirs.refresh_from_db()
    assert theirs.user == other and theirs.anonymous_key is None
    # A provider can no longer record anything about the anonymous person.
    teacher = MembershipFactory(organisation=rows[0].training.provider, admin=True).user
    with pytest.raises(ValidationError, match="deleted their data"):
        services.training_participation_complete(participation=rows[0], by=teacher)


def test_unknown_skill_uri_adds_nothing(taxonomy):
    profile = services.profile_create(user=UserFactory(), consent=True)
    with pytest.raises(ValidationError, match="Unknown skill"):
        services.profile_add_skills(
            profile=profile, skill_uris=[skill_uri("weld-tig"), "https://x/evil"]
        )
    assert ProfileSkill.objects.count() == 0


@pytest.mark.parametrize("role", ["anonymous", "other", "member", "admin", "secretariat"])
def test_profile_api_permission_matrix(taxonomy, roles, role):
    """Everyone signed in sees and changes only their own profile; anonymous gets 401/403."""
    owner = UserFactory()
    services.profile_create(user=owner, consent=True, experience_text="geheim")
    user = roles.as_dict()[role]
    client = APIClient()
    if user is None:
        assert client.get(URL).status_code in (401, 403)
        assert client.delete(URL).status_code in (401, 403)
        return
    client.force_authenticate(user)
    response = client.get(URL)
    assert response.status_code == 404  # their own (absent) profile, never the owner's
    assert "geheim" not in response.content.decode()
    assert client.delete(URL).status_code == 404
    assert Profile.objects.filter(user=owner).exists()


def test_profile_api_lifecycle(taxonomy):
    user = UserFactory()
    client = APIClient()
    client.force_authenticate(user)
    assert client.post(URL, {"experience_text": "x"}, format="json").status_code == 400
    response = client.post(
        URL,
        {"consent": True, "postcode": "2000", "country": "BE", "skills": [skill_uri("weld-tig")]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["region"] == "BE211"
    assert client.post(URL, {"consent": True}, format="json").status_code == 400
    response = client.patch(URL, {"max_travel_km": 999}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert client.patch(URL, {"open_to_employers": True}, format="json").json()["open_to_employers"]
    assert client.delete(URL).status_code == 204
    assert not Profile.objects.filter(user=user).exists()
