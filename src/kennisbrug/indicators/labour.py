"""The labour-market dashboard: tension per bottleneck occupation and province, both sides.

Reads the skills app's bottleneck figures (UWV tension figures, VDAB bottleneck lists...). A row
for a whole country (region = BE or NL) applies to each province of that country; several
rows for one occupation and province (NUTS3 rows, several sources) are averaged. These
are published labour-market statistics, not data about people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from kennisbrug.skills.selectors import bottleneck_tension_rows, bottleneck_years

from .selectors import programme_provinces


@dataclass
class TensionCell:
    tension: Decimal | None = None  # average vacancies per job seeker, when a figure exists
    bottleneck: bool = False  # listed as a bottleneck occupation
    country_wide: bool = False  # only a country-wide figure applies

    def __str__(self) -> str:
        if self.tension is not None:
            return f"{self.tension}"
        return "●" if self.bottleneck else "–"


@dataclass
class OccupationRow:
    id: int
    label: str
    cells: list[TensionCell]

    @property
    def bottleneck_provinces(self) -> int:
        return sum(1 for c in self.cells if c.bottleneck)


@dataclass
class LabourMarket:
    available: bool
    years: list[int] = field(default_factory=list)
    year: int | None = None
    provinces: list = field(default_factory=list)
    rows: list[OccupationRow] = field(default_factory=list)
    occupations: list[tuple[int, str]] = field(default_factory=list)


def labour_market(*, year: int | None = None, occupation_id: int | None = None) -> LabourMarket:
    years = bottleneck_years()
    if not years:
        return LabourMarket(available=True, provinces=programme_provinces())
    year = year if year in years else years[0]
    provinces = programme_provinces()
    codes = [p.code for p in provinces]
    country_of = {p.code: p.country_id for p in provinces}
    values: dict[tuple[int, str], list[Decimal]] = defaultdict(list)
    flagged: set[tuple[int, str]] = set()
    country_wide: dict[tuple[int, str], list] = defaultdict(list)
    labels: dict[int, tuple[str, str]] = {}
    tension_rows = bottleneck_tension_rows(year=year)
    for occ, label_nl, label_en, province, region, country, tension, is_bottleneck in tension_rows:
        labels[occ] = (label_nl, label_en)
        if province:
            key = (occ, province)
            if tension is not None:
                values[key].append(tension)
            if is_bottleneck:
                flagged.add(key)
        elif region == country:
            country_wide[(occ, country)].append((tension, is_bottleneck))
    from django.utils.translation import get_language

    english = (get_language() or "nl").startswith("en")
    all_occupations = sorted(
        ((occ, (en or nl) if english else (nl or en)) for occ, (nl, en) in labels.items()),
        key=lambda item: item[1].lower(),
    )
    rows: list[OccupationRow] = []
    for occ, label in all_occupations:
        if occupation_id and occ != occupation_id:
            continue
        cells = []
        for code in codes:
            key = (occ, code)
            if values.get(key) or key in flagged:
                cells.append(TensionCell(_avg(values.get(key)), key in flagged))
                continue
            wide = country_wide.get((occ, country_of[code]))
            if wide:
                figures = [t for t, _b in wide if t is not None]
                cells.append(TensionCell(_avg(figures), any(b for _t, b in wide), True))
            else:
                cells.append(TensionCell())
        rows.append(OccupationRow(occ, label, cells))
    rows.sort(key=lambda r: (-r.bottleneck_provinces, r.label.lower()))
    return LabourMarket(True, years, year, provinces, rows, all_occupations)


def _avg(figures) -> Decimal | None:
    if not figures:
        return None
    return (sum(figures) / len(figures)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def province_figures(market: LabourMarket, *, occupation_id: int | None):
    """Per province: (number for the map, text). One occupation: its tension; else the
    number of bottleneck occupations listed there."""
    result = {}
    for i, province in enumerate(market.provinces):
        if occupation_id:
            row = next((r for r in market.rows if r.id == occupation_id), None)
            c = row.cells[i] if row else TensionCell()
            number = float(c.tension) if c.tension is not None else 0.0
            result[province.code] = (number, str(c))
        else:
            count = sum(1 for r in market.rows if r.cells[i].bottleneck)
            result[province.code] = (float(count), str(count))
    return result
