"""Reference-data services: turning an address into a place in the programme area."""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode as nl_postcode

from .models import Country, Municipality, Nuts3Region, Postcode, Province

# Postcodes of countries without reference data are kept as typed, within these bounds.
_FOREIGN_POSTCODE = re.compile(r"^[A-Z0-9][A-Z0-9 -]{1,9}$")


@dataclass(frozen=True)
class ResolvedAddress:
    country: str
    postcode: str
    municipality: Municipality | None
    nuts3: Nuts3Region | None
    province: Province | None
    in_programme_area: bool


def _fold(text: str) -> str:
    """Lower-case without accents or separators, for comparing place names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _normalise_nl(postcode: str) -> tuple[str, str]:
    """('5611 AB' or '5611', PC4) for a Dutch postcode; ValidationError when malformed."""
    compact = re.sub(r"\s+", "", postcode).upper()
    if re.fullmatch(r"[1-9][0-9]{3}", compact):
        return compact, compact
    try:
        full = nl_postcode.validate(compact)
    except StdnumError:
        raise ValidationError(
            _("%(postcode)s is not a valid Dutch postcode (use 1234 AB or 1234)."),
            code="invalid_postcode",
            params={"postcode": postcode.strip()[:20]},
        ) from None
    return full, full[:4]


def postcode_resolve(*, country: str, postcode: str, city: str = "") -> ResolvedAddress:
    """Derive municipality, NUTS3 region, province and programme-area membership.

    Belgium: four digits ("9000"). The Netherlands: "5611 AB", "5611AB" or the PC4
    part "5611"; the region comes from PC4. Other countries are accepted without a
    region. A Belgian postcode shared by two municipalities only yields a
    municipality when `city` names one of them.

    Raises django ValidationError (code invalid_postcode / unknown_postcode /
    unknown_country) with a translated message.
    """
    country = (country or "").strip().upper()
    raw = (postcode or "").strip()
    if not Country.objects.filter(code=country).exists():
        raise ValidationError(
            _("Unknown country %(country)s."),
            code="unknown_country",
            params={"country": country[:10]},
        )
    if not raw:
        raise ValidationError(_("Enter a postcode."), code="required")

    if country == "BE":
        normalised = re.sub(r"\s+", "", raw)
        if not re.fullmatch(r"[1-9][0-9]{3}", normalised):
            raise ValidationError(
                _("%(postcode)s is not a valid Belgian postcode (four digits)."),
                code="invalid_postcode",
                params={"postcode": raw[:20]},
            )
        lookup = normalised
    elif country == "NL":
        normalised, lookup = _normalise_nl(raw)
    else:
        normalised = re.sub(r"\s+", " ", raw.upper())
        if not _FOREIGN_POSTCODE.fullmatch(normalised):
            raise ValidationError(
                _("%(postcode)s is not a valid postcode."),
                code="invalid_postcode",
                params={"postcode": raw[:20]},
            )
        return ResolvedAddress(country, normalised, None, None, None, False)

    areas = list(
        Postcode.objects.filter(country_id=country, code=lookup).select_related(
            "municipality", "nuts3__province"
        )
    )
    if not areas:
        message = (
            _("Unknown Belgian postcode %(postcode)s.")
            if country == "BE"
            else _("Unknown Dutch postcode %(postcode)s.")
        )
        raise ValidationError(message, code="unknown_postcode", params={"postcode": normalised})

    chosen = areas[0]
    municipality = chosen.municipality
    if len(areas) > 1:
        wanted = _fold(city or "")
        matches = [
            a
            for a in areas
            if wanted
            and a.municipality
            and wanted in {_fold(a.municipality.name_nl), _fold(a.municipality.name_fr)}
        ]
        if matches:
            chosen = matches[0]
            municipality = chosen.municipality
        else:
            municipality = None
    nuts3 = chosen.nuts3
    return ResolvedAddress(
        country=country,
        postcode=normalised,
        municipality=municipality,
        nuts3=nuts3,
        province=nuts3.province,
        in_programme_area=nuts3.in_programme_area,
    )
