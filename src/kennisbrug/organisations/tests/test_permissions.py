"""Who may use each page and endpoint of the registry: every role, GET and POST."""

import pytest
from django.test import Client
from tests.clients import api_client_for, log_in

from kennisbrug.organisations.constants import MembershipStatus
from kennisbrug.organisations.models import Membership, Organisation

from .factories import MembershipFactory

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "other", "member", "admin", "secretariat"]
LOGIN = 302  # anonymous visitors are sent to the login page


def page_client(roles, role):
    client = Client()
    user = roles.as_dict()[role]
    if user:
        log_in(client, user)
    return client


def api_client(roles, role):
    return api_client_for(roles.as_dict()[role])


def expect(role, table):
    return dict(zip(ROLES, table, strict=True))[role]


FORM = {"name": "Nieuw", "type": "sme", "country": "BE", "postcode": "9000", "city": "Gent"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "path,statuses",
    [
        ("/organisations/", [200, 200, 200, 200, 200]),
        ("/organisations/{slug}/", [200, 200, 200, 200, 200]),
        ("/organisations/new/", [LOGIN, 200, 200, 200, 200]),
        ("/organisations/{slug}/edit/", [LOGIN, 403, 403, 200, 200]),
        ("/organisations/{slug}/join/", [LOGIN, 200, 200, 200, 200]),
        ("/organisations/{slug}/members/", [LOGIN, 403, 403, 200, 200]),
    ],
)
def test_pages_get(roles, role, path, statuses):
    response = page_client(roles, role).get(path.format(slug=roles.organisation.slug))
    assert response.status_code == expect(role, statuses)


@pytest.mark.parametrize("role", ROLES)
def test_page_list_and_detail_refuse_post(roles, role):
    client = page_client(roles, role)
    assert client.post("/organisations/").status_code == 405
    assert client.post(f"/organisations/{roles.organisation.slug}/").status_code == 405


@pytest.mark.parametrize(
    "role,status,created",
    [
        ("anonymous", LOGIN, 0),
        ("other", 302, 1),
        ("member", 302, 1),
        ("admin", 302, 1),
        ("secretariat", 302, 1),
    ],
)
def test_page_create_post(roles, role, status, created):
    before = Organisation.objects.count()
    response = page_client(roles, role).post("/organisations/new/", FORM)
    assert response.status_code == status
    assert Organisation.objects.count() == before + created


@pytest.mark.parametrize(
    "role,status,changed",
    [
        ("anonymous", LOGIN, False),
        ("other", 403, False),
        ("member", 403, False),
        ("admin", 302, True),
        ("secretariat", 302, True),
    ],
)
def test_page_edit_post(roles, role, status, changed):
    response = page_client(roles, role).post(
        f"/organisations/{roles.organisation.slug}/edit/",
        {**FORM, "name": "Gewijzigd", "staff_headcount": "20", "annual_turnover": "3000000"},
    )
    assert response.status_code == status
    roles.organisation.refresh_from_db()
    assert (roles.organisation.name == "Gewijzigd") is changed


@pytest.mark.parametrize(
    "role,status,pending",
    [
        ("anonymous", LOGIN, 0),
        ("other", 302, 1),
        ("member", 200, 0),
        ("admin", 200, 0),
        ("secretariat", 302, 1),
    ],
)
def test_page_join_post(roles, role, status, pending):
    response = page_client(roles, role).post(
        f"/organisations/{roles.organisation.slug}/join/", {"message": "graag"}
    )
    assert response.status_code == status
    assert Membership.objects.filter(status=MembershipStatus.PENDING).count() == pending


@pytest.mark.parametrize(
    "role,status,decided",
    [
        ("anonymous", LOGIN, False),
        ("other", 403, False),
        ("member", 403, False),
        ("admin", 302, True),
        ("secretariat", 302, True),
    ],
)
def test_page_members_post(roles, role, status, decided):
    pending = MembershipFactory(organisation=roles.organisation, pending=True)
    response = page_client(roles, role).post(
        f"/organisations/{roles.organisation.slug}/members/",
        {"membership": pending.pk, "action": "approve"},
    )
    assert response.status_code == status
    pending.refresh_from_db()
    assert (pending.status == MembershipStatus.ACTIVE) is decided


REFERENCE = [
    "countries",
    "provinces",
    "nuts3-regions",
    "sectors",
    "technologies",
    "objectives",
    "target-groups",
]


@pytest.mark.parametrize("role", ROLES)
def test_api_reads_open_to_all(roles, role):
    client = api_client(roles, role)
    assert client.get("/api/v1/organisations/").status_code == 200
    assert client.get(f"/api/v1/organisations/{roles.organisation.slug}/").status_code == 200
    for name in REFERENCE:
        assert client.get(f"/api/v1/reference/{name}/").status_code == 200, name
        assert client.post(f"/api/v1/reference/{name}/", {}, format="json").status_code in (
            401,
            405,
        )
    resolve = client.get("/api/v1/reference/postcodes/resolve/?country=BE&postcode=9000")
    assert resolve.status_code == 200


@pytest.mark.parametrize(
    "role,status",
    [("anonymous", 401), ("other", 201), ("member", 201), ("admin", 201), ("secretariat", 201)],
)
def test_api_create(roles, role, status):
    response = api_client(roles, role).post("/api/v1/organisations/", FORM, format="json")
    assert response.status_code == status


@pytest.mark.parametrize(
    "role,status",
    [("anonymous", 401), ("other", 403), ("member", 403), ("admin", 200), ("secretariat", 200)],
)
def test_api_patch(roles, role, status):
    response = api_client(roles, role).patch(
        f"/api/v1/organisations/{roles.organisation.slug}/", {"offers": "Nieuw"}, format="json"
    )
    assert response.status_code == status
    roles.organisation.refresh_from_db()
    assert (roles.organisation.offers == "Nieuw") is (status == 200)


@pytest.mark.parametrize(
    "role,status",
    [("anonymous", 401), ("other", 201), ("member", 400), ("admin", 400), ("secretariat", 201)],
)
def test_api_membership_request(roles, role, status):
    response = api_client(roles, role).post(
        f"/api/v1/organisations/{roles.organisation.slug}/membership-requests/",
        {"message": "graag"},
        format="json",
    )
    assert response.status_code == status


@pytest.mark.parametrize("role", ROLES)
def test_api_refuses_other_methods(roles, role):
    client = api_client(roles, role)
    detail = f"/api/v1/organisations/{roles.organisation.slug}/"
    assert client.delete(detail).status_code in (401, 405)
    assert client.put(detail, FORM, format="json").status_code in (401, 405)
    assert Organisation.objects.filter(pk=roles.organisation.pk).exists()
