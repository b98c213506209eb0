"""The import template and the registry export, in the import's own format.

An export imported again changes nothing (tested). Cells that a spreadsheet would
run as a formula (= + - @ tab CR at the start) get the apostrophe text marker,
which the import removes again; XLSX strings are written as explicit strings.
Member e-mail addresses are left out of the export: they are personal data and
the column only adds invitations, never removes anyone.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import get_language
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..models import Organisation
from .columns import COLUMNS

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
EXPORTED = [c for c in COLUMNS if c.key != "member_emails"]


def safe_text(value) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return "'" + text if FORMULA_START.match(text) else text


def _dutch(language: str | None) -> bool:
    return (language or get_language() or "nl").startswith("nl")


def header(*, language: str | None = None, with_members: bool = True) -> list[str]:
    chosen = COLUMNS if with_members else EXPORTED
    return [c.nl if _dutch(language) else c.en for c in chosen]


def export_rows(queryset: QuerySet[Organisation] | None = None) -> list[list]:
    queryset = Organisation.objects.all() if queryset is None else queryset
    rows = []
    for organisation in queryset.order_by("name", "pk").iterator(chunk_size=1000):
        row = []
        for column in EXPORTED:
            attribute = "country_id" if column.key == "country" else column.key
            value = getattr(organisation, attribute)
            row.append("" if value is None else value)
        rows.append(row)
    return rows


def _csv_value(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return safe_text(value)


def to_csv(header_row: list[str], rows: list[list]) -> bytes:
    """`;`-separated UTF-8 with a BOM and decimal commas: what Excel in Flanders and
    the Netherlands opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header_row)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header_row: list[str], rows: list[list], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(header_row)
    for row in rows:
        sheet.append([v if isinstance(v, int | Decimal) else safe_text(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, even after the quote prefix
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def organisation_export(*, file_format: str, queryset=None, language: str | None = None):
    """(bytes, content type, file name) of the registry in the import format."""
    head = header(language=language, with_members=False)
    rows = export_rows(queryset)
    if file_format == "xlsx":
        return (
            to_xlsx(head, rows, title="organisaties" if _dutch(language) else "organisations"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "kennisbrug-organisations.xlsx",
        )
    return to_csv(head, rows), "text/csv; charset=utf-8", "kennisbrug-organisations.csv"


def organisation_template(*, file_format: str, language: str | None = None):
    """(bytes, content type, file name): the header row, ready to fill in."""
    head = header(language=language)
    if file_format == "xlsx":
        return (
            to_xlsx(head, [], title="organisaties" if _dutch(language) else "organisations"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "kennisbrug-organisations-template.xlsx",
        )
    return to_csv(head, []), "text/csv; charset=utf-8", "kennisbrug-organisations-template.csv"
