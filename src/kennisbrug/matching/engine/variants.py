"""The shipped variant lexicon: regional Dutch, Flemish and English words for one thing.

``data/variants.tsv`` (its header names its source and format) lists concepts
such as "greenhouse" = kas | glastuinbouw | serre | greenhouse. The engine adds
them to its concept lexicon as ``var:<id>`` concepts, so a question that says
"serre" and a document that says "glastuinbouw" meet on the same concept, and a
query's variant concepts widen its lexical terms (see ``Engine.search``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .concepts import Concept

VARIANTS_FILE = Path(__file__).resolve().parent / "data" / "variants.tsv"
PREFIX = "var:"


def parse_variants(lines) -> list[Concept]:
    """Concepts from the TSV lines (comments and blank lines skipped); raises ValueError."""
    out: list[Concept] = []
    seen: set[str] = set()
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4 or not cols[0].strip():
            raise ValueError(f"variants line {n}: expected 4 tab-separated columns")
        cid = PREFIX + cols[0].strip()
        if cid in seen:
            raise ValueError(f"variants line {n}: duplicate id {cols[0]!r}")
        seen.add(cid)
        nl, be, en = ([t.strip() for t in c.split("|") if t.strip()] for c in cols[1:])
        if not nl or not en:
            raise ValueError(f"variants line {n}: needs at least one nl-NL and one en term")
        terms = tuple(dict.fromkeys([*nl, *be, *en]))
        out.append(Concept(cid, {"nl": nl[0], "en": en[0]}, terms))
    return out


@cache
def shipped_variants() -> tuple[Concept, ...]:
    with VARIANTS_FILE.open(encoding="utf-8") as handle:
        return tuple(parse_variants(handle))


def is_variant(concept_id: str) -> bool:
    return concept_id.startswith(PREFIX)
