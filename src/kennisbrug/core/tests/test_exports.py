"""The shared export dialect: BOM, semicolons, decimal comma, no cell a spreadsheet runs."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kennisbrug.core.exports import csv_response, safe_text, to_csv, to_xlsx

CALC = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", [CALC, "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=1+1"])
def test_formula_starts_are_prefixed(value):
    assert safe_text(value) == "'" + value


@pytest.mark.parametrize("value", ["Gent", "1+1", "", "a=b", "'quoted"])
def test_plain_text_is_left_alone(value):
    assert safe_text(value) == value


def test_csv_dialect():
    header = ["name", "amount", "hours", "count", "date", "empty"]
    rows = [[CALC, Decimal("-5250.00"), 1.5, -3, dt.date(2026, 1, 2), None]]
    data = to_csv(header, rows)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert parsed == [header, ["'" + CALC, "-5250,00", "1,5", "-3", "2026-01-02", ""]]


def test_csv_header_is_formula_safe_too():
    text = to_csv(["=evil"], []).decode("utf-8-sig")
    assert text.startswith("'=evil")


def test_csv_response_is_a_named_download():
    response = csv_response(["a"], [["b"]], filename="kennisbrug-x")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kennisbrug-x.csv"'


def test_xlsx_types_numbers_and_never_writes_a_formula():
    rows = [[CALC, Decimal("12.50"), 7, dt.date(2026, 1, 2), "ok\x07"]]
    sheet = load_workbook(io.BytesIO(to_xlsx(["a", "b", "c", "d", "e"], rows, title=CALC))).active
    values = [c.value for c in sheet[2]]
    assert values[0] == "'" + CALC
    assert values[1] == Decimal("12.50") or values[1] == 12.5
    assert sheet.cell(row=2, column=2).number_format == "#,##0.00"
    assert values[2] == 7 and values[3].date() == dt.date(2026, 1, 2)
    assert values[4] == "ok"  # a control character a workbook cannot hold is dropped
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert sheet.title == "cmd| C calc!A0"  # no / in sheet titles
