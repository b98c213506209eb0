from decimal import ROUND_DOWN, Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from kennisbrug.core.money import (
    MoneyField,
    MoneyFormField,
    MoneySerializerField,
    format_money,
    round_money,
)


def test_round_money_rounds_half_a_cent_up():
    assert round_money(Decimal("2.345")) == Decimal("2.35")
    assert round_money(Decimal("2.344")) == Decimal("2.34")
    assert round_money(Decimal("-2.345")) == Decimal("-2.35")
    assert round_money(7) == Decimal("7.00")


def test_round_money_can_round_down_for_shares():
    assert round_money(Decimal("2.349"), rounding=ROUND_DOWN) == Decimal("2.34")


def test_format_money_follows_the_readers_language():
    amount = Decimal("1234.5")
    with translation.override("nl"):
        assert format_money(amount) == "€ 1.234,50"
        assert format_money(Decimal("-1234567.891")) == "€ -1.234.567,89"
    with translation.override("en"):
        assert format_money(amount) == "€1,234.50"
        assert format_money(Decimal("-0.5")) == "-€0.50"


def test_format_money_of_nothing_is_empty():
    assert format_money(None) == ""
    assert format_money("") == ""


def test_money_template_filter_is_a_builtin():
    template = Template("{{ amount|money }}")
    with translation.override("nl"):
        assert template.render(Context({"amount": Decimal("240")})) == "€ 240,00"
    with translation.override("en"):
        assert template.render(Context({"amount": Decimal("240")})) == "€240.00"


def test_money_field_stores_fourteen_digits_with_cents_as_a_plain_decimal():
    field = MoneyField("amount", null=True)
    field.set_attributes_from_name("amount")
    _name, path, _args, kwargs = field.deconstruct()
    assert path == "django.db.models.DecimalField"
    assert (kwargs["max_digits"], kwargs["decimal_places"]) == (14, 2)
    assert isinstance(field.formfield(), MoneyFormField)


def test_money_form_field_refuses_fractions_of_a_cent():
    form_field = MoneyFormField()
    assert form_field.clean("1234.56") == Decimal("1234.56")
    with pytest.raises(ValidationError):
        form_field.clean("1.234")


def test_money_serializer_field_gives_a_decimal_string_with_cents():
    field = MoneySerializerField()
    assert field.to_representation(Decimal("5")) == "5.00"
    assert field.to_internal_value("999999999999.99") == Decimal("999999999999.99")
