"""Reads: indicator figures, their breakdowns and the lists behind them.

All functions take a `Context` (one per request) so sources and evidence are read once
however many indicators and breakdowns a page shows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Nuts3Region, Province, Sector
from kennisbrug.organisations.constants import SizeClass

from .constants import PROGRAMME_COUNTRIES, UNKNOWN_SIZE, Kind
from .evidence import Context, Evidence, Filters, Org
from .privacy import Cell, cell, suppress_group
from .registry import Indicator, all_indicators

OUTSIDE = "outside"
NO_SECTOR = "none"  # organisations with no priority sector on profile or in the register
SIZE_ORDER = [*SizeClass.values, UNKNOWN_SIZE]


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclass
class Result:
    indicator: Indicator
    value: Cell  # units in the programme area
    outside: Cell  # units outside it (Brussels, other regions, abroad), reported separately
    records: int  # evidence records behind both figures
    missing: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.indicator.code


@dataclass
class UnitRow:
    key: str
    label: str
    org: Org
    first_date: dt.date
    kinds: list[str]
    evidence: list[Evidence]

    @property
    def in_area(self) -> bool:
        return self.org.in_area


def evidence_for(ctx: Context, indicator: Indicator, filters: Filters) -> list[Evidence]:
    return ctx.filtered(indicator.evidence(ctx), filters)


def split_area(ctx: Context, evidence: list[Evidence]) -> tuple[list[Evidence], list[Evidence]]:
    in_area = ctx.in_area_ids
    inside = [ev for ev in evidence if ev.organisation_id in in_area]
    outside = [ev for ev in evidence if ev.organisation_id not in in_area]
    return inside, outside


def first_seen(evidence: list[Evidence]) -> dict[str, Evidence]:
    """The earliest evidence of each unit: a unit is counted once, where and when it first counts."""
    first: dict[str, Evidence] = {}
    for ev in evidence:
        seen = first.get(ev.key)
        if seen is None or (ev.date, ev.record_id) < (seen.date, seen.record_id):
            first[ev.key] = ev
    return first


def indicator_results(*, ctx: Context, filters: Filters) -> list[Result]:
    """Every registered indicator's figure for `filters` (objective filter drops irrelevant ones)."""
    results = []
    for indicator in all_indicators():
        if filters.objective and filters.objective not in indicator.definition.objectives:
            continue
        results.append(indicator_result(ctx=ctx, indicator=indicator, filters=filters))
    return results


def indicator_result(*, ctx: Context, indicator: Indicator, filters: Filters) -> Result:
    evidence = evidence_for(ctx, indicator, filters)
    inside, outside = split_area(ctx, evidence)
    suppress = indicator.suppressed_below_min
    return Result(
        indicator=indicator,
        value=cell(len({ev.key for ev in inside}), suppress=suppress),
        outside=cell(len({ev.key for ev in outside}), suppress=suppress),
        records=len(evidence),
        missing=indicator.missing_models(),
    )


def indicator_units(*, ctx: Context, indicator: Indicator, filters: Filters) -> list[UnitRow]:
    """The list behind the figure: one row per counted unit, programme area first."""
    evidence = evidence_for(ctx, indicator, filters)
    grouped: dict[str, list[Evidence]] = defaultdict(list)
    for ev in evidence:
        grouped[ev.key].append(ev)
    rows = []
    for key, evs in grouped.items():
        evs.sort(key=lambda e: (e.date, e.record_id))
        first = evs[0]
        org = ctx.orgs[first.organisation_id]
        label = org.name if key.startswith("org:") else (first.title or key)
        kinds = sorted({e.kind for e in evs})
        rows.append(UnitRow(key, label, org, first.date, kinds, evs))
    rows.sort(key=lambda r: (not r.in_area, r.label.lower(), r.key))
    return rows


def _grouped_counts(first: dict[str, Evidence], ctx: Context, attr) -> Counter:
    counts: Counter = Counter()
    for ev in first.values():
        counts[attr(ctx.orgs[ev.organisation_id], ev)] += 1
    return counts


@dataclass
class Breakdown:
    quarters: list[str]
    by_quarter_country: dict[str, dict[str, int]]  # quarter -> country -> new units
    countries: list[str]
    by_country: dict[str, int]
    by_size: dict[str, int] | None
    by_province: dict[str, int]
    by_nuts3: dict[str, int]
    total: int
    suppress: bool
    # sector code -> organisations (all ten sectors, then NO_SECTOR when any); an organisation
    # in two sectors counts in both, so the figures add up to more than the total
    by_sector: dict[str, int] | None = None


def indicator_breakdown(*, ctx: Context, indicator: Indicator, filters: Filters) -> Breakdown:
    """Units in the programme area by quarter of first evidence, country, size class, region.

    Units outside the programme area are left out here as in the headline figure.
    """
    inside, _outside = split_area(ctx, evidence_for(ctx, indicator, filters))
    first = first_seen(inside)
    by_qc: dict[str, Counter] = defaultdict(Counter)
    for ev in first.values():
        by_qc[quarter(ev.date)][ctx.orgs[ev.organisation_id].country] += 1
    quarters = _quarter_range(sorted(by_qc)) if by_qc else []
    by_country = _grouped_counts(first, ctx, lambda org, ev: org.country)
    countries = [c for c in PROGRAMME_COUNTRIES if c in by_country] + sorted(
        c for c in by_country if c not in PROGRAMME_COUNTRIES
    )
    by_size = None
    if indicator.by_size_class:
        sizes = _grouped_counts(first, ctx, lambda org, ev: org.size)
        by_size = {s: sizes.get(s, 0) for s in SIZE_ORDER if s != UNKNOWN_SIZE or sizes.get(s)}
    return Breakdown(
        quarters=quarters,
        by_quarter_country={q: dict(by_qc.get(q, {})) for q in quarters},
        countries=countries or list(PROGRAMME_COUNTRIES),
        by_country=dict(by_country),
        by_size=by_size,
        by_province=dict(_grouped_counts(first, ctx, lambda org, ev: org.province)),
        by_nuts3=dict(_grouped_counts(first, ctx, lambda org, ev: org.nuts3)),
        total=len(first),
        suppress=indicator.suppressed_below_min,
        by_sector=_sector_counts(ctx, first) if indicator.by_sector else None,
    )


def priority_sectors(ctx: Context) -> list[Sector]:
    """The ten priority sectors in the programme's order (read once per request)."""
    return ctx.memo("sectors", lambda: list(Sector.objects.order_by("sort_order")))


def _sector_counts(ctx: Context, first: dict[str, Evidence]) -> dict[str, int]:
    counts: Counter = Counter()
    sectors_of = ctx.sectors_of
    for ev in first.values():
        counts.update(sectors_of.get(ev.organisation_id) or (NO_SECTOR,))
    out = {s.code: counts.get(s.code, 0) for s in priority_sectors(ctx)}
    if counts.get(NO_SECTOR):
        out[NO_SECTOR] = counts[NO_SECTOR]
    return out


def _quarter_range(present: list[str]) -> list[str]:
    """Every quarter from the first to the last present one, so gaps show as zero."""
    start_year, start_q = int(present[0][:4]), int(present[0][-1])
    end_year, end_q = int(present[-1][:4]), int(present[-1][-1])
    out = []
    year, q = start_year, start_q
    while (year, q) <= (end_year, end_q):
        out.append(f"{year}-Q{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def programme_provinces() -> list[Province]:
    """Provinces wholly or partly in the programme area, Belgian first."""
    return list(
        Province.objects.exclude(programme_area="no")
        .select_related("country")
        .order_by("country_id", "name_nl")
    )


def programme_nuts3() -> list[Nuts3Region]:
    return list(Nuts3Region.objects.filter(in_programme_area=True).order_by("code"))


def region_cells(values: dict[str, int], codes: list[str], *, suppress: bool) -> dict[str, Cell]:
    cells = suppress_group([values.get(code, 0) for code in codes], suppress=suppress)
    return dict(zip(codes, cells, strict=True))


KIND_LABELS = dict(Kind.choices)
SIZE_LABELS = {**dict(SizeClass.choices), UNKNOWN_SIZE: _("size class not known")}


def sector_labels(ctx: Context) -> dict[str, str]:
    """Sector code -> its name in the active language, and the words for "no sector"."""
    return {
        **{s.code: s.name for s in priority_sectors(ctx)},
        NO_SECTOR: str(_("no priority sector known")),
    }
