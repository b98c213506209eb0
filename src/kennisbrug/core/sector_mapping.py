"""Economic activity codes → the programme's priority sectors (core/data/nace_sectors.csv).

The mapping is written per NACE division, refined per group (3 digits) or class
(4 digits) where a division spans several sectors; the most specific row wins.
Codes are read without dots, so "62.01", "6201" and the NACE-BEL subclass "62010"
are the same activity.

- NACE-BEL 2008 (and NACE Rev. 2) and NACE-BEL 2025 (NACE Rev. 2.1) have their own
  rows where the two versions differ; the national fifth digit of NACE-BEL never
  changes the sector.
- SBI 2008, the Dutch classification, is NACE Rev. 2 to four digits (its fifth digit
  is Dutch-specific), so an SBI code is looked up as a 2008 NACE code.
- NACE-BEL 2003 codes (NACE Rev. 1.1, still on old register entries) are not mapped:
  their divisions mean other things (72 was computing) and a guess would mislead.
"""

import csv
import re
from functools import cache
from pathlib import Path

MAPPING_FILE = Path(__file__).resolve().parent / "data" / "nace_sectors.csv"
MAPPED_VERSIONS = ("2008", "2025")

_NOT_DIGITS = re.compile(r"[^0-9]")


@cache
def mapping() -> dict[tuple[str, str], tuple[str, ...]]:
    """{(version, code prefix): sector codes}; an empty tuple means "no priority sector"."""
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    with MAPPING_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            sectors = tuple(s for s in row["sectors"].split("|") if s)
            for version in row["versions"].split("|"):
                table[(version, row["code"])] = sectors
    return table


def sectors_for_nace(code: str, *, version: str = "2008") -> tuple[str, ...]:
    """The priority sector codes of a NACE(-BEL) code in `version` ("2008" or "2025")."""
    digits = _NOT_DIGITS.sub("", code or "")
    if version not in MAPPED_VERSIONS or len(digits) < 2:
        return ()
    table = mapping()
    for length in range(min(len(digits), 4), 1, -1):
        found = table.get((version, digits[:length]))
        if found is not None:
            return found
    return ()


def sectors_for_sbi(code: str) -> tuple[str, ...]:
    """The priority sector codes of a Dutch SBI 2008 code (NACE Rev. 2 to four digits)."""
    return sectors_for_nace(code, version="2008")


def sectors_for_activities(activities) -> list[str]:
    """The union of sectors over (version, code) pairs, in the order first met."""
    seen: dict[str, None] = {}
    for version, code in activities:
        for sector in sectors_for_nace(code, version=version):
            seen.setdefault(sector, None)
    return list(seen)


ACTIVITY_LABELS_FILE = Path(__file__).resolve().parent / "data" / "nace_activity_labels.csv"


@cache
def activity_labels() -> dict[str, tuple[str, ...]]:
    """{sector code: activity names (English and Dutch) of the NACE codes mapped to it}.

    The names are the short NACE Rev. 2 / NACE-BEL 2008 titles, so a text that names an
    activity the way the classification does ("vervaardiging van machines") is about the
    sector the activity maps to.
    """
    by_sector: dict[str, dict[str, None]] = {}
    with ACTIVITY_LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels = [row["label_en"], *row["labels_nl"].split("|")]
            for sector in sectors_for_nace(row["code"]):
                found = by_sector.setdefault(sector, {})
                found.update(dict.fromkeys(label.strip() for label in labels if label.strip()))
    return {sector: tuple(labels) for sector, labels in by_sector.items()}


# "NACE 28.92", "NACE-BEL 62010", "nacecode 28", "SBI-code: 2892", "NACE 28, 29 en 30".
# A bare number is never read as a code: it needs the classification's name before it.
_CODE = r"\d{2}(?:\.?\d{1,3})?"
_CODES_IN_TEXT = re.compile(
    r"\b(?P<scheme>nace(?:[- ]?bel)?|sbi)(?:[- ]?codes?)?"
    r"(?:\s+(?:rev\.?\s*2(?:\.1)?|2008|2025))?\s*[:#]?\s*"
    rf"(?P<codes>{_CODE}(?:\s*(?:,|/|;|\ben\b|\band\b|\bof\b|\bor\b)\s*{_CODE}\b)*)\b",
    re.IGNORECASE,
)
_ONE_CODE = re.compile(_CODE)


def sectors_in_text(text: str) -> dict[str, str]:
    """{sector code: the words that named it} for NACE(-BEL) and SBI codes written in `text`.

    Codes are read as NACE Rev. 2 / SBI 2008, the versions organisations quote today.
    """
    found: dict[str, str] = {}
    for match in _CODES_IN_TEXT.finditer(text or ""):
        for code in _ONE_CODE.findall(match.group("codes")):
            for sector in sectors_for_nace(code):
                found.setdefault(sector, f"{match.group('scheme')} {code}")
    return found
