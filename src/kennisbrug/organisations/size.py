"""Enterprise size class by Commission Recommendation 2003/361/EC.

The thresholds are not written here: they are read once from
core/data/sme_rules.csv (domain `sme_definition`), where each has its legal source.
"""

import csv
import operator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .constants import ENTERPRISE_TYPES, OrganisationType, SizeClass

RULES_FILE = Path(__file__).resolve().parents[1] / "core" / "data" / "sme_rules.csv"
_COMPARISONS = {"lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}
# Smallest first: an enterprise is of the first class whose ceilings it stays within.
_ORDER = [SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM]


@dataclass(frozen=True)
class Ceiling:
    value: Decimal
    comparison: str

    def holds(self, amount: Decimal) -> bool:
        return _COMPARISONS[self.comparison](amount, self.value)


@cache
def sme_thresholds() -> dict[str, dict[str, Ceiling]]:
    """{size class: {parameter: ceiling}} for micro, small and medium, from the CSV."""
    result: dict[str, dict[str, Ceiling]] = {}
    with RULES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["domain"] != "sme_definition" or row["applies_to"] not in _ORDER:
                continue
            result.setdefault(row["applies_to"], {})[row["parameter"]] = Ceiling(
                Decimal(row["value"]), row["comparison"]
            )
    for size in _ORDER:
        missing = {"staff_headcount", "annual_turnover", "annual_balance_sheet_total"} - set(
            result.get(size, {})
        )
        if missing:  # a broken data file must fail loudly, never classify wrongly
            raise RuntimeError(f"sme_rules.csv lacks {sorted(missing)} for {size}")
    return result


def size_class_for(
    *, staff_headcount: int, annual_turnover: Decimal | None, balance_sheet_total: Decimal | None
) -> SizeClass:
    """Micro, small, medium or large: staff below the ceiling AND turnover or balance within."""
    for size in _ORDER:
        ceilings = sme_thresholds()[size]
        staff_ok = ceilings["staff_headcount"].holds(Decimal(staff_headcount))
        money_ok = (
            annual_turnover is not None and ceilings["annual_turnover"].holds(annual_turnover)
        ) or (
            balance_sheet_total is not None
            and ceilings["annual_balance_sheet_total"].holds(balance_sheet_total)
        )
        if staff_ok and money_ok:
            return size
    return SizeClass.LARGE


def size_class_determine(
    *,
    type: str,
    staff_headcount: int | None,
    annual_turnover: Decimal | None,
    balance_sheet_total: Decimal | None,
) -> str:
    """The size class to store ("" when not an enterprise or no figures were given).

    Raises ValidationError when figures are incomplete, or contradict the type.
    """
    if type not in ENTERPRISE_TYPES:
        return ""
    given = [v is not None for v in (staff_headcount, annual_turnover, balance_sheet_total)]
    if not any(given):
        return ""
    if staff_headcount is None:
        raise ValidationError(
            {"staff_headcount": _("Enter the staff headcount to determine the size class.")}
        )
    if annual_turnover is None and balance_sheet_total is None:
        raise ValidationError(
            {
                "annual_turnover": _(
                    "Enter the annual turnover or the balance sheet total to determine the size class."
                )
            }
        )
    size = size_class_for(
        staff_headcount=staff_headcount,
        annual_turnover=annual_turnover,
        balance_sheet_total=balance_sheet_total,
    )
    if type == OrganisationType.SME and size == SizeClass.LARGE:
        raise ValidationError(
            {"type": _("These figures make this a large enterprise, not an SME.")},
            code="size_mismatch",
        )
    if type == OrganisationType.LARGE_ENTERPRISE and size != SizeClass.LARGE:
        raise ValidationError(
            {"type": _("These figures make this an SME, not a large enterprise.")},
            code="size_mismatch",
        )
    return size
