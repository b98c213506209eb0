"""The shape every bulk import shares: read the file, check its header, turn each
row's cells into text (refusing formulas), and describe row by row what would be
created, updated, left unchanged or refused; a fingerprint ties a confirmation to
the very plan the person saw.

A kind of import (organisations, facilities, …) supplies its columns and decides,
per row, what the row means; everything a file can do wrong as a whole is caught
here, the same way for every kind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import reading
from .columns import ColumnSet, looks_like_formula, strip_text_mark
from .reading import Cell, ImportFileError, Table, read_table

CREATE, UPDATE, UNCHANGED, REFUSED = "create", "update", "unchanged", "refused"
ACTIONS = (CREATE, UPDATE, UNCHANGED, REFUSED)


class ImportChangedError(Exception):
    """The registry or the file changed between preview and confirmation."""


@dataclass
class RowPlan:
    line: int
    name: str = ""
    action: str = REFUSED
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass
class ImportPreview:
    kind: str
    rows: list[Any]
    fingerprint: str = ""

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.count(a) for a in ACTIONS}

    @property
    def can_commit(self) -> bool:
        return bool(self.rows) and self.count(REFUSED) == 0


def too_large() -> ImportFileError:
    return ImportFileError(
        [
            _("The file is too large: at most %(limit)d MB is accepted.")
            % {"limit": reading.MAX_BYTES // (1024 * 1024)}
        ]
    )


def read_file(*, content: bytes, filename: str, columns: ColumnSet) -> tuple[Table, dict[int, str]]:
    """The table and its column positions; raises ImportFileError (translated) when the
    file as a whole is unusable: too large, unreadable, too many rows, required columns
    missing or doubled, no rows."""
    if len(content) > reading.MAX_BYTES:
        raise too_large()
    table = read_table(content=content, filename=filename)
    positions, missing, duplicated = columns.map_header(table.header)
    problems = []
    if missing:
        problems.append(
            _("Required columns are missing: %(columns)s.")
            % {"columns": ", ".join(columns.label(k) for k in missing)}
        )
    if duplicated:
        problems.append(
            _("These columns appear twice: %(columns)s.")
            % {"columns": ", ".join(columns.label(k) for k in duplicated)}
        )
    if problems:
        raise ImportFileError(problems)
    if not table.rows:
        raise ImportFileError([_("The file has a header but no rows.")])
    return table, positions


def row_texts(
    *, table: Table, cells: list[Cell], positions: dict[int, str], columns: ColumnSet, row: RowPlan
) -> dict[str, Cell] | None:
    """The non-empty cells of one row by column key (text trimmed, our export's formula
    marker removed); None when the row cannot be read at all. Formulas are refused
    per cell, never evaluated. `row.values` keeps the texts for the preview."""
    if table.kind == "csv" and len(cells) != len(table.header):
        row.errors.append(
            _(
                "This row has %(found)d fields where the header has %(expected)d; "
                "is a different separator used on this line?"
            )
            % {"found": len(cells), "expected": len(table.header)}
        )
        return None
    found: dict[str, Cell] = {}
    for index, key in positions.items():
        cell = cells[index] if index < len(cells) else None
        if cell is None:
            continue
        if cell.formula or looks_like_formula(cell.text):
            row.errors.append(
                _("%(column)s: contains a formula; formulas are never imported or run.")
                % {"column": columns.label(key)}
            )
            continue
        text = strip_text_mark(cell.text).strip()
        if not text:
            continue
        row.values[key] = text
        found[key] = Cell(text, number=cell.number)
    return found


def parse_value(row: RowPlan, label: str, parse: Callable[[], Any]) -> Any:
    """`parse()`, or None with its translated messages added to the row under `label`."""
    try:
        return parse()
    except ValidationError as exc:
        row.errors.extend(f"{label}: {m}" for m in exc.messages)
        return None


def add_errors(row: RowPlan, error: ValidationError, label: Callable[[str], str]) -> None:
    """A model's ValidationError as one line per message, each named by its column."""
    if not hasattr(error, "error_dict"):
        row.errors.extend(error.messages)
        return
    for key, messages in error.message_dict.items():
        row.errors.extend(m if key == "__all__" else f"{label(key)}: {m}" for m in messages)


def fingerprint(plan: list) -> str:
    """A digest of a JSON-able description of the plan: equal plans, equal prints."""
    return hashlib.sha256(json.dumps(plan, sort_keys=True, default=str).encode()).hexdigest()
