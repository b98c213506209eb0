"""API of trainings, vacancies and learning paths: permission matrix and bad input."""

import datetime

import pytest
from tests.clients import api_client_for

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.skills import services
from kennisbrug.skills.models import Occupation, Training, Vacancy

from .conftest import occupation_uri, skill_uri
from .factories import TrainingFactory

# A start date still ahead when the tests run (past trainings are not listed)
NEXT_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "other", "member", "admin", "secretariat"]


def _api(user):
    return api_client_for(user)


def _training(roles, **extra):
    return {
        "provider": roles.organisation.pk,
        "title": "PLC basis",
        "skills": [skill_uri("plc-program")],
        "language": "nl",
        "mode": "online",
        "cost": "250.00",
        "duration_hours": 16,
        "start_dates": [NEXT_MONTH],
        "audiences": ["employees"],
        **extra,
    }


@pytest.mark.parametrize("role", ROLES)
def test_training_crud_matrix(roles, taxonomy, role):
    user = roles.as_dict()[role]
    allowed = role in ("member", "admin")
    response = _api(user).post("/api/v1/skills/trainings/", _training(roles), format="json")
    assert response.status_code == (201 if allowed else 401 if user is None else 403)
    assert Training.objects.count() == (1 if allowed else 0)
    training = TrainingFactory(provider=roles.organisation, title="Bestaand")
    hidden = TrainingFactory(provider=roles.organisation, title="Verborgen", is_published=False)
    assert _api(user).get(f"/api/v1/skills/trainings/{training.pk}").status_code == 200
    hidden_status = _api(user).get(f"/api/v1/skills/trainings/{hidden.pk}").status_code
    assert hidden_status == (200 if allowed or role == "secretariat" else 404)
    titles = {t["title"] for t in _api(user).get("/api/v1/skills/trainings/").json()}
    assert "Bestaand" in titles and ("Verborgen" in titles) == allowed
    patch = _api(user).patch(
        f"/api/v1/skills/trainings/{training.pk}", {"title": "Nieuw"}, format="json"
    )
    assert patch.status_code == (200 if allowed else 401 if user is None else 403)
    delete = _api(user).delete(f"/api/v1/skills/trainings/{training.pk}")
    assert delete.status_code == (204 if allowed else 401 if user is None else 403)
    assert Training.objects.filter(pk=training.pk).exists() != allowed


@pytest.mark.parametrize(
    "change",
    [
        {"title": ""},
        {"title": "x" * 201},
        {"title": "a\x00b"},
        {"skills": []},
        {"skills": ["https://example.org/nope"]},
        {"skills": ["<script>"] * 51},
        {"cost": "-5"},
        {"cost": "abc"},
        {"cost": "1000000000"},
        {"duration_hours": 0},
        {"duration_hours": "x"},
        {"language": "xx"},
        {"mode": "on_site"},
        {"mode": "on_site", "nuts3": "XX123"},
        {"start_dates": ["31-12-2026"]},
        {"audiences": ["'; DROP TABLE x; --"]},
        {"sectors": ["nope"]},
        {"level": "42"},
        {"provider": 999999},
        {"provider": None},
    ],
)
def test_training_bad_input_writes_nothing(roles, taxonomy, change):
    data = _training(roles, **change)
    if change.get("provider", 0) is None:
        data.pop("provider")
    response = _api(roles.member).post("/api/v1/skills/trainings/", data, format="json")
    assert response.status_code == 400, response.json()
    assert response["Content-Type"].startswith("application/problem+json")
    assert Training.objects.count() == 0


def test_training_filters(roles, taxonomy, client):
    services.training_create(
        user=roles.member,
        provider=roles.organisation,
        **{
            k: v
            for k, v in _training(roles, audiences=["sme_managers"], sectors=["fotonica"]).items()
            if k != "provider"
        },
    )
    TrainingFactory(provider=roles.organisation, title="Lassen", audiences=["job_seekers"])
    got = _api(None).get(
        "/api/v1/skills/trainings/", {"audience": "sme_managers", "sector": "fotonica"}
    )
    assert [t["title"] for t in got.json()] == ["PLC basis"]
    page = client.get("/skills/trainings/", {"audience": "sme_managers", "sector": "fotonica"})
    assert "PLC basis" in page.content.decode() and "Lassen" not in page.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_vacancy_crud_matrix(roles, taxonomy, role):
    user = roles.as_dict()[role]
    allowed = role in ("member", "admin")
    data = {
        "organisation": roles.organisation.pk,
        "title": "Lasser",
        "nuts3": "BE234",
        "occupation": occupation_uri("welder"),
    }
    response = _api(user).post("/api/v1/skills/vacancies/", data, format="json")
    assert response.status_code == (201 if allowed else 401 if user is None else 403)
    assert Vacancy.objects.count() == (1 if allowed else 0)
    welder = Occupation.objects.get(uri=occupation_uri("welder"))
    vacancy = Vacancy.objects.create(
        organisation=roles.organisation, occupation=welder, title="Open", nuts3_id="BE234"
    )
    closed = Vacancy.objects.create(
        organisation=roles.organisation,
        occupation=welder,
        title="Dicht",
        nuts3_id="BE234",
        status="closed",
    )
    assert _api(user).get(f"/api/v1/skills/vacancies/{vacancy.pk}").status_code == 200
    assert _api(user).get(f"/api/v1/skills/vacancies/{closed.pk}").status_code == (
        200 if allowed or role == "secretariat" else 404
    )
    patch = _api(user).patch(
        f"/api/v1/skills/vacancies/{vacancy.pk}", {"status": "closed"}, format="json"
    )
    assert patch.status_code == (200 if allowed else 401 if user is None else 403)
    delete = _api(user).delete(f"/api/v1/skills/vacancies/{vacancy.pk}")
    assert delete.status_code == (204 if allowed else 401 if user is None else 403)


@pytest.mark.parametrize(
    "change",
    [
        {"title": ""},
        {"occupation": "https://example.org/none"},
        {"occupation": "<b>x</b>"},
        {"nuts3": "DE111"},
        {"nuts3": ""},
        {"status": "gone"},
        {"level": "x"},
        {"title": "x\x07"},
    ],
)
def test_vacancy_bad_input_writes_nothing(roles, taxonomy, change):
    data = {
        "organisation": roles.organisation.pk,
        "title": "Lasser",
        "nuts3": "BE234",
        "occupation": occupation_uri("welder"),
        **change,
    }
    response = _api(roles.member).post("/api/v1/skills/vacancies/", data, format="json")
    assert response.status_code == 400
    assert Vacancy.objects.count() == 0


def test_learning_path_api_for_own_profile(roles, taxonomy):
    welder = Occupation.objects.get(uri=occupation_uri("welder"))
    cheap = TrainingFactory(
        provider=roles.organisation,
        title="Goedkoop",
        cost="100.00",
        duration_hours=200,
        mode="online",
        teaches=list(welder.skills.all()),
    )
    TrainingFactory(
        provider=roles.organisation,
        title="Kort",
        cost="900.00",
        duration_hours=10,
        mode="online",
        teaches=list(welder.skills.all()),
    )
    url = f"/api/v1/skills/occupations/{welder.pk}/learning-path"
    assert _api(None).get(url).status_code == 401
    user = UserFactory()
    assert _api(user).get(url).status_code == 404  # no profile yet
    services.profile_create(user=user, consent=True)
    by_cost = _api(user).get(url, {"optimise": "cost"}).json()
    assert [t["training"]["title"] for t in by_cost["trainings"]] == [cheap.title]
    by_uri = (
        _api(user)
        .get(f"/api/v1/skills/occupations/{welder.uri}/learning-path", {"optimise": "duration"})
        .json()
    )
    assert [t["training"]["title"] for t in by_uri["trainings"]] == ["Kort"]
    assert _api(user).get(url, {"optimise": "<script>"}).status_code == 400
    assert _api(user).get("/api/v1/skills/occupations/999999/learning-path").status_code == 404
