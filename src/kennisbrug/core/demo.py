"""The demo data generators of the apps, registered from their `AppConfig.ready()`.

An app registers `generate(*, rng, scale, stdout)` under its label with the labels
of the apps whose demo data it builds on (`after`); `demo_data` runs them in that
dependency order, ties broken by registration (INSTALLED_APPS) order, all sharing
one seeded random generator, so the same seed gives the same data set.
An app whose demo data marks the set as present registers `present` too.

An app whose demo people can log in registers a `logins` entry: a callable that
returns `DemoLogin`s (role, email); `manage.py demo_logins` lists those with a usable
password at the end of `make run`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from .registry import Registry

# Demo accounts that can log in have this domain.
DEMO_DOMAIN = "demo.kennisbrug.eu"
DEVELOPMENT_PASSWORD = "kennisbrug-demo"  # noqa: S105 - development only, documented
# The authenticator-app key of the demo staff accounts (base32), documented in the README
# so a newcomer can add it to an app or ask `manage.py demo_logins --totp EMAIL` for the
# current code. Demo staff get it only when demo accounts get a usable password.
DEMO_TOTP_SECRET = "KBDEMOSTAFFTOTPKEYQ2XFRG4ZLNW7SE"  # noqa: S105 - demo only, documented


def demo_password() -> str | None:
    """KENNISBRUG_DEMO_PASSWORD, or the development password when DEBUG is on; else
    None: demo accounts then get no usable password."""
    return os.environ.get("KENNISBRUG_DEMO_PASSWORD") or (
        DEVELOPMENT_PASSWORD if settings.DEBUG else None
    )


def demo_staff_authenticator_add(user) -> None:
    """Give a demo staff account the documented authenticator-app key (idempotent)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


def demo_totp_code(email: str) -> str | None:
    """The current authenticator code of a demo staff account, or None when `email` is not
    a demo account holding the documented demo key. Development (DEBUG) only: the
    caller refuses otherwise."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )
    from allauth.mfa.utils import decrypt

    email = email.strip().lower()
    if not email.endswith(f"@{DEMO_DOMAIN}"):
        return None
    authenticator = Authenticator.objects.filter(
        user__email=email, type=Authenticator.Type.TOTP
    ).first()
    if authenticator is None or decrypt(authenticator.data["secret"]) != DEMO_TOTP_SECRET:
        return None
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counters[len(counters) // 2]))


@dataclass(frozen=True)
class DemoGenerator:
    name: str
    generate: Callable[..., Any]
    # True when this app's demo data is already in the database.
    present: Callable[[], bool] | None = None


generators: Registry[DemoGenerator] = Registry("demo data generators")


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    note: str = ""


logins: Registry[Callable[[], list[DemoLogin]]] = Registry("demo logins")


def register(
    name: str,
    generate: Callable[..., Any],
    *,
    after: Iterable[str] = (),
    present: Callable[[], bool] | None = None,
) -> DemoGenerator:
    existing = generators.get(name)
    if existing is not None:
        return existing
    return generators.register(
        name, DemoGenerator(name=name, generate=generate, present=present), after=after
    )


def is_present() -> bool:
    return any(g.present() for g in generators if g.present is not None)
