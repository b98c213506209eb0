"""Shared helpers of the skills benchmarks: where the real ESCO data is, and reading it."""

from __future__ import annotations

import csv
import gzip
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def esco_dir() -> Path:
    default = ROOT.parent / "shared" / "data" / "esco"
    return Path(os.environ.get("KENNISBRUG_ESCO_DIR", default))


def require_esco() -> Path:
    path = esco_dir()
    if not (path / "v1.1.1" / "occupationSkillRelations.csv.gz").exists():
        print(f"SKIPPED: real ESCO data not found at {path} (set KENNISBRUG_ESCO_DIR).")
        sys.exit(0)
    return path


def read_csv_gz(path: Path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)
