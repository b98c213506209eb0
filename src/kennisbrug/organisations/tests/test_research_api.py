"""The research groups and experts API: who may read and write, what anonymous clients
do not get (contact addresses, unlisted experts), and bad input."""

import pytest
from tests.clients import api_client_for

from kennisbrug.organisations.models import Expert, ResearchGroup

from .factories import ExpertFactory, ResearchGroupFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
ROLES = ["anonymous", "other", "member", "admin", "secretariat"]


def expect(role, table):
    return dict(zip(ROLES, table, strict=True))[role]


@pytest.fixture
def records(roles):
    group = ResearchGroupFactory(
        organisation=roles.organisation, name="Lab Waterstof", contact_email="lab@example.org"
    )
    listed = ExpertFactory(organisation=roles.organisation, name="An", email="an@example.org")
    hidden = ExpertFactory(organisation=roles.organisation, name="Verborgen", listed=False)
    return group, listed, hidden


@pytest.mark.parametrize("role", ROLES)
def test_reading_per_role(roles, role, records):
    _group, listed, hidden = records
    client = api_client_for(roles.as_dict()[role])
    signed_in = role != "anonymous"
    groups = client.get("/api/v1/research-groups/", {"q": "waterstof"}).json()
    assert [g["name"] for g in groups["results"]] == ["Lab Waterstof"]
    assert groups["results"][0]["contact_email"] == ("lab@example.org" if signed_in else None)
    experts = client.get("/api/v1/experts/").json()
    assert [e["name"] for e in experts["results"]] == ["An"]
    assert experts["results"][0]["email"] == ("an@example.org" if signed_in else None)
    slug = roles.organisation.slug
    assert client.get(f"/api/v1/organisations/{slug}/experts/{listed.pk}/").status_code == 200
    hidden_status = client.get(f"/api/v1/organisations/{slug}/experts/{hidden.pk}/").status_code
    assert hidden_status == expect(role, [404, 404, 404, 200, 200])


@pytest.mark.parametrize("role", ROLES)
def test_writing_per_role(roles, role, records):
    group, listed, _hidden = records
    client = api_client_for(roles.as_dict()[role])
    slug = roles.organisation.slug
    allowed = role in ("admin", "secretariat")
    refused = 401 if role == "anonymous" else 403
    created = client.post(
        f"/api/v1/organisations/{slug}/research-groups/",
        {"name": "Nieuw lab", "expertise": "robotica", "sectors": ["fotonica"]},
        format="json",
    )
    assert created.status_code == (201 if allowed else refused)
    assert ResearchGroup.objects.filter(name="Nieuw lab").exists() is allowed
    changed = client.patch(
        f"/api/v1/organisations/{slug}/research-groups/{group.pk}/",
        {"name": "Hernoemd"},
        format="json",
    )
    assert changed.status_code == (200 if allowed else refused)
    added = client.post(
        f"/api/v1/organisations/{slug}/experts/",
        {"name": "Bart", "expertise": "lasers", "research_group": group.pk, "listed": True},
        format="json",
    )
    assert added.status_code == (201 if allowed else refused)
    removed = client.delete(f"/api/v1/organisations/{slug}/experts/{listed.pk}/")
    assert removed.status_code == (204 if allowed else refused)
    assert Expert.objects.filter(pk=listed.pk).exists() is not allowed
    removed = client.delete(f"/api/v1/organisations/{slug}/research-groups/{group.pk}/")
    assert removed.status_code == (204 if allowed else refused)
    assert ResearchGroup.objects.filter(pk=group.pk).exists() is not allowed


def test_an_admin_of_another_organisation_cannot_write_through_any_slug(roles, records):
    group, listed, _hidden = records
    client = api_client_for(roles.other)
    own = roles.other_organisation.slug
    assert (
        client.patch(
            f"/api/v1/organisations/{own}/research-groups/{group.pk}/", {"name": "X"}, format="json"
        ).status_code
        == 404
    )
    assert client.delete(f"/api/v1/organisations/{own}/experts/{listed.pk}/").status_code == 404
    # The other organisation's group cannot be given to our expert, even by our admin.
    foreign = ResearchGroupFactory(organisation=roles.other_organisation)
    admin = api_client_for(roles.admin)
    answer = admin.patch(
        f"/api/v1/organisations/{roles.organisation.slug}/experts/{listed.pk}/",
        {"research_group": foreign.pk},
        format="json",
    )
    assert answer.status_code == 400
    assert "research_group" in answer.json()["errors"] or "research_group" in answer.json()
    listed.refresh_from_db()
    assert (
        listed.research_group is None and ResearchGroup.objects.get(pk=group.pk).name == group.name
    )


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": "x" * 201, "expertise": "x"},
        {"name": "Dr. X", "expertise": "x" * 2001},
        {"name": "Dr. X", "expertise": "x", "email": "geen-adres"},
        {"name": "Dr.\u0000X", "expertise": "x"},
        {"name": "Dr. X", "expertise": "x", "research_group": 999999},
        {"name": ["lijst"], "expertise": {"dict": 1}},
        {"name": "Dr. X", "expertise": "x", "listed": "misschien"},
    ],
)
def test_bad_expert_input_is_a_400_and_writes_nothing(roles, body):
    client = api_client_for(roles.admin)
    answer = client.post(
        f"/api/v1/organisations/{roles.organisation.slug}/experts/", body, format="json"
    )
    assert answer.status_code == 400, answer.content
    assert not Expert.objects.exists()


def test_bad_search_input_is_a_400(roles):
    client = api_client_for(None)
    assert client.get("/api/v1/experts/", {"country": "ZZ"}).status_code == 400
    assert client.get("/api/v1/research-groups/", {"q": "x" * 500}).status_code == 400
    assert client.get("/api/v1/organisations/onbekend/research-groups/1/").status_code == 404
