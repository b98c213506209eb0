"""Money: Decimal euros with exactly two decimals, never floats."""

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")
ZERO = Decimal("0.00")


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
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(CENT):
        raise ValidationError({field: _("An amount has at most two decimals (cents).")})
    if amount < 0:
        raise ValidationError({field: _("An amount cannot be negative.")})
    if amount == 0 and not allow_zero:
        raise ValidationError({field: _("An amount must be more than zero.")})
    if amount > MAX_AMOUNT:
        raise ValidationError({field: _("This amount is too large.")})
    return amount.quantize(CENT)


def share(amount: Decimal, percent: Decimal) -> Decimal:
    """`percent` % of `amount`, rounded down to the cent (never pays a cent too much)."""
    return (amount * percent / Decimal(100)).quantize(CENT, rounding=ROUND_DOWN)


def euro(amount: Decimal | None) -> str:
    """`EUR 12,400.00` style for messages, in the active locale's number format."""
    if amount is None:
        return ""
    return "EUR " + number_format(amount, decimal_pos=2, force_grouping=True)


def percent(value: Decimal) -> str:
    """70.00 → "70", 12.50 → "12.5"."""
    return format(Decimal(value).normalize(), "f")
