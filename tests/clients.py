"""Test clients shared by every app's tests (also offered as fixtures by the root conftest)."""

from allauth.account.internal.flows.login import record_authentication
from django.test import RequestFactory
from rest_framework.test import APIClient

from kennisbrug.core.second_factor import needs_second_factor


def pass_second_factor(client, user) -> None:
    """Record in `client`'s session that `user` entered an authenticator code, exactly as
    allauth records it after the code step of a login (an "mfa" authentication record)."""
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    request.user = user
    record_authentication(request, user, "mfa", type="totp")
    session.save()


def log_in(client, user, *, second_factor: bool = True):
    """Log `user` in on a Django or DRF test client, as they would through the login page.

    Staff accounts (core.second_factor) also pass the second factor, as every real staff
    login does once an authenticator app is set up; `second_factor=False` leaves it out
    to test what happens without it. Returns the client.
    """
    client.force_login(user)
    if second_factor and needs_second_factor(user):
        pass_second_factor(client, user)
    return client


def api_client_for(
    user=None, *, language: str | None = None, second_factor: bool = True
) -> APIClient:
    """A DRF test client authenticated as `user` (anonymous when None).

    `language` sets Accept-Language on every request (e.g. "en" to read the msgids);
    without it the API answers in the site's default language. A staff user's session
    has passed the second factor unless `second_factor=False`.
    """
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    client = APIClient(**headers)
    if user is not None:
        if needs_second_factor(user):
            log_in(client, user, second_factor=second_factor)
        client.force_authenticate(user)
    return client
