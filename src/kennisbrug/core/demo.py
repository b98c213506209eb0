"""The demo data generators of the apps, registered from their `AppConfig.ready()`.

An app registers `generate(*, rng, scale, stdout)` under its label with the labels
of the apps whose demo data it builds on (`after`); `demo_data` runs them in that
dependency order, ties broken by registration (INSTALLED_APPS) order, all sharing
one seeded random generator, so the same seed gives the same data set.
An app whose demo data marks the set as present registers `present` too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .registry import Registry


@dataclass(frozen=True)
class DemoGenerator:
    name: str
    generate: Callable[..., Any]
    # True when this app's demo data is already in the database.
    present: Callable[[], bool] | None = None


generators: Registry[DemoGenerator] = Registry("demo data generators")


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
