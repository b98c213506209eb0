"""Shared helpers for the matching benchmarks: ESCO loading, timing, tables.

ESCO stays outside the repository (``../shared/data/esco`` from the repo root,
or ``$KENNISBRUG_ESCO_DIR``); nothing here writes ESCO data into the repo.
"""

from __future__ import annotations

import csv
import gzip
import os
import resource
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # run as `uv run python bench/x.py` without installing

CACHE_DIR = ROOT / "var" / "bench-cache"  # git-ignored (/var/)


def esco_dir() -> Path | None:
    candidates = [os.environ.get("KENNISBRUG_ESCO_DIR"), ROOT.parent / "shared" / "data" / "esco"]
    for c in candidates:
        if c and (Path(c) / "v1.1.1" / "occupations_en.csv.gz").exists():
            return Path(c)
    return None


def read_csv_gz(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def split_labels(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("\n") if v.strip()]


@dataclass
class Occupation:
    uri: str
    label_nl: str
    label_en: str
    description_nl: str
    description_en: str
    alt_nl: list[str]
    alt_en: list[str]


def load_occupations(base: Path) -> list[Occupation]:
    """ESCO v1.1.1 occupations joined over Dutch and English by URI."""
    nl = {r["conceptUri"]: r for r in read_csv_gz(base / "v1.1.1" / "occupations_nl.csv.gz")}
    out = []
    for r in read_csv_gz(base / "v1.1.1" / "occupations_en.csv.gz"):
        n = nl.get(r["conceptUri"])
        if n is None:
            continue
        out.append(
            Occupation(
                uri=r["conceptUri"],
                label_nl=n["preferredLabel"],
                label_en=r["preferredLabel"],
                description_nl=n["description"],
                description_en=r["description"],
                alt_nl=split_labels(n["altLabels"]),
                alt_en=split_labels(r["altLabels"]),
            )
        )
    return out


def load_skills(base: Path) -> list[tuple[str, str]]:
    """(preferred label, description) of the English ESCO v1.1.1 skills."""
    rows = read_csv_gz(base / "v1.1.1" / "skills_en.csv.gz")
    return [(r["preferredLabel"], r["description"]) for r in rows]


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc), falling back to the peak."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def print_table(headers: list[str], rows: list[list[object]]) -> None:
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    line = "-|-".join("-" * w for w in widths)
    for i, row in enumerate(cells):
        padded = [
            c.ljust(w) if i == 0 or j == 0 else c.rjust(w)
            for j, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print(" | ".join(padded))
        if i == 0:
            print(line)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
