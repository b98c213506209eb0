"""Voucher amounts: what an amount typed into an application or scheme may be, and shares."""

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kennisbrug.core.money import CENT, MAX_AMOUNT, round_money


def to_money(value, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """Parse `value` into a Decimal with two decimals or raise ValidationError on `field`.

    Refuses floats, non-numbers, NaN/infinity, more than two decimals, negative
    amounts, zero (unless `allow_zero`) and absurdly large amounts.
    """
    if isinstance(value, (float, bool)):
        raise ValidationError({field: _("Give the amount as a decimal number, not a float.")})
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter an amount in euros, e.g. 1250.00.")}) from None
    if not amount.is_finite():
        raise ValidationError({field: _("Enter an amount in euros, e.g. 1250.00.")})
    exponent = amount.as_tuple().exponent  # an int for every finite amount
    if isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(CENT):
        raise ValidationError({field: _("An amount has at most two decimals (cents).")})
    if amount < 0:
        raise ValidationError({field: _("An amount cannot be negative.")})
    if amount == 0 and not allow_zero:
        raise ValidationError({field: _("An amount must be more than zero.")})
    if amount > MAX_AMOUNT:
        raise ValidationError({field: _("This amount is too large.")})
    return round_money(amount)


def share(amount: Decimal, percent: Decimal) -> Decimal:
    """`percent` % of `amount`, rounded down to the cent (never pays a cent too much)."""
    return round_money(amount * percent / Decimal(100), rounding=ROUND_DOWN)


def percent(value: Decimal) -> str:
    """70.00 → "70", 12.50 → "12.5"."""
    return format(Decimal(value).normalize(), "f")
