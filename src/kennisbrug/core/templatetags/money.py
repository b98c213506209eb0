"""`{{ amount|money }}`: an amount in euros as the reader writes it (a builtin, no `{% load %}`)."""

from django import template

from kennisbrug.core.money import format_money

register = template.Library()


@register.filter(name="money")
def money(amount) -> str:
    return format_money(amount)
