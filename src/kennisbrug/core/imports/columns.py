"""Columns of an import file and how a cell's text becomes a value, for every kind
of import: header names in Dutch and English (with aliases), formula detection, and
Dutch, Belgian and English number formats.

Headers are part of the file format, not of the interface: they are fixed strings
in both languages (a translator changing a label must not break people's files).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    key: str
    nl: str  # header in the Dutch template and export
    en: str  # header in the English template and export
    aliases: tuple[str, ...] = ()
    required: bool = False


def normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-./]+", " ", text.strip().lower()).strip()


class ColumnSet:
    """The columns of one kind of import file, found by any of their names."""

    def __init__(self, columns: Sequence[Column]):
        self.columns = list(columns)
        self.by_key = {c.key: c for c in self.columns}
        self.required = [c.key for c in self.columns if c.required]
        self._index: dict[str, str] = {}
        for column in self.columns:
            for name in (column.key, column.nl, column.en, *column.aliases):
                self._index[normalise_header(name)] = column.key

    def map_header(self, header: list[str]) -> tuple[dict[int, str], list[str], list[str]]:
        """Column positions → keys, plus the required keys missing and duplicated keys."""
        positions: dict[int, str] = {}
        seen: set[str] = set()
        duplicated: list[str] = []
        for index, text in enumerate(header):
            key = self._index.get(normalise_header(text))
            if key is None:
                continue  # extra columns are ignored, as the template says
            if key in seen:
                duplicated.append(key)
                continue
            seen.add(key)
            positions[index] = key
        missing = [key for key in self.required if key not in seen]
        return positions, missing, duplicated

    def label(self, key: str) -> str:
        column = self.by_key[key]
        return column.nl if column.nl == column.en else f"{column.nl} / {column.en}"

    def header(self, *, dutch: bool, keys: Sequence[str] | None = None) -> list[str]:
        chosen = [self.by_key[k] for k in keys] if keys is not None else self.columns
        return [c.nl if dutch else c.en for c in chosen]


# --- cell values -------------------------------------------------------------

_FORMULA = re.compile(r"^(=|[+\-@]\s*[A-Za-z_.]+\s*\(|[+\-@=].*\|)", re.DOTALL)
_TEXT_MARK = re.compile(r"^'(?=[=+\-@\t\r])")


def strip_text_mark(text: str) -> str:
    """Drop the quote our exports put before a text that starts like a formula."""
    return _TEXT_MARK.sub("", text)


def looks_like_formula(text: str) -> bool:
    """A spreadsheet formula or DDE payload (=cmd|' /C calc'!A0, +SUM(…), @HYPERLINK(…)).

    A phone number (+32 9 123 45 67) or a dash list in a description is not one.
    """
    return bool(_FORMULA.match(text.lstrip(" \t\r\n")))


def parse_decimal(text: str) -> Decimal:
    """A number written the Dutch/Belgian way (1.234.567,89) or the English way
    (1,234,567.89). With one kind of separator: a comma is decimal, a dot followed by
    exactly three digits groups thousands (1.250 = 1250)."""
    raw = text
    text = re.sub(r"[\s\u00a0\u202f€]|EUR", "", text, flags=re.IGNORECASE)
    if "," in text and "." in text:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        text = text.replace(thousands, "").replace(decimal_sep, ".")
    elif "," in text:
        text = text.replace(".", "") if text.count(",") == 1 else text.replace(",", "")
        text = text.replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw[:40]})
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw[:40]}) from None


def exact_number(value: Decimal, *, integer: bool) -> Decimal | int:
    """A number cell of a spreadsheet: no separators to interpret."""
    if integer:
        if value != value.to_integral_value():
            raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": value})
        return int(value)
    return value


def parse_integer(text: str) -> int:
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": text[:40]})
    return int(value)


def parse_emails(text: str) -> list[str]:
    emails: list[str] = []
    for part in re.split(r"[\s,;]+", text.strip()):
        if not part:
            continue
        try:
            validate_email(part)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not a valid e-mail address.") % {"value": part[:80]}
            ) from None
        if part.lower() not in emails:
            emails.append(part.lower())
    return emails


_YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "oui"}
_NO = {"nee", "n", "no", "false", "onwaar", "0", "non"}


def parse_bool(text: str) -> bool:
    key = normalise_header(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValidationError(
        _("“%(value)s” is not yes or no; write ja or nee.") % {"value": text[:40]}
    )
