"""Money: Decimal euros with cents, never floats, one precision everywhere.

Every amount is stored as 14 digits of which 2 are cents: up to EUR 999,999,999,999.99.
That is the widest amount any app needs (scheme budgets, turnover and balance-sheet totals
of the SME test) and what the apps holding most amounts already stored, so no stored value
has to shrink; narrower columns only saved bytes and made the copies disagree.

Amount rules (positive, below a ceiling, within a budget) belong to the app that knows
them; this module only fixes the shape of an amount, how it is rounded and how it is shown.
"""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import get_language
from rest_framework import serializers

MAX_DIGITS = 14
DECIMAL_PLACES = 2
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("999999999999.99")


def round_money(value: Decimal | int | str, *, rounding: str = ROUND_HALF_UP) -> Decimal:
    """`value` rounded to whole cents, half a cent up unless a rule asks otherwise.

    Shares of an amount that must never pay a cent too much pass `rounding=ROUND_DOWN`.
    """
    return Decimal(value).quantize(CENT, rounding=rounding)


def format_money(amount: Decimal | int | str | None) -> str:
    """The amount as the reader writes euros: Dutch `€ 1.234,56`, English `€1,234.56`.

    Grouping and separators follow the active language; None or "" gives "".
    """
    if amount is None or amount == "":
        return ""
    value = round_money(amount)
    digits = number_format(abs(value), decimal_pos=DECIMAL_PLACES, force_grouping=True)
    sign = "-" if value < 0 else ""
    language = get_language() or settings.LANGUAGE_CODE
    if language.startswith("nl"):
        return f"€ {sign}{digits}"
    return f"{sign}€{digits}"


class MoneyFormField(forms.DecimalField):
    """A form field for an amount in euros with cents."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        super().__init__(**kwargs)


class MoneySerializerField(serializers.DecimalField):
    """An API field for an amount in euros with cents (a decimal string, e.g. "1250.00")."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        super().__init__(**kwargs)


class MoneyField(models.DecimalField):
    """A model field for an amount in euros with cents.

    It deconstructs as the plain DecimalField it stores, so migrations name no import of
    this module and a money column is, to the database, exactly a decimal(14, 2).
    """

    def __init__(self, verbose_name=None, name=None, **kwargs) -> None:
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        super().__init__(verbose_name, name, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyFormField, **kwargs})
