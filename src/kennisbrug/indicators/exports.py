"""The records behind an indicator, as header and rows for `core.exports` (CSV/XLSX)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .evidence import Context, Filters
from .registry import Indicator
from .selectors import KIND_LABELS, SIZE_LABELS, indicator_units, sector_labels


def header() -> list[str]:
    return [
        _("indicator"),
        _("counted unit"),
        _("unit"),
        _("reported as"),
        _("organisation"),
        _("organisation type"),
        _("size class"),
        _("country"),
        _("province"),
        _("NUTS3 region"),
        _("date"),
        _("activity"),
        _("record id"),
        _("record"),
        _("other party"),
        _("other party country"),
        _("priority sectors"),
    ]


def export_rows(*, ctx: Context, indicator: Indicator, filters: Filters) -> list[list]:
    """One row per evidence record, grouped by counted unit (programme area first)."""
    rows = []
    orgs = ctx.orgs
    labels = sector_labels(ctx)
    sectors_of = ctx.sectors_of
    for unit in indicator_units(ctx=ctx, indicator=indicator, filters=filters):
        area = _("programme area") if unit.in_area else _("outside the programme area")
        for ev in unit.evidence:
            org = orgs[ev.organisation_id]
            partner = orgs.get(ev.partner_id) if ev.partner_id else None
            rows.append(
                [
                    indicator.code,
                    unit.key,
                    unit.label,
                    area,
                    org.name,
                    org.type,
                    str(SIZE_LABELS.get(org.size, org.size)) if org.is_enterprise else "",
                    org.country,
                    org.province,
                    org.nuts3,
                    ev.date,
                    str(KIND_LABELS.get(ev.kind, ev.kind)),
                    ev.record_id,
                    ev.title,
                    partner.name if partner else "",
                    partner.country if partner else "",
                    "; ".join(
                        label
                        for code, label in labels.items()
                        if code in sectors_of.get(org.id, ())
                    ),
                ]
            )
    return rows
