"""The indicator registry: each indicator is a small function over the sources, registered here.

    @register("RCO84", unit=Unit.ITEM, sources=("pilots",), rule=_("..."))
    def pilot_actions(ctx): return [Evidence(...), ...]

The function returns evidence; counting, filtering, breakdowns, lists and exports are
done once for all indicators by `selectors`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .constants import Unit
from .definitions import Definition, definitions
from .evidence import Context, Evidence
from .sources import missing


@dataclass(frozen=True)
class Indicator:
    code: str
    unit: str
    sources: tuple[str, ...]
    rule: str  # lazy translated counting rule
    collect: Callable[[Context], list[Evidence]]
    by_size_class: bool = False
    order: int = 0
    not_computed: str = ""  # lazy translated reason, for an indicator no app can feed yet

    @property
    def definition(self) -> Definition:
        return definitions()[self.code]

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def by_sector(self) -> bool:
        """Organisations are broken down by their priority sectors (items and people are not:
        a pilot or a person has no sector of its own)."""
        return self.unit == Unit.ORGANISATION

    @property
    def suppressed_below_min(self) -> bool:
        """Counts of people are suppressed in small groups (privacy)."""
        return self.unit == Unit.PERSON

    def missing_models(self) -> list[str]:
        return [label for source in self.sources for label in missing(source)]

    @property
    def wired(self) -> bool:
        """True when at least one source has its models installed (so the figure can be non-zero)."""
        return any(not missing(source) for source in self.sources)

    def evidence(self, ctx: Context) -> list[Evidence]:
        return ctx.memo(f"ev:{self.code}", lambda: self.collect(ctx))


REGISTRY: dict[str, Indicator] = {}


def register(
    code: str, *, unit: str, sources: tuple[str, ...], rule, by_size_class=False, not_computed=""
):
    if code not in definitions():
        raise ValueError(f"{code} is not in interreg_indicators.csv")

    def decorator(func):
        REGISTRY[code] = Indicator(
            code=code,
            unit=unit,
            sources=sources,
            rule=rule,
            collect=func,
            by_size_class=by_size_class,
            order=len(REGISTRY),
            not_computed=not_computed,
        )
        return func

    return decorator


def all_indicators() -> list[Indicator]:
    from . import catalogue  # noqa: F401  (registers the indicators)

    order = list(definitions())  # the order of the official list
    return sorted(REGISTRY.values(), key=lambda i: order.index(i.code))


def get_indicator(code: str) -> Indicator | None:
    from . import catalogue  # noqa: F401

    return REGISTRY.get(code.upper())
