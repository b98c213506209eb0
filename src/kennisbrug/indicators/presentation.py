"""Turn figures into what the pages show: charts, the map and their data tables."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kennisbrug.core.models import Country

from .charts import bar_chart, column_chart
from .evidence import Context, Filters
from .maps import cell_values, province_map
from .privacy import cell, suppress_group
from .registry import Indicator
from .selectors import (
    SIZE_LABELS,
    indicator_breakdown,
    programme_nuts3,
    programme_provinces,
    region_cells,
    sector_labels,
)


@dataclass
class TableRow:
    label: str
    cells: list


def _short(label: str, limit: int = 24) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def country_names() -> dict[str, str]:
    return {c.code: c.name for c in Country.objects.all()}


def indicator_visuals(*, ctx: Context, indicator: Indicator, filters: Filters) -> dict:
    """Charts (trend per quarter by country, size class), map and tables for one indicator."""
    b = indicator_breakdown(ctx=ctx, indicator=indicator, filters=filters)
    names = country_names()
    name = f"{indicator.code} {indicator.name}"
    suppress = b.suppress
    series = [
        (names.get(c, c), [b.by_quarter_country[q].get(c, 0) for q in b.quarters])
        for c in b.countries
    ]
    trend_rows = [
        TableRow(
            q,
            suppress_group(
                [b.by_quarter_country[q].get(c, 0) for c in b.countries], suppress=suppress
            ),
        )
        for q in b.quarters
    ]
    visuals = {
        "breakdown": b,
        "country_headers": [names.get(c, c) for c in b.countries],
        "trend_rows": trend_rows,
        "trend_chart": None,
        "size_chart": None,
        "size_rows": [],
        "sector_chart": None,
        "sector_rows": [],
    }
    if b.quarters and not suppress:
        visuals["trend_chart"] = column_chart(
            uid="trend",
            title=_("%(name)s: new per quarter, by country") % {"name": name},
            desc=_(
                "Column chart of units counted for the first time in each quarter, one column "
                "per country. The same figures are in the table below the chart."
            ),
            categories=b.quarters,
            series=series,
        )
    if b.by_size is not None:
        size_cells = suppress_group(list(b.by_size.values()), suppress=suppress)
        items = [
            (str(SIZE_LABELS.get(s, s)), c) for s, c in zip(b.by_size, size_cells, strict=True)
        ]
        visuals["size_rows"] = [TableRow(label, [c]) for label, c in items]
        visuals["size_chart"] = bar_chart(
            uid="size",
            title=_("%(name)s by size class") % {"name": name},
            desc=_("Bar chart of enterprises per size class; the table beside it has the figures."),
            items=items,
        )
    if b.by_sector is not None:
        labels = sector_labels(ctx)
        sector_cells = suppress_group(list(b.by_sector.values()), suppress=suppress)
        items = [(labels[code], c) for code, c in zip(b.by_sector, sector_cells, strict=True)]
        visuals["sector_rows"] = [TableRow(label, [c]) for label, c in items]
        # the chart's label column is narrow; the table beside it has the full names
        items = [(_short(label), c) for label, c in items]
        visuals["sector_chart"] = bar_chart(
            uid="sector",
            title=_("%(name)s by priority sector") % {"name": name},
            desc=_(
                "Bar chart of organisations per priority sector; the table beside it has the "
                "figures."
            ),
            items=items,
        )
    provinces = programme_provinces()
    province_cells = region_cells(b.by_province, [p.code for p in provinces], suppress=suppress)
    visuals["province_rows"] = [TableRow(str(p), [province_cells[p.code]]) for p in provinces]
    regions = programme_nuts3()
    nuts3_cells = region_cells(b.by_nuts3, [r.code for r in regions], suppress=suppress)
    visuals["nuts3_rows"] = [TableRow(str(r), [nuts3_cells[r.code]]) for r in regions]
    visuals["map"] = province_map(
        uid="map",
        title=_("%(name)s per province of the programme area") % {"name": name},
        desc=_(
            "Map of the Flemish and Dutch provinces of the programme area, shaded by the figure; "
            "darker is more. The table next to the map lists every value."
        ),
        values=cell_values(province_cells),
        names={p.code: str(p) for p in provinces},
    )
    visuals["total"] = cell(b.total, suppress=suppress)
    return visuals
