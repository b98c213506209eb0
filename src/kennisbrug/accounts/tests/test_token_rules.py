"""The lifetime rules of personal API tokens: expiry, revocation when the credential
behind them changes, creation only from a signed-in session, last use on the page.
Each rule is tried on the page and on the API."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from tests.clients import log_in

from kennisbrug.accounts import services
from kennisbrug.accounts.models import ApiToken
from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/tokens/"
PASSWORD = "correct horse battery staple"


def _token_client(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


# --- expiry ------------------------------------------------------------------------


def test_default_lifetime_is_90_days():
    before = timezone.now()
    token, _raw = services.api_token_create(user=UserFactory(), name="t")
    assert before + timedelta(days=90) <= token.expires_at <= timezone.now() + timedelta(days=90)


@pytest.mark.parametrize("days", [0, -1, 366, 10_000, "90", 90.0, True, None])
def test_service_refuses_lifetimes_outside_one_year(days):
    with pytest.raises(services.ValidationError) as exc:
        services.api_token_create(user=UserFactory(), name="t", expires_in_days=days)
    assert "expires_in_days" in exc.value.message_dict
    assert ApiToken.objects.count() == 0


def test_expired_token_gets_401_with_a_clear_message(api_client_for):
    user = UserFactory()
    token, raw = services.api_token_create(user=user, name="t", expires_in_days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = _token_client(raw)
    response = client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "token_expired"
    assert "expired on" in body["detail"] and "Personal API tokens" in body["detail"]
    # In Dutch too.
    response = client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="nl")
    assert "verlopen" in response.json()["detail"]
    token.refresh_from_db()
    assert token.last_used_at is None


def test_token_works_until_just_before_expiry():
    token, raw = services.api_token_create(user=UserFactory(), name="t", expires_in_days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + timedelta(minutes=1))
    assert _token_client(raw).get(LIST_URL).status_code == 200


def test_api_create_with_lifetime_returns_expiry(api_client_for):
    client = api_client_for(UserFactory())
    response = client.post(LIST_URL, {"name": "ci", "expires_in_days": 7}, format="json")
    assert response.status_code == 201
    body = response.json()
    token = ApiToken.objects.get(pk=body["id"])
    assert token.expires_at - token.created_at == timedelta(days=7)
    assert body["expired"] is False and body["expires_at"]


def test_api_create_without_lifetime_gets_default(api_client_for):
    response = api_client_for(UserFactory()).post(LIST_URL, {"name": "ci"}, format="json")
    token = ApiToken.objects.get(pk=response.json()["id"])
    assert token.expires_at - token.created_at == timedelta(days=90)


@pytest.mark.parametrize("days", [0, -5, 366, 2**63, "30", 30.5, True, None, [], {"d": 1}])
def test_api_bad_lifetime_is_a_400_problem_and_writes_nothing(api_client_for, days):
    client = api_client_for(UserFactory())
    response = client.post(LIST_URL, {"name": "ci", "expires_in_days": days}, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "expires_in_days" in response.json()["errors"]
    assert ApiToken.objects.count() == 0


def test_expired_tokens_do_not_count_against_the_limit(monkeypatch):
    monkeypatch.setattr(services, "MAX_ACTIVE_TOKENS", 1)
    user = UserFactory()
    old, _raw = services.api_token_create(user=user, name="old")
    with pytest.raises(services.ValidationError):
        services.api_token_create(user=user, name="second")
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    services.api_token_create(user=user, name="second")


def test_page_creates_token_with_chosen_lifetime(client):
    user = UserFactory()
    log_in(client, user)
    response = client.post(reverse("accounts:tokens"), {"name": "script", "expires_in_days": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    assert token.expires_at - token.created_at == timedelta(days=30)
    html = response.content.decode()
    assert "Geldig tot" in html and "1 jaar" in html and "30 dagen" in html


@pytest.mark.parametrize("days", ["0", "366", "400", "abc", "30\x00", "9" * 5000])
def test_page_refuses_other_lifetimes(client, days):
    log_in(client, UserFactory())
    response = client.post(reverse("accounts:tokens"), {"name": "script", "expires_in_days": days})
    assert response.status_code == 400
    if "\x00" not in days:  # a NUL byte is refused before the form sees it
        assert 'aria-invalid="true"' in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_page_marks_expired_tokens(client):
    user = UserFactory()
    token, _raw = services.api_token_create(user=user, name="oud script")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(days=1))
    log_in(client, user)
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert "oud script" in html and "verlopen" in html


def test_page_in_english(client):
    log_in(client, UserFactory())
    client.cookies["django_language"] = "en"
    html = client.get(reverse("accounts:tokens"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Valid for" in html and "90 days" in html and "1 year" in html


# --- revoked when the credential changes -------------------------------------------


def _active(user) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()


def test_password_change_on_the_page_revokes_tokens(client):
    user = UserFactory()
    _token, raw = services.api_token_create(user=user, name="a")
    services.api_token_create(user=user, name="b")
    bystander = UserFactory()
    services.api_token_create(user=bystander, name="c")
    log_in(client, user)
    new = "een ander lang wachtwoord 77"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert _active(user) == 0
    assert _active(bystander) == 1
    assert _token_client(raw).get(LIST_URL).status_code == 401
    entry = AuditLog.objects.get(action="api_tokens_revoked")
    assert entry.reason == "password_changed" and entry.data == {"count": 2}


def test_failed_password_change_keeps_tokens(client):
    user = UserFactory()
    services.api_token_create(user=user, name="a")
    log_in(client, user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": "x" * 20, "password2": "x" * 20},
    )
    assert response.status_code == 200
    assert _active(user) == 1


def test_password_reset_revokes_tokens(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="reset@example.org")
    _token, raw = services.api_token_create(user=user, name="a")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new = "een nieuw lang wachtwoord 42"
    assert client.post(form_url, {"password1": new, "password2": new}).status_code == 302
    assert _active(user) == 0
    assert _token_client(raw).get(LIST_URL).status_code == 401


def test_password_set_in_code_or_admin_revokes_tokens():
    user = UserFactory()
    services.api_token_create(user=user, name="a")
    user.set_password("iets heel anders 123")
    user.save()
    assert _active(user) == 0


def test_saving_a_user_without_password_change_keeps_tokens():
    user = UserFactory()
    services.api_token_create(user=user, name="a")
    user.full_name = "Nieuwe Naam"
    user.save()
    assert _active(user) == 1


def test_login_with_rehashed_password_keeps_tokens(client, settings):
    # A hasher upgrade stores a new hash of the same password at login: not a change.
    user = UserFactory()
    user.password = make_password(PASSWORD, hasher="md5")
    user.save(update_fields=["password"])
    services.api_token_create(user=user, name="a")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_")
    assert _active(user) == 1


def test_deactivation_in_the_admin_revokes_tokens(client):
    user = UserFactory()
    _token, raw = services.api_token_create(user=user, name="a")
    admin = UserFactory(is_staff=True, is_superuser=True)
    log_in(client, admin)
    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": user.email,
            "full_name": user.full_name,
            "platform_role": "",
            "is_active": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert not user.is_active
    assert _active(user) == 0
    assert AuditLog.objects.get(action="api_tokens_revoked").reason == "deactivated"
    # Reactivating does not bring them back.
    user.is_active = True
    user.save()
    assert _token_client(raw).get(LIST_URL).status_code == 401


# --- only a signed-in session creates tokens -------------------------------------------


def test_token_cannot_create_a_token(api_client_for):
    user = UserFactory()
    _token, raw = services.api_token_create(user=user, name="a")
    client = _token_client(raw)
    response = client.post(LIST_URL, {"name": "b"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "session_required"
    assert "Sign in on the website" in body["detail"]
    response = client.post(LIST_URL, {"name": "b"}, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert "website" in response.json()["detail"] and "Meld je" in response.json()["detail"]
    assert ApiToken.objects.filter(user=user).count() == 1


def test_token_refused_before_input_is_read(api_client_for):
    # Bad input from a token still gets 403, not a 400 that hints the call could work.
    _token, raw = services.api_token_create(user=UserFactory(), name="a")
    response = _token_client(raw).post(LIST_URL, {"name": ""}, format="json")
    assert response.status_code == 403


def test_session_creates_a_token_through_the_api(client):
    user = UserFactory()
    log_in(client, user)
    response = client.post(LIST_URL, {"name": "b"}, content_type="application/json")
    assert response.status_code == 201


def test_session_api_needs_csrf():
    user = UserFactory()
    client = APIClient(enforce_csrf_checks=True)
    log_in(client, user)
    response = client.post(LIST_URL, {"name": "b"}, format="json")
    assert response.status_code == 403
    assert ApiToken.objects.count() == 0


def test_token_may_still_list_and_revoke_its_own_tokens():
    user = UserFactory()
    _token, raw = services.api_token_create(user=user, name="a")
    other, _ = services.api_token_create(user=user, name="b")
    client = _token_client(raw)
    assert client.get(LIST_URL).status_code == 200
    assert client.delete(f"{LIST_URL}{other.pk}/").status_code == 204


# --- last use on the page ------------------------------------------------------------


def test_last_use_is_shown_on_the_page(client):
    user = UserFactory()
    token, raw = services.api_token_create(user=user, name="a")
    log_in(client, user)
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert "nooit" in html
    _token_client(raw).get(LIST_URL)
    token.refresh_from_db()
    assert token.last_used_at is not None
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert "nooit" not in html
    local = timezone.localtime(token.last_used_at)
    assert f"{local:%H:%M}" in html


def test_last_use_is_written_again_after_a_minute():
    token, raw = services.api_token_create(user=UserFactory(), name="a")
    earlier = timezone.now() - timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    _token_client(raw).get(LIST_URL)
    token.refresh_from_db()
    assert token.last_used_at > earlier
