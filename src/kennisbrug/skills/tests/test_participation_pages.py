"""Pages of training participations: enrol button, participant list, mark completed."""

import pytest
from tests.clients import log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.skills import services
from kennisbrug.skills.models import TrainingParticipation

from .factories import TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(roles):
    return TrainingFactory(provider=roles.organisation, title="Lassen voor gevorderden")


@pytest.fixture
def person(db):
    return UserFactory(full_name="Deelnemer Een")


def test_enrol_button_and_enrolment(client, training, person):
    assert "Enrol" not in client.get("/skills/trainings/").content.decode()
    log_in(client, person)
    page = client.get("/skills/trainings/").content.decode()
    assert f'action="/skills/trainings/{training.pk}/enrol/"' in page
    response = client.post(f"/skills/trainings/{training.pk}/enrol/")
    assert response.status_code == 302
    assert TrainingParticipation.objects.get().user == person
    page = client.get("/skills/trainings/").content.decode()
    assert f'action="/skills/trainings/{training.pk}/enrol/"' not in page
    client.post(f"/skills/trainings/{training.pk}/enrol/")  # twice: refused, one record
    assert TrainingParticipation.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "enrolled", "withdrawn"),
    [("en", "enrolled", "withdrawn"), ("nl", "ingeschreven", "ingetrokken")],
)
def test_the_catalogue_says_how_a_participation_stands(
    client, training, person, language, enrolled, withdrawn
):
    participation = services.training_enrol(training=training, user=person)
    log_in(client, person)

    def tag():
        page = client.get("/skills/trainings/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'action="/skills/trainings/{training.pk}/enrol/"' not in page
        return page

    assert f'<span class="tag">{enrolled}</span>' in tag()
    services.training_participation_withdraw(participation=participation, by=person)
    page = tag()  # no second enrolment after a withdrawal, so no button either
    assert f'<span class="tag">{withdrawn}</span>' in page
    assert f'<span class="tag">{enrolled}</span>' not in page


def test_enrol_for_own_organisation_only(client, training, roles):
    log_in(client, roles.other)
    url = f"/skills/trainings/{training.pk}/enrol/"
    for bad in (str(roles.organisation.pk), "<script>", "1 OR 1=1", "\x00"):
        client.post(url, {"employer": bad})
    assert TrainingParticipation.objects.count() == 0
    client.post(url, {"employer": str(roles.other_organisation.pk)})
    assert TrainingParticipation.objects.get().employer == roles.other_organisation


def test_enrol_needs_sign_in_and_post(client, training, person):
    assert client.post(f"/skills/trainings/{training.pk}/enrol/").status_code == 302
    log_in(client, person)
    assert client.get(f"/skills/trainings/{training.pk}/enrol/").status_code == 405
    hidden = TrainingFactory(is_published=False)
    assert client.post(f"/skills/trainings/{hidden.pk}/enrol/").status_code == 404
    assert TrainingParticipation.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("other", False), ("member", True), ("admin", True), ("secretariat", False)],
)
def test_participants_page_and_complete_matrix(client, role, allowed, training, person, roles):
    p = services.training_enrol(training=training, user=person)
    log_in(client, roles.as_dict()[role])
    page = client.get(f"/skills/trainings/{training.pk}/participants/")
    assert page.status_code == (200 if allowed else 403)
    response = client.post(f"/skills/participations/{p.pk}/complete/")
    assert response.status_code == (302 if allowed else 403)
    p.refresh_from_db()
    assert p.status == ("completed" if allowed else "enrolled")
    if allowed:
        page = client.get(f"/skills/trainings/{training.pk}/participants/").content.decode()
        assert "Deelnemer Een" in page and "<caption>" in page


def test_participants_page_anonymous_redirected(client, training, person):
    p = services.training_enrol(training=training, user=person)
    assert client.get(f"/skills/trainings/{training.pk}/participants/").status_code == 302
    assert client.post(f"/skills/participations/{p.pk}/complete/").status_code == 302
    log_in(client, person)  # the participant cannot mark themself completed
    assert client.post(f"/skills/participations/{p.pk}/complete/").status_code == 403
    p.refresh_from_db()
    assert p.status == "enrolled"


@pytest.mark.parametrize("role", ["member", "admin", "secretariat"])
def test_enrol_page_refuses_a_foreign_employer_with_a_message(client, training, roles, role):
    log_in(client, roles.as_dict()[role])
    url = f"/skills/trainings/{training.pk}/enrol/"
    response = client.post(url, {"employer": str(roles.other_organisation.pk)}, follow=True)
    assert "Choose one of your own organisations as employer." in response.content.decode()
    assert TrainingParticipation.objects.count() == 0
