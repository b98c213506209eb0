"""Aid thresholds read from the reference file core/data/sme_rules.csv.

The figures (de minimis ceiling, GBER article 28 ceilings, MIT kennisvoucher values)
change by regulation, so they are never hard-coded: the row valid on the given day wins.
"""

import csv
import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

RULES_FILE = Path(__file__).resolve().parents[1] / "core" / "data" / "sme_rules.csv"


@lru_cache(maxsize=1)
def _rows() -> tuple[dict, ...]:
    with RULES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def rule(rule_id: str, *, on: dt.date | None = None) -> dict:
    """The row `rule_id` valid on `on` (today by default); KeyError when none is."""
    on = on or dt.date.today()
    for row in _rows():
        if row["rule_id"] != rule_id:
            continue
        start, end = _date(row["valid_from"]), _date(row["valid_to"])
        if (start is None or start <= on) and (end is None or on <= end):
            return row
    # Outside every validity window: fall back to the latest row rather than failing open.
    rows = [row for row in _rows() if row["rule_id"] == rule_id]
    if not rows:
        raise KeyError(rule_id)
    return rows[-1]


def amount(rule_id: str, *, on: dt.date | None = None) -> Decimal:
    return Decimal(rule(rule_id, on=on)["value"])


def legal_basis(rule_id: str) -> str:
    return rule(rule_id)["legal_basis_source"].split(";")[0].strip()


def legal_basis_reference(rule_id: str) -> dict[str, str]:
    """The regulation behind a rule as `{"number": "2023/2831", "url": ...}`: the source
    column's citation is English prose, so pages name the regulation in their own words."""
    source = rule(rule_id)["legal_basis_source"]
    number = re.search(r"\b(\d{4}/\d+)\b", source)
    url = re.search(r"https?://\S+", source)
    return {"number": number.group(1) if number else "", "url": url.group(0) if url else ""}


def de_minimis_ceiling(on: dt.date | None = None) -> Decimal:
    """EUR per single undertaking over three rolling years (Reg. (EU) 2023/2831)."""
    return amount("deminimis.ceiling", on=on)


def gber28_advisory_ceiling(on: dt.date | None = None) -> Decimal:
    """EUR per undertaking over three years for innovation advisory services (GBER art. 28)."""
    return amount("gber28.advisory_ceiling", on=on)


def gber28_max_intensity(on: dt.date | None = None) -> Decimal:
    """Highest aid intensity in percent for innovation advisory services (GBER art. 28)."""
    return amount("gber28.advisory_intensity", on=on)


def mit_voucher(size: str) -> dict[str, Decimal]:
    """The MIT kennisvoucher figures: `size` is "small" or "large"."""
    return {
        "value": amount(f"mit.kennisvoucher.{size}.value"),
        "max_share": amount(f"mit.kennisvoucher.{size}.max_share"),
    }


def mit_assignment_months() -> int:
    return int(amount("mit.kennisvoucher.assignment_deadline"))
