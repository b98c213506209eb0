"""Opening the KBO Open Data full download: a zip or its extracted folder.

Every file is read as a stream of CSV rows (never whole), through guards that bound
what an archive may unpack to. Column layout and formats follow the register's
"Cookbook KBO Open Data": comma-separated, every value in double quotes, UTF-8,
dates as dd-mm-yyyy, enterprise numbers as 9999.999.999 and establishment numbers
as 9.999.999.999.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

# The columns each file must have (more columns are allowed: the register adds
# columns at the end when the format version goes up).
COLUMNS: dict[str, tuple[str, ...]] = {
    "meta": ("Variable", "Value"),
    "code": ("Category", "Code", "Language", "Description"),
    "enterprise": (
        "EnterpriseNumber",
        "Status",
        "JuridicalSituation",
        "TypeOfEnterprise",
        "JuridicalForm",
        "JuridicalFormCAC",
        "StartDate",
    ),
    "establishment": ("EstablishmentNumber", "StartDate", "EnterpriseNumber"),
    "denomination": ("EntityNumber", "Language", "TypeOfDenomination", "Denomination"),
    "address": (
        "EntityNumber",
        "TypeOfAddress",
        "CountryNL",
        "CountryFR",
        "Zipcode",
        "MunicipalityNL",
        "MunicipalityFR",
        "StreetNL",
        "StreetFR",
        "HouseNumber",
        "Box",
        "ExtraAddressInfo",
        "DateStrikingOff",
    ),
    "activity": ("EntityNumber", "ActivityGroup", "NaceVersion", "NaceCode", "Classification"),
    "contact": ("EntityNumber", "EntityContact", "ContactType", "Value"),
}
# contact.csv only adds the website; an extract without it still imports.
OPTIONAL = frozenset({"contact"})

# The real full download is a zip of about 300 MB unpacking to about 3 GB; these
# bounds leave room for growth and refuse archives built to exhaust the disk or memory.
MAX_ARCHIVE_BYTES = 4 * 1024**3
MAX_UNPACKED_BYTES = 24 * 1024**3
MAX_COMPRESSION_RATIO = 200
MAX_MEMBERS = 64
MAX_ERRORS = 50


class KboImportError(Exception):
    """The file set cannot be imported; `errors` are translated sentences for people."""

    def __init__(self, errors: list[str]):
        self.errors = errors[:MAX_ERRORS]
        more = len(errors) - len(self.errors)
        lines = list(self.errors)
        if more > 0:
            lines.append(_("… and %(count)d more problems.") % {"count": more})
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Limits:
    archive_bytes: int = MAX_ARCHIVE_BYTES
    unpacked_bytes: int = MAX_UNPACKED_BYTES
    compression_ratio: int = MAX_COMPRESSION_RATIO


class KboSource:
    """The files of one extract, by name ("enterprise" for enterprise.csv)."""

    def __init__(self, path: Path, *, limits: Limits | None = None):
        self.path = Path(path)
        self.limits = limits or Limits()
        self._openers: dict[str, Callable[[], IO[bytes]]] = {}
        if self.path.is_dir():
            self._discover_folder()
        elif self.path.is_file():
            self._discover_zip()
        else:
            raise KboImportError([_("%(path)s does not exist.") % {"path": self.path}])
        missing = sorted(n for n in COLUMNS if n not in self._openers and n not in OPTIONAL)
        if missing:
            raise KboImportError(
                [
                    _("The extract lacks %(file)s: use the full download of KBO Open Data.")
                    % {"file": f"{name}.csv"}
                    for name in missing
                ]
            )

    def has(self, name: str) -> bool:
        return name in self._openers

    def _add(self, filename: str, opener: Callable[[], IO[bytes]]) -> None:
        stem = filename.rsplit("/", 1)[-1].lower()
        if not stem.endswith(".csv") or stem[:-4] not in COLUMNS:
            return
        name = stem[:-4]
        if name in self._openers:
            raise KboImportError([_("The extract holds %(file)s twice.") % {"file": f"{name}.csv"}])
        self._openers[name] = opener

    def _discover_folder(self) -> None:
        total = 0
        for child in sorted(self.path.iterdir()):
            if child.is_file() and child.suffix.lower() == ".csv":
                total += child.stat().st_size
                self._add(child.name, partial(_open_binary, child))
        if total > self.limits.unpacked_bytes:
            raise KboImportError([_("The CSV files in this folder are larger than allowed.")])

    def _discover_zip(self) -> None:
        if self.path.stat().st_size > self.limits.archive_bytes:
            raise KboImportError([_("The zip file is larger than allowed.")])
        try:
            with zipfile.ZipFile(self.path) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, OSError):
            raise KboImportError(
                [_("%(path)s is neither a zip file nor a folder.") % {"path": self.path.name}]
            ) from None
        if len(members) > MAX_MEMBERS:
            raise KboImportError([_("The zip file holds more files than an extract has.")])
        total = 0
        for info in members:
            if info.is_dir():
                continue
            total += info.file_size
            # Declared sizes bound what zipfile will unpack (it stops at file_size and
            # checks the CRC), so checking them up front bounds the whole run.
            ratio_bound = max(info.compress_size, 1) * self.limits.compression_ratio
            if info.file_size > ratio_bound and info.file_size > 1024 * 1024:
                raise KboImportError(
                    [
                        _("%(file)s in the zip file is compressed suspiciously well; refused.")
                        % {"file": info.filename[:80]}
                    ]
                )
            if info.flag_bits & 0x1:
                raise KboImportError([_("The zip file is encrypted.")])
            self._add(info.filename, partial(self._open_member, info))
        if total > self.limits.unpacked_bytes:
            raise KboImportError([_("The zip file unpacks to more than allowed.")])

    def _open_member(self, info: zipfile.ZipInfo) -> IO[bytes]:
        # The archive's file handle is shared with the member stream and closed with it.
        archive = zipfile.ZipFile(self.path)
        return archive.open(info)

    @contextmanager
    def _text(self, name: str) -> Iterator[io.TextIOWrapper]:
        raw = self._openers[name]()
        # utf-8-sig: a BOM, if some tool added one, is not part of the first column name.
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
        try:
            yield text
        finally:
            text.close()

    def header(self, name: str) -> list[str]:
        try:
            with self._text(name) as text:
                return next(csv.reader(text), [])
        except (UnicodeDecodeError, csv.Error, OSError, zipfile.BadZipFile, EOFError):
            raise KboImportError([_unreadable(name, 1)]) from None

    def check_header(self, name: str) -> None:
        header = self.header(name)
        missing = [c for c in COLUMNS[name] if c not in header]
        if missing:
            raise KboImportError(
                [
                    _("%(file)s lacks the columns %(columns)s; is this the KBO Open Data format?")
                    % {"file": f"{name}.csv", "columns": ", ".join(missing)}
                ]
            )

    def rows(self, name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(line number, values of `columns`) for every data row, streamed."""
        line = 1
        try:
            with self._text(name) as text:
                reader = csv.reader(text)
                header = next(reader, [])
                width = len(header)
                pick = itemgetter(*[header.index(c) for c in columns])
                for line, row in enumerate(reader, start=2):
                    if len(row) != width:
                        if not row:
                            continue
                        raise KboImportError(
                            [
                                _("%(file)s line %(line)d has %(found)d values, not %(width)d.")
                                % {
                                    "file": f"{name}.csv",
                                    "line": line,
                                    "found": len(row),
                                    "width": width,
                                }
                            ]
                        )
                    values = pick(row)
                    yield line, values if isinstance(values, tuple) else (values,)
        except (UnicodeDecodeError, csv.Error, OSError, zipfile.BadZipFile, EOFError):
            raise KboImportError([_unreadable(name, line + 1)]) from None


def _open_binary(path: Path) -> IO[bytes]:
    return path.open("rb")


def _unreadable(name: str, line: int) -> str:
    return _(
        "%(file)s cannot be read near line %(line)d: the register publishes UTF-8 CSV "
        "with values in double quotes."
    ) % {"file": f"{name}.csv", "line": line}
