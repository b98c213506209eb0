"""One login policy for every entrance that checks a password.

Every password check in the project goes through `django.contrib.auth.authenticate`
(the site login, the Django admin login — routed through the site login — and
reauthentication before sensitive changes), so the policy sits in an
authentication backend (`backends.LoginPolicyBackend`) and two signals:

- failed logins are counted per account and per client IP address, in the cache;
- after a few free failures each further failure doubles the wait before the next
  attempt is even checked (progressive backoff, capped), instead of a hard lock;
- a browser that has signed in to an account before carries a signed "known
  client" cookie; its failures are counted apart from everyone else's, so a
  stranger who hammers someone's account delays strangers, not the owner.

The counters live in the default cache, which production settings make shared
between workers (Redis, else the database); see docs/security.md.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import ngettext

from kennisbrug.core.http import client_ip

KNOWN_CLIENT_COOKIE = "kb_known_client"
KNOWN_CLIENT_SALT = "kennisbrug.accounts.known-client"
KNOWN_CLIENT_MAX_AGE = 180 * 24 * 3600
KNOWN_CLIENT_MAX_ACCOUNTS = 5


@dataclass(frozen=True)
class Backoff:
    """Free failures before any wait, then base × 2^(extra failures), at most `cap`."""

    free: int
    base: float
    cap: float

    def wait_after(self, failures: int) -> float:
        if failures < self.free:
            return 0.0
        return float(min(self.base * 2 ** (failures - self.free), self.cap))


# Strangers (browsers that never signed in to the account) share one counter per account.
ACCOUNT = Backoff(free=5, base=2, cap=15 * 60)
# The owner's own browsers: a little more room for a forgotten password.
KNOWN_CLIENT = Backoff(free=8, base=2, cap=5 * 60)
# One address trying many accounts (password spraying).
CLIENT_IP = Backoff(free=20, base=2, cap=15 * 60)
# Wrong second-factor codes, per account: whoever types them already has the password.
CODE = Backoff(free=5, base=2, cap=15 * 60)
# A failure is forgotten a day after the last one.
WINDOW = 24 * 3600


def _now() -> float:
    return time.time()


def _digest(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]


def _account_id(identifier: str) -> str:
    return _digest(identifier.strip().lower())


def _ip_key(request: HttpRequest) -> str:
    ip = client_ip(request)
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        # One IPv6 user usually holds a whole /64.
        ip = str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return f"kb:login:ip:{ip}"


def known_accounts(request: HttpRequest) -> list[str]:
    """Account ids this browser has signed in to before (from the signed cookie)."""
    value = request.get_signed_cookie(
        KNOWN_CLIENT_COOKIE, default="", salt=KNOWN_CLIENT_SALT, max_age=KNOWN_CLIENT_MAX_AGE
    )
    return [part for part in str(value).split(",") if part][:KNOWN_CLIENT_MAX_ACCOUNTS]


def _counters(request: HttpRequest, identifier: str) -> list[tuple[str, Backoff]]:
    account = _account_id(identifier)
    if account in known_accounts(request):
        own = (f"kb:login:known:{account}", KNOWN_CLIENT)
    else:
        own = (f"kb:login:account:{account}", ACCOUNT)
    return [own, (_ip_key(request), CLIENT_IP)]


def login_wait(*, request: HttpRequest, identifier: str) -> int:
    """Seconds before a login for `identifier` from this client may be checked; 0: now."""
    now = _now()
    wait = 0.0
    for key, backoff in _counters(request, identifier):
        state = cache.get(key)
        if state:
            wait = max(wait, state["last"] + backoff.wait_after(state["failures"]) - now)
    return max(0, math.ceil(wait))


def login_failed(*, request: HttpRequest, identifier: str) -> None:
    """Count a failed password check for `identifier` from this client."""
    now = _now()
    for key, _backoff in _counters(request, identifier):
        state = cache.get(key) or {"failures": 0, "last": now}
        cache.set(key, {"failures": state["failures"] + 1, "last": now}, WINDOW)


def login_succeeded(*, request: HttpRequest, identifier: str) -> None:
    """Forget the account's failures; the address's failures stay (an attacker with
    an account of their own must not be able to wipe them)."""
    account = _account_id(identifier)
    cache.delete_many([f"kb:login:known:{account}", f"kb:login:account:{account}"])
    accounts = [account] + [a for a in known_accounts(request) if a != account]
    request._kb_known_client = ",".join(accounts[:KNOWN_CLIENT_MAX_ACCOUNTS])  # type: ignore[attr-defined]


def _code_key(user) -> str:
    return f"kb:login:code:{user.pk}"


def code_wait(*, request: HttpRequest, user) -> int:
    """Seconds before a second-factor code for `user` from this client may be checked."""
    now = _now()
    wait = 0.0
    for key, backoff in ((_code_key(user), CODE), (_ip_key(request), CLIENT_IP)):
        state = cache.get(key)
        if state:
            wait = max(wait, state["last"] + backoff.wait_after(state["failures"]) - now)
    return max(0, math.ceil(wait))


def code_failed(*, request: HttpRequest, user) -> None:
    """Count a wrong second-factor code for `user` (and for the client address)."""
    now = _now()
    for key in (_code_key(user), _ip_key(request)):
        state = cache.get(key) or {"failures": 0, "last": now}
        cache.set(key, {"failures": state["failures"] + 1, "last": now}, WINDOW)


def code_succeeded(*, user) -> None:
    cache.delete(_code_key(user))


def remember_client(*, request: HttpRequest, response: HttpResponseBase) -> None:
    """Set the known-client cookie on the response to a successful login."""
    value = getattr(request, "_kb_known_client", None)
    if value:
        response.set_signed_cookie(
            KNOWN_CLIENT_COOKIE,
            value,
            salt=KNOWN_CLIENT_SALT,
            max_age=KNOWN_CLIENT_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def wait_message(seconds: int) -> str:
    """The sentence a person sees while their login waits."""
    if seconds < 120:
        return ngettext(
            "Too many failed login attempts. Wait %(count)d second and try again.",
            "Too many failed login attempts. Wait %(count)d seconds and try again.",
            seconds,
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many failed login attempts. Wait %(count)d minute and try again.",
        "Too many failed login attempts. Wait %(count)d minutes and try again.",
        minutes,
    ) % {"count": minutes}
