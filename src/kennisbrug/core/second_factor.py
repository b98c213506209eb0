"""Staff decide only after a second factor.

A staff account (the programme secretariat, Django staff and superusers) approves money,
bookings and memberships, so a stolen password alone must not be enough to decide
anything. The rule has one home, here, and three faces:

- every service that decides calls `require(user)` (the workflow runner does it for
  every transition), which raises `SecondFactorRequired` — a PermissionDenied with a
  translated reason that the API turns into 403 problem+json `second_factor_required`;
- pages ask `refusal(user)` and show the reason instead of a button;
- `SecondFactorMiddleware` remembers, per request, whether the session passed the second
  factor (an allauth "mfa" authentication record: a TOTP or recovery code at login or
  reauthentication, or activating the authenticator app, which proves the same); it keeps
  staff out of the Django admin until then and refuses their page writes.

A request authenticated with a personal API token passes when the token was created in
a session that had passed the second factor (`ApiToken.second_factor`); the token
authentication says so with `use_token()`.

Outside a request (management commands, background tasks, the shell) there is no
session to ask: whoever runs them already holds the server, so nothing is refused there.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from allauth.account.authentication import get_authentication_records
from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SETUP_URL_NAME = "accounts:second_factor"
# Paths a staff member without a passed second factor may still post to: logging in and
# out, setting up or entering the authenticator code, switching the language.
OPEN_PREFIXES = ("/accounts/", "/i18n/", "/account/second-factor/", "/api/")
ADMIN_PREFIX = "/admin/"


class SecondFactorRequired(PermissionDenied):
    """A staff account tried to decide without a passed second factor."""

    problem_status = 403
    problem_code = "second_factor_required"


def needs_second_factor(user) -> bool:
    """Staff accounts: the secretariat, Django staff (admin access) and superusers."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return bool(
        getattr(user, "is_staff", False)
        or getattr(user, "is_superuser", False)
        or getattr(user, "is_secretariat", False)
    )


def has_authenticator(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def session_passed(request: HttpRequest, user=None) -> bool:
    """True when this session's user passed the second factor in this session."""
    user = user if user is not None else getattr(request, "user", None)
    if user is None or not getattr(request, "session", None):
        return False
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, user))


@dataclass
class _RequestState:
    request: HttpRequest
    token: Any = None
    cache: dict[int, bool] = field(default_factory=dict)

    def passed(self, user) -> bool:
        if self.token is not None:
            return self.token.user_id == user.pk and bool(self.token.second_factor)
        if user.pk not in self.cache:
            self.cache[user.pk] = session_passed(self.request, user)
        return self.cache[user.pk]


_current: ContextVar[_RequestState | None] = ContextVar("kennisbrug_second_factor", default=None)


def use_token(token) -> None:
    """The current request is authenticated with `token` (an ApiToken), not the session."""
    state = _current.get()
    if state is not None:
        state.token = token


def refusal(user) -> str | None:
    """Why `user` may not approve or decide right now, or None when they may."""
    if not needs_second_factor(user):
        return None
    state = _current.get()
    if state is None or state.passed(user):
        return None
    if state.token is not None:
        return _(
            "This API token was not created in a session confirmed with your authenticator "
            "code, so it cannot approve or decide. Log in with your code and create a new token."
        )
    if not has_authenticator(user):
        return _(
            "Staff accounts approve and decide only after a second login step. Set up an "
            "authenticator app on the “Second factor” page of your account first."
        )
    return _(
        "Staff accounts approve and decide only after a second login step. Confirm your "
        "authenticator code on the “Second factor” page of your account first."
    )


def require(user) -> None:
    """Raise SecondFactorRequired when `user` may not approve or decide right now."""
    reason = refusal(user)
    if reason:
        raise SecondFactorRequired(reason)


class SecondFactorMiddleware:
    """Per request: remember whose second factor passed; keep unconfirmed staff out of
    the admin and refuse their page writes (the API answers through the services)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = _RequestState(request)
        reset = _current.set(state)
        try:
            refused = self._refuse(request)
            return refused if refused is not None else self.get_response(request)
        finally:
            _current.reset(reset)

    def _refuse(self, request: HttpRequest) -> HttpResponse | None:
        path = request.path
        if path.startswith(OPEN_PREFIXES):
            return None
        is_admin = path.startswith(ADMIN_PREFIX)
        unsafe = request.method not in ("GET", "HEAD", "OPTIONS")
        if not (is_admin or unsafe):
            return None
        user = getattr(request, "user", None)
        reason = refusal(user)
        if not reason:
            return None
        if request.method in ("GET", "HEAD"):
            return redirect(
                f"{reverse(SETUP_URL_NAME)}?{urlencode({'next': request.get_full_path()})}"
            )
        # Rendered here, while this request's state is still set, so the 403 page can
        # say why and where to go.
        return response_for_exception(request, SecondFactorRequired(reason))


def context(request: HttpRequest) -> dict:
    """`second_factor_refusal`: why the signed-in staff member cannot decide on this page
    (None for everyone else), so templates show it instead of the buttons."""
    from django.utils.functional import SimpleLazyObject

    def reason():
        return refusal(getattr(request, "user", None)) or ""

    return {"second_factor_refusal": SimpleLazyObject(reason)}
