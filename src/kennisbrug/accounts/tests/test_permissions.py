"""Who may use each accounts page and endpoint, tried as every role of the `roles` fixture.

Every page here is personal: any logged-in person may use it for their own data;
anonymous visitors are sent to login (pages) or get 401 (API). Someone else's
token is invisible (404), whatever the role, the secretariat included.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from tests.clients import log_in

from kennisbrug.accounts import services
from kennisbrug.accounts.models import ApiToken
from kennisbrug.accounts.tests.factories import UserFactory

ROLES = ["anonymous", "other", "member", "admin", "secretariat"]


def _client(user):
    client = APIClient()
    if user is not None:
        log_in(client, user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", ["accounts:dashboard", "accounts:tokens"])
def test_personal_pages(roles, role, url_name):
    response = _client(roles.as_dict()[role]).get(reverse(url_name))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_create_token_page(roles, role):
    response = _client(roles.as_dict()[role]).post(reverse("accounts:tokens"), {"name": "t"})
    if role == "anonymous":
        assert response.status_code == 302
        assert ApiToken.objects.count() == 0
    else:
        assert response.status_code == 200
        assert ApiToken.objects.get().user == roles.as_dict()[role]


@pytest.mark.parametrize("role", ROLES)
def test_revoke_someone_elses_token_page(roles, role):
    token, _raw = services.api_token_create(user=UserFactory(), name="owner's")
    response = _client(roles.as_dict()[role]).post(
        reverse("accounts:token_revoke", args=[token.pk])
    )
    assert response.status_code == (302 if role == "anonymous" else 404)
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("role", ROLES[1:])
def test_revoke_own_token_page(roles, role):
    user = roles.as_dict()[role]
    token, _raw = services.api_token_create(user=user, name="mine")
    response = _client(user).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize("role", ROLES)
def test_api_list_and_create(roles, role):
    client = _client(roles.as_dict()[role])
    expected_get, expected_post = (401, 401) if role == "anonymous" else (200, 201)
    assert client.get("/api/v1/tokens/").status_code == expected_get
    assert client.post("/api/v1/tokens/", {"name": "t"}, format="json").status_code == expected_post


@pytest.mark.parametrize("role", ROLES)
def test_api_revoke_someone_elses_token(roles, role):
    token, _raw = services.api_token_create(user=UserFactory(), name="owner's")
    response = _client(roles.as_dict()[role]).delete(f"/api/v1/tokens/{token.pk}/")
    assert response.status_code == (401 if role == "anonymous" else 404)
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("role", ROLES[1:])
def test_api_revoke_own_token(roles, role):
    user = roles.as_dict()[role]
    token, _raw = services.api_token_create(user=user, name="mine")
    assert _client(user).delete(f"/api/v1/tokens/{token.pk}/").status_code == 204
