"""API throttles: every endpoint per client or per user, stricter scopes where it matters.

The defaults (REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]) are `AnonThrottle` and
`UserThrottle`. A view that needs a stricter scope lists it with the defaults:
`throttle_classes = [*DEFAULT_THROTTLES, MatchingThrottle]`. Clients are told apart
by the trusted client address (kennisbrug.core.http.client_ip), never by a header
they can set themselves. A throttled request gets 429 with Retry-After as
problem+json (kennisbrug.api.errors).

Counting: two counters per client and scope, the current fixed window (the rate's period)
and the one before it, weighted by how much of it still lies inside the sliding period
(the "sliding window counter"). A request costs one read of two keys and one increment,
whatever the rate, where DRF's own throttle reads and rewrites the list of every request
in the period (600 timestamps at the user rate; with the cache in the database that was
most of a token-authenticated API call).

Where the counters live: the request-rate scopes (anon, user, matching, fit check,
register look-ups) in the `throttle` cache, credential scopes (login, token creation)
in the shared default cache. Production settings point `throttle` at Redis when
REDIS_URL is set; without Redis it is each worker's memory, so a client may get up to
(workers × rate) there, while the credential scopes stay exact across workers.
"""

import math

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from kennisbrug.core.http import client_ip


class _ClientIdentMixin(SimpleRateThrottle):
    cache_alias = "throttle"
    # set by SimpleRateThrottle.__init__ from the rate ("60/min" -> 60, 60)
    num_requests: int
    duration: int

    def get_ident(self, request) -> str:
        return client_ip(request)

    def get_rate(self) -> str | None:
        # Read at request time (DRF binds the rates at import), so settings can change them.
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(getattr(self, "scope", ""))
        return str(rate) if rate else None

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        store = caches[self.cache_alias]
        now = self.timer()
        window, fraction = divmod(now / self.duration, 1)
        current_key, previous_key = f"{self.key}:{int(window)}", f"{self.key}:{int(window) - 1}"
        counts = store.get_many([previous_key, current_key])
        previous, current = counts.get(previous_key, 0), counts.get(current_key, 0)
        # Rounded up: at a window's start the previous window counts in full.
        if current + math.ceil(previous * (1 - fraction)) >= self.num_requests:
            self._wait = self._seconds_until_allowed(previous, current, fraction)
            return False
        # Kept two periods: the next window still weighs this one.
        if not store.add(current_key, 1, timeout=2 * self.duration):
            try:
                store.incr(current_key)
            except ValueError:  # expired between add and incr
                store.set(current_key, 1, timeout=2 * self.duration)
        return True

    def _seconds_until_allowed(self, previous: int, current: int, fraction: float) -> float:
        n, d = self.num_requests, self.duration
        if current >= n:
            # After this window ends, it is the previous one and weighs current × (1 − f').
            return (1 - fraction) * d + (1 - (n - 1) / current) * d
        # Wait until previous × (1 − f) ≤ n − 1 − current.
        return max((1 - (n - 1 - current) / previous) - fraction, 0) * d

    def wait(self) -> float | None:
        return max(1.0, getattr(self, "_wait", 1.0))


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
    cache_alias = "default"


class TokenCreateThrottle(ScopedThrottle):
    scope = "token_create"
    cache_alias = "default"
    methods = frozenset({"POST"})


class MatchingThrottle(ScopedThrottle):
    """Searches and matches: each one runs the matching engine."""

    scope = "matching"
    methods = frozenset({"GET", "POST"})


class FitCheckThrottle(ScopedThrottle):
    scope = "fitcheck"
    methods = frozenset({"POST"})


DEFAULT_THROTTLES = [AnonThrottle, UserThrottle]
