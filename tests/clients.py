"""Test clients shared by every app's tests (also offered as fixtures by the root conftest)."""

from rest_framework.test import APIClient


def api_client_for(user=None, *, language: str | None = None) -> APIClient:
    """A DRF test client authenticated as `user` (anonymous when None).

    `language` sets Accept-Language on every request (e.g. "en" to read the msgids);
    without it the API answers in the site's default language.
    """
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    client = APIClient(**headers)
    if user is not None:
        client.force_authenticate(user)
    return client
