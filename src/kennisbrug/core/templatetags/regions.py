"""`{{ code|region }}`: a region code (NUTS2, NUTS3 or country) as its name with the country,
e.g. "Limburg (BE)" (a builtin, no `{% load %}`)."""

from django import template

from kennisbrug.core.models import region_name

register = template.Library()


@register.filter(name="region")
def region(code) -> str:
    return region_name(str(code)) if code else ""
