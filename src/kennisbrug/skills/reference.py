"""Load the EQF ⇄ NLQF ⇄ VKS comparison from core/data/qualification_levels.csv.

Idempotent (keyed by the file's sort_key); called from a data migration, the
demo data and the ESCO importer so that every database has the levels.
"""

import csv
from pathlib import Path

from django.db import transaction

CSV_PATH = Path(__file__).resolve().parent.parent / "core" / "data" / "qualification_levels.csv"


def _int_or_none(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def qualification_level_rows() -> list[dict]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for order, row in enumerate(rows):
        out.append(
            {
                "key": row["sort_key"].strip(),
                "sort_order": order,
                "eqf_level": _int_or_none(row["eqf_level"]),
                "nlqf_level": row["nlqf_level"].strip(),
                "vks_level": _int_or_none(row["vks_level"]),
                "nl_examples": row["nl_examples_nl"].strip(),
                "vl_examples": row["vl_examples_nl"].strip(),
                "summary_en": row["summary_en"].strip()[:200],
                "note": row["note"].strip(),
                "source": row["source"].strip(),
            }
        )
    return out


def load_qualification_levels(model=None) -> int:
    """Insert or update every qualification level; returns the number of rows."""
    if model is None:
        from .models import QualificationLevel as model
    rows = qualification_level_rows()
    with transaction.atomic():
        for row in rows:
            key = row.pop("key")
            model.objects.update_or_create(key=key, defaults=row)
    return len(rows)
