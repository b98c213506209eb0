import pytest
from django.urls import reverse
from django.utils import timezone
from tests.clients import log_in

from kennisbrug.accounts import services
from kennisbrug.accounts.models import ApiToken
from kennisbrug.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/tokens/"


def detail_url(pk):
    return f"/api/v1/tokens/{pk}/"


def test_url_names():
    assert reverse("api:accounts-tokens") == LIST_URL
    assert reverse("api:accounts-token", args=[5]) == detail_url(5)


def test_token_header_authenticates_and_lists_own_tokens_without_secret(api_client):
    user = UserFactory()
    token, raw = services.api_token_create(user=user, name="script")
    services.api_token_create(user=UserFactory(), name="someone else's")
    response = api_client.get(LIST_URL, HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 200
    body = response.json()
    assert [t["name"] for t in body] == ["script"]
    assert set(body[0]) == {
        "id",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "expired",
        "last_used_at",
        "second_factor",
    }
    assert raw not in response.content.decode()
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_used_is_recorded_at_most_once_a_minute(api_client):
    user = UserFactory()
    token, raw = services.api_token_create(user=user, name="script")
    api_client.get(LIST_URL, HTTP_AUTHORIZATION=f"Token {raw}")
    token.refresh_from_db()
    first = token.last_used_at
    api_client.get(LIST_URL, HTTP_AUTHORIZATION=f"Token {raw}")
    token.refresh_from_db()
    assert token.last_used_at == first


def test_post_creates_and_returns_raw_token_once(api_client):
    user = UserFactory()
    api_client.force_authenticate(user)
    response = api_client.post(LIST_URL, {"name": "CI pipeline"}, format="json")
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["name"] == "CI pipeline"
    assert body["token"].startswith(body["prefix"])
    stored = ApiToken.objects.get(pk=body["id"])
    assert stored.key_hash == ApiToken.hash(body["token"])
    # Listing never shows it again.
    assert body["token"] not in api_client.get(LIST_URL).content.decode()
    # And the new token works.
    fresh = api_client.__class__()
    assert fresh.get(LIST_URL, HTTP_AUTHORIZATION=f"Token {body['token']}").status_code == 200


def test_session_login_works_for_the_api(client):
    user = UserFactory()
    log_in(client, user)
    assert client.get(LIST_URL).status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"name": ""},
        {"name": "   "},
        {"name": "x" * 81},
        {"name": None},
        {"name": 12},
        {"name": ["a"]},
        {"name": {"a": 1}},
        {"name": "nul\x00byte"},
        {"name": "bell\x07"},
    ],
)
def test_post_bad_input_is_a_400_problem_and_writes_nothing(api_client, payload):
    api_client.force_authenticate(UserFactory())
    response = api_client.post(LIST_URL, payload, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "name" in response.json()["errors"]
    assert ApiToken.objects.count() == 0


def test_post_non_json_and_malformed_json(api_client):
    api_client.force_authenticate(UserFactory())
    response = api_client.post(LIST_URL, "name=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    response = api_client.post(LIST_URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert ApiToken.objects.count() == 0


def test_hostile_name_is_stored_verbatim_and_returned_as_json_text(api_client):
    api_client.force_authenticate(UserFactory())
    name = "<script>alert(1)</script>'; DROP TABLE accounts_user;--"
    response = api_client.post(LIST_URL, {"name": name}, format="json")
    assert response.status_code == 201
    assert response.json()["name"] == name


def test_delete_revokes_and_token_stops_working(api_client):
    user = UserFactory()
    token, raw = services.api_token_create(user=user, name="t")
    response = api_client.delete(detail_url(token.pk), HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = api_client.get(LIST_URL, HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 401


def test_other_user_cannot_revoke_my_token(api_client):
    owner = UserFactory()
    token, _raw = services.api_token_create(user=owner, name="mine")
    api_client.force_authenticate(UserFactory())
    response = api_client.delete(detail_url(token.pk))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("pk", ["0", "999999", "99999999999999999999999"])
def test_delete_unknown_or_absurd_id_is_404(api_client, pk):
    api_client.force_authenticate(UserFactory())
    assert api_client.delete(f"/api/v1/tokens/{pk}/").status_code == 404


def test_delete_already_revoked_is_404(api_client):
    user = UserFactory()
    token, _raw = services.api_token_create(user=user, name="t")
    services.api_token_revoke(token=token, user=user)
    api_client.force_authenticate(user)
    assert api_client.delete(detail_url(token.pk)).status_code == 404


def _revoked_token():
    user = UserFactory()
    token, raw = services.api_token_create(user=user, name="t")
    token.revoked_at = timezone.now()
    token.save()
    return raw


@pytest.mark.parametrize(
    "header",
    [
        "revoked",
        "Token kb_garbage",
        "Token " + "a" * 5000,
        "Token ",
        "Token two parts",
        "Token kb_\u00e9\u00e9",
    ],
)
def test_bad_tokens_get_401_problem_json(api_client, header):
    if header == "revoked":
        header = f"Token {_revoked_token()}"
    response = api_client.get(LIST_URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401 and body["detail"]
    assert response["WWW-Authenticate"] == "Token"


def test_token_of_inactive_user_is_rejected(api_client):
    user = UserFactory()
    _token, raw = services.api_token_create(user=user, name="t")
    user.is_active = False
    user.save()
    assert api_client.get(LIST_URL, HTTP_AUTHORIZATION=f"Token {raw}").status_code == 401


@pytest.mark.parametrize(
    ("method", "url"), [("get", LIST_URL), ("post", LIST_URL), ("delete", detail_url(1))]
)
def test_anonymous_gets_401(api_client, method, url):
    response = getattr(api_client, method)(url)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
