"""CSV and XLSX exports of the records behind an indicator.

Cells that a spreadsheet would run as a formula (starting with = + - @ tab or CR) are
prefixed with an apostrophe, in both formats; XLSX strings are also written as
explicit strings, and control characters a workbook cannot hold are removed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .evidence import Context, Filters
from .registry import Indicator
from .selectors import KIND_LABELS, SIZE_LABELS, indicator_units

FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def safe_text(value) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return "'" + text if FORMULA_START.match(text) else text


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
    ]


def export_rows(*, ctx: Context, indicator: Indicator, filters: Filters) -> list[list]:
    """One row per evidence record, grouped by counted unit (programme area first)."""
    rows = []
    orgs = ctx.orgs
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
                ]
            )
    return rows


def to_csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    for row in rows:
        writer.writerow(
            [
                value.isoformat()
                if isinstance(value, dt.date)
                else value
                if isinstance(value, int)
                else safe_text(value)
                for value in row
            ]
        )
    return buffer.getvalue()


def to_xlsx(rows: list[list], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = safe_text(title)[:31].replace("'", "") or "indicator"
    sheet.append(header())
    for row in rows:
        sheet.append([None] * len(row))
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(row=sheet.max_row, column=col)
            if isinstance(value, (dt.date, int)):
                cell.value = value
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = safe_text(value)
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
