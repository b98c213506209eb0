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


def demo_password() -> str | None:
    """KENNISBRUG_DEMO_PASSWORD, or the development password when DEBUG is on; else
    None: demo accounts then get no usable password."""
    return os.environ.get("KENNISBRUG_DEMO_PASSWORD") or (
        DEVELOPMENT_PASSWORD if settings.DEBUG else None
    )


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
