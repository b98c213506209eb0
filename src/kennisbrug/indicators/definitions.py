"""The official indicator definitions (core/data/interreg_indicators.csv) plus our Dutch names.

The Dutch names are editorial (data/indicator_names_nl.csv): the official list has none.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

CORE_CSV = Path(__file__).resolve().parents[1] / "core" / "data" / "interreg_indicators.csv"
NL_CSV = Path(__file__).resolve().parent / "data" / "indicator_names_nl.csv"


@dataclass(frozen=True)
class Definition:
    code: str
    code_regulation: str
    type: str  # output | result
    name_en: str
    name_nl: str
    unit_en: str
    unit_nl: str
    objectives: tuple[str, ...]
    note: str
    source: str

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl

    @property
    def unit(self) -> str:
        return self.unit_en if (get_language() or "nl").startswith("en") else self.unit_nl


@cache
def definitions() -> dict[str, Definition]:
    with NL_CSV.open(encoding="utf-8", newline="") as handle:
        dutch = {row["code"]: row for row in csv.DictReader(handle)}
    result = {}
    with CORE_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            nl = dutch.get(row["code"], {})
            result[row["code"]] = Definition(
                code=row["code"],
                code_regulation=row["code_regulation"],
                type=row["type"],
                name_en=row["name_en"],
                name_nl=row["name_nl"] or nl.get("name_nl") or row["name_en"],
                unit_en=row["measurement_unit"],
                unit_nl=nl.get("unit_nl") or row["measurement_unit"],
                objectives=tuple(x for x in row["relevant_to"].split("|") if x),
                note=row["note"],
                source=row["source"],
            )
    return result
