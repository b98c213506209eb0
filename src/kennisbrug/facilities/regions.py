"""Postcode → NUTS3 region, for facilities and living labs."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kennisbrug.core.models import Country, Postcode

POSTCODE_DIGITS = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")


def locate(obj) -> None:
    """Derive `obj.nuts3` from its country and postcode; programme countries need a known one."""
    obj.postcode = (obj.postcode or "").strip().upper()
    obj.nuts3 = None
    if not obj.country_id:
        return
    country = Country.objects.filter(pk=obj.country_id).first()
    if country is None:
        raise ValidationError({"country": _("Unknown country.")})
    if not country.is_programme_country:
        return
    match = POSTCODE_DIGITS.match(obj.postcode)
    row = (
        Postcode.objects.filter(country_id=obj.country_id, code=match.group(1))
        .select_related("nuts3")
        .first()
        if match
        else None
    )
    if row is None:
        raise ValidationError({"postcode": _("This postcode is not known in this country.")})
    obj.nuts3 = row.nuts3
