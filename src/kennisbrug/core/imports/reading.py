"""Turn an uploaded CSV or XLSX file into a header and rows of text cells.

Hostile files stop here with an ImportFileError that says, in the reader's
language, what is wrong with the file as a whole: too large, not UTF-8, an old
binary .xls, a zip bomb, too many rows, a NUL byte. Row-level problems (a formula,
a wrong number of fields) are left to the caller, which reports them per row.

Nothing from a cell is ever evaluated: XLSX formulas are read as their text
(data_only=False) and flagged, never computed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kennisbrug.core.csvtools import field_size_limit

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
# An XLSX is a zip: refuse one that unpacks to far more than any honest sheet of
# MAX_ROWS records (a "zip bomb" of a few MB can unpack to gigabytes).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A member that unpacks to more than this many times its packed size is no spreadsheet
# a person made (real sheets pack 5–30 times), however small the total: openpyxl keeps the
# shared strings in memory. Members under RATIO_FROM bytes are too small to matter.
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024
# One cell of a CSV; the longest column (a description) holds 5000 characters.
MAX_FIELD_CHARS = 20_000

_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel format (OLE2)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class ImportFileError(Exception):
    """The file as a whole cannot be imported; `messages` are translated sentences."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass
class Cell:
    """One cell as text; `formula` marks an XLSX formula cell (never evaluated)."""

    text: str
    formula: bool = False
    # An XLSX number as typed: read as it is, not through the Dutch number format.
    number: Decimal | None = None


@dataclass
class Table:
    kind: str  # "csv" or "xlsx"
    header: list[str]
    rows: list[tuple[int, list[Cell]]]  # (line or row number in the file, cells)
    delimiter: str = ""


def read_limited(stream: BinaryIO, *, limit: int = MAX_BYTES) -> bytes:
    """Read at most `limit` bytes; raise ImportFileError when the stream holds more.

    Reads in chunks and stops one byte past the limit, so a 50 MB upload is never
    held in memory whole.
    """
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(1024 * 1024, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise ImportFileError(
                [
                    _("The file is too large: at most %(limit)d MB is accepted.")
                    % {"limit": limit // (1024 * 1024)}
                ]
            )
    return b"".join(chunks)


def read_table(*, content: bytes, filename: str = "") -> Table:
    """Parse `content` as XLSX (by its zip signature) or as CSV text."""
    if not content.strip():
        raise ImportFileError([_("The file is empty.")])
    if content.startswith(_XLS_MAGIC):
        raise ImportFileError(
            [_("This is an old Excel file (.xls). Save it as .xlsx or as CSV UTF-8 and try again.")]
        )
    if content.startswith(_XLSX_MAGIC):
        return _read_xlsx(content)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError([_("This file is not a valid Excel (.xlsx) file.")])
    return _read_csv(content)


def _decode(content: bytes) -> str:
    if content.startswith(_UTF16_BOMS):
        # Excel's "Unicode text" export: UTF-16 with a byte order mark.
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError([_("The file claims to be UTF-16 but is not.")]) from None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            [
                _(
                    "The file is not UTF-8 text (first unreadable character on line %(line)d). "
                    "In Excel choose “CSV UTF-8 (comma delimited)” when saving."
                )
                % {"line": line}
            ]
        ) from None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    if "\x00" in text:
        raise ImportFileError(
            [_("The file contains NUL bytes: it is not a text file, or not UTF-8.")]
        )
    header_line = text.split("\n", 1)[0]
    delimiter = _delimiter(header_line)
    with field_size_limit(MAX_FIELD_CHARS):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader, [])
            rows: list[tuple[int, list[Cell]]] = []
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                if len(rows) >= MAX_ROWS:
                    raise _too_many_rows()
                rows.append((reader.line_num, [Cell(c) for c in cells]))
        except csv.Error as exc:
            raise ImportFileError(
                [
                    _("Line %(line)d cannot be read as CSV (%(error)s).")
                    % {"line": reader.line_num, "error": str(exc)[:100]}
                ]
            ) from None
    return Table(kind="csv", header=header, rows=rows, delimiter=delimiter)


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        [
            ngettext(
                "The file has more than %(limit)d row; split it into smaller files.",
                "The file has more than %(limit)d rows; split it into smaller files.",
                MAX_ROWS,
            )
            % {"limit": MAX_ROWS}
        ]
    )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        # A whole number typed in Excel arrives as 12.0; an identifier typed as a
        # number (403170701) loses its leading zero, which the validators put back.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal | int):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _xlsx_cell(cell) -> Cell:
    value = getattr(cell, "value", None)
    number = None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
    return Cell(_cell_text(value), formula=getattr(cell, "data_type", "") == "f", number=number)


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise ImportFileError([_("This file is not a valid Excel (.xlsx) file.")]) from None
    # Python's zipfile never unpacks more than a member declares, so the declared sizes bound
    # what openpyxl can read.
    unpacked = sum(info.file_size for info in members)
    bomb = any(
        info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(1, info.compress_size)
        for info in members
    )
    if unpacked > MAX_UNPACKED_BYTES or bomb:
        raise ImportFileError(
            [_("This Excel file unpacks to far more data than an import file can hold.")]
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a broken file; all mean the same here
        raise ImportFileError([_("This file is not a valid Excel (.xlsx) file.")]) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list[Cell]]] = []
        header: list[str] = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells = [_xlsx_cell(c) for c in row]
            if not header:
                if any(c.text.strip() for c in cells):
                    header = [c.text for c in cells]
                continue
            if not any(c.text.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows()
            rows.append((number, cells))
    finally:
        workbook.close()
    return Table(kind="xlsx", header=header, rows=rows)
