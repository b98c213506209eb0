"""API throttles: every endpoint per client or per user, stricter scopes where it matters.

The defaults (REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]) are `AnonThrottle` and
`UserThrottle`. A view that needs a stricter scope lists it with the defaults:
`throttle_classes = [*DEFAULT_THROTTLES, MatchingThrottle]`. Clients are told apart
by the trusted client address (kennisbrug.core.http.client_ip), never by a header
they can set themselves. A throttled request gets 429 with Retry-After as
problem+json (kennisbrug.api.errors).
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from kennisbrug.core.http import client_ip


class _ClientIdentMixin:
    def get_ident(self, request) -> str:
        return client_ip(request)

    def get_rate(self) -> str | None:
        # Read at request time (DRF binds the rates at import), so settings can change them.
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(getattr(self, "scope", ""))
        return str(rate) if rate else None


class AnonThrottle(_ClientIdentMixin, SimpleRateThrottle):
    """Anonymous requests, per client address."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserThrottle(_ClientIdentMixin, SimpleRateThrottle):
    """Signed-in requests (session or token), per user."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class ScopedThrottle(_ClientIdentMixin, SimpleRateThrottle):
    """A stricter budget for one kind of work, per user or else per client address.

    `methods` limits it to the requests that do that work (e.g. POST only)."""

    methods: frozenset[str] = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def get_cache_key(self, request, view):
        if request.method not in self.methods:
            return None
        if request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class LoginThrottle(ScopedThrottle):
    """Anything that checks a credential."""

    scope = "login"


class TokenCreateThrottle(ScopedThrottle):
    scope = "token_create"
    methods = frozenset({"POST"})


class MatchingThrottle(ScopedThrottle):
    """Searches and matches: each one runs the matching engine."""

    scope = "matching"
    methods = frozenset({"GET", "POST"})


class FitCheckThrottle(ScopedThrottle):
    scope = "fitcheck"
    methods = frozenset({"POST"})


DEFAULT_THROTTLES = [AnonThrottle, UserThrottle]
