"""Training participations: services, API, permission matrix, bad input."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from tests.clients import api_client_for, log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog
from kennisbrug.skills import services
from kennisbrug.skills.models import TrainingParticipation

from .factories import TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(roles):
    return TrainingFactory(provider=roles.organisation)


@pytest.fixture
def person(db):
    return UserFactory(full_name="Deelnemer")


def api(user=None):
    return api_client_for(user)


def test_enrol_complete_and_audit(training, roles):
    person = roles.other
    p = services.training_enrol(training=training, user=person, employer=roles.other_organisation)
    assert (p.status, p.employer, p.completed_at) == ("enrolled", roles.other_organisation, None)
    done = services.training_participation_complete(participation=p, by=roles.member)
    assert done.status == "completed" and done.completed_at >= done.enrolled_at
    actions = list(AuditLog.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["skills.training_enrol", "skills.training_participation_complete"]


def test_duplicate_enrolment_refused_also_after_withdrawal(training, person):
    p = services.training_enrol(training=training, user=person)
    with pytest.raises(ValidationError):
        services.training_enrol(training=training, user=person)
    services.training_participation_withdraw(participation=p, by=person)
    with pytest.raises(ValidationError):
        services.training_enrol(training=training, user=person)
    assert TrainingParticipation.objects.count() == 1


def test_unpublished_and_anonymous_refused(roles, person):
    from django.contrib.auth.models import AnonymousUser

    hidden = TrainingFactory(provider=roles.organisation, is_published=False)
    with pytest.raises(ValidationError):
        services.training_enrol(training=hidden, user=person)
    with pytest.raises(PermissionDenied):
        services.training_enrol(training=TrainingFactory(), user=AnonymousUser())
    assert TrainingParticipation.objects.count() == 0


def test_withdrawn_or_completed_cannot_complete_or_withdraw(training, person, roles):
    p = services.training_enrol(training=training, user=person)
    services.training_participation_withdraw(participation=p, by=person)
    with pytest.raises(ValidationError):
        services.training_participation_complete(participation=p, by=roles.member)
    other = services.training_enrol(
        training=TrainingFactory(provider=roles.organisation), user=person
    )
    services.training_participation_complete(participation=other, by=roles.admin)
    with pytest.raises(ValidationError):
        services.training_participation_withdraw(participation=other, by=person)


def test_constraints_in_the_database(training, person):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingParticipation.objects.create(
            training=training, user=person, enrolled_at=now, completed_at=now - dt.timedelta(1)
        )
    TrainingParticipation.objects.create(training=training, user=person, enrolled_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingParticipation.objects.create(training=training, user=person, enrolled_at=now)


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 403), ("other", 403), ("member", 200), ("admin", 200), ("secretariat", 403)],
)
def test_complete_permission_matrix(role, status, training, person, roles):
    p = services.training_enrol(training=training, user=person)
    response = api(roles.as_dict()[role]).post(f"/api/v1/skills/participations/{p.pk}/complete/")
    assert response.status_code in ((401, 403) if status == 403 else (status,))
    p.refresh_from_db()
    assert p.status == ("completed" if status == 200 else "enrolled")


def test_participant_cannot_complete_own_participation(training, person):
    p = services.training_enrol(training=training, user=person)
    response = api(person).post(f"/api/v1/skills/participations/{p.pk}/complete/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("role", ["anonymous", "other", "member", "admin", "secretariat", "person"])
def test_enrol_permission_matrix(role, training, person, roles):
    user = person if role == "person" else roles.as_dict()[role]
    response = api(user).post(
        f"/api/v1/skills/trainings/{training.pk}/participations/", {}, format="json"
    )
    if user is None:
        assert response.status_code in (401, 403)
        assert TrainingParticipation.objects.count() == 0
    else:
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "enrolled"
        assert TrainingParticipation.objects.get().user == user


def test_enrol_api_duplicate_and_unpublished(training, person, roles):
    url = f"/api/v1/skills/trainings/{training.pk}/participations/"
    assert api(person).post(url, {}, format="json").status_code == 201
    again = api(person).post(url, {}, format="json")
    assert again.status_code == 400
    assert again["Content-Type"].startswith("application/problem+json")
    hidden = TrainingFactory(provider=roles.organisation, is_published=False)
    url = f"/api/v1/skills/trainings/{hidden.pk}/participations/"
    assert api(person).post(url, {}, format="json").status_code == 404
    assert (
        api(roles.member).post(url, {}, format="json").status_code == 400
    )  # visible to the provider
    assert api(person).post("/api/v1/skills/trainings/999999/participations/").status_code == 404
    assert TrainingParticipation.objects.count() == 1


@pytest.mark.parametrize("role", ["person", "member", "admin", "secretariat"])
def test_service_refuses_an_employer_the_user_is_not_active_member_of(
    roles, training, person, role
):
    # (roles.other, a member of other_organisation, may: test_enrol_complete_and_audit)
    user = person if role == "person" else roles.as_dict()[role]
    with pytest.raises(ValidationError) as exc:
        services.training_enrol(training=training, user=user, employer=roles.other_organisation)
    assert exc.value.message_dict["employer"] == [
        "Choose one of your own organisations as employer."
    ]
    assert TrainingParticipation.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "own"),
    [
        ("person", False),
        ("other", True),
        ("member", False),
        ("admin", False),
        ("secretariat", False),
    ],
)
def test_enrol_api_employer_only_among_own_organisations(roles, training, person, role, own):
    user = person if role == "person" else roles.as_dict()[role]
    url = f"/api/v1/skills/trainings/{training.pk}/participations/"
    response = api(user).post(url, {"employer": roles.other_organisation.pk}, format="json")
    if own:
        assert response.status_code == 201, response.content
        assert response.json()["employer"] == roles.other_organisation.pk
        return
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]["employer"] == [
        "Choose one of your own organisations as employer."
    ]
    assert TrainingParticipation.objects.count() == 0


def test_enrol_api_unknown_and_foreign_employer_answer_alike(roles, training):
    url = f"/api/v1/skills/trainings/{training.pk}/participations/"
    foreign = api(roles.member).post(url, {"employer": roles.other_organisation.pk}, format="json")
    unknown = api(roles.member).post(url, {"employer": 987654}, format="json")
    assert foreign.json() == unknown.json()


def test_enrol_api_pending_or_ended_membership_is_not_enough(training):
    from kennisbrug.organisations.constants import MembershipStatus
    from kennisbrug.organisations.tests.factories import MembershipFactory

    pending = MembershipFactory(status=MembershipStatus.PENDING)
    url = f"/api/v1/skills/trainings/{training.pk}/participations/"
    response = api(pending.user).post(url, {"employer": pending.organisation.pk}, format="json")
    assert response.status_code == 400
    assert TrainingParticipation.objects.count() == 0


def test_enrol_api_in_dutch(roles, training):
    url = f"/api/v1/skills/trainings/{training.pk}/participations/"
    client = api_client_for(roles.member, language="nl")
    response = client.post(url, {"employer": roles.other_organisation.pk}, format="json")
    assert "eigen organisaties" in response.json()["errors"]["employer"][0]


@pytest.mark.parametrize(
    "employer",
    [
        "abc",
        "<script>alert(1)</script>",
        "1; DROP TABLE skills_training;--",
        "\x00\x01",
        -3,
        0,
        10**20,
        999999,
        [1],
    ],
)
def test_enrol_api_bad_employer(employer, training, person):
    url = f"/api/v1/skills/trainings/{training.pk}/participations/"
    response = api(person).post(url, {"employer": employer}, format="json")
    assert response.status_code == 400
    assert "employer" in response.content.decode()
    assert TrainingParticipation.objects.count() == 0


def test_complete_unknown_participation_is_404(roles):
    assert (
        api(roles.member).post("/api/v1/skills/participations/424242/complete/").status_code == 404
    )


def test_a_training_whose_start_dates_have_passed_is_not_offered_nor_enrolled(roles, person):
    from kennisbrug.skills.selectors import training_list

    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    over = TrainingFactory(provider=roles.organisation, title="Voorbij", start_dates=[yesterday])
    self_paced = TrainingFactory(title="Zelfstudie", start_dates=[])
    upcoming = TrainingFactory(title="Komt nog")
    with pytest.raises(ValidationError, match="not open for enrolment"):
        services.training_enrol(training=over, user=person)
    services.training_enrol(training=self_paced, user=person)
    assert set(training_list(user=person)) == {self_paced, upcoming}
    assert set(training_list(user=None)) == {self_paced, upcoming}
    # the provider still sees its own past course, without an enrol button
    assert over in training_list(user=roles.member)
    listed = api(person).get("/api/v1/skills/trainings/").json()
    assert {t["title"] for t in listed} == {"Zelfstudie", "Komt nog"}
    response = api(person).post(
        f"/api/v1/skills/trainings/{over.pk}/participations/", {}, format="json"
    )
    assert response.status_code == 400
    assert TrainingParticipation.objects.filter(training=over).count() == 0


def test_catalogue_shows_the_provider_its_past_course_without_an_enrol_button(roles, client):
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    over = TrainingFactory(provider=roles.organisation, title="Voorbij", start_dates=[yesterday])
    log_in(client, roles.member)
    html = client.get("/skills/trainings/").content.decode()
    assert "Voorbij" in html and "all start dates have passed" in html
    assert f"/skills/trainings/{over.pk}/enrol/" not in html
