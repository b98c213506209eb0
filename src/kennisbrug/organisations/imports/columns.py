"""The columns of an organisation import file, in Dutch and in English, and the
organisation-specific values (country and type names in both languages).
Generic cell parsing lives in kennisbrug.core.imports.columns.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kennisbrug.core.imports.columns import Column, ColumnSet, normalise_header

from ..constants import OrganisationType

COLUMNS = [
    Column(
        "name",
        "naam",
        "name",
        (
            "organisatie",
            "organisatienaam",
            "bedrijfsnaam",
            "organisation",
            "organization",
            "company",
            "nom",
        ),
        required=True,
    ),
    Column(
        "type",
        "type",
        "type",
        ("soort", "soort organisatie", "organisatietype", "organisation type", "organization type"),
        required=True,
    ),
    Column(
        "kbo_number",
        "kbo",
        "kbo_number",
        (
            "kbo nummer",
            "kbo-nummer",
            "kbo/bce",
            "bce",
            "ondernemingsnummer",
            "enterprise number",
            "numero d entreprise",
        ),
    ),
    Column(
        "kvk_number",
        "kvk",
        "kvk_number",
        ("kvk nummer", "kvk-nummer", "chamber of commerce number", "coc number"),
    ),
    Column(
        "vat_number",
        "btw",
        "vat_number",
        ("btw nummer", "btw-nummer", "btw-id", "vat", "vat number", "tva"),
    ),
    Column(
        "street",
        "straat",
        "street",
        ("adres", "straat en nummer", "straat + nr", "address", "street and number"),
    ),
    Column(
        "postcode",
        "postcode",
        "postcode",
        ("postnummer", "post code", "postal code", "zip", "zip code", "code postal"),
    ),
    Column("city", "gemeente", "city", ("plaats", "woonplaats", "stad", "town", "localite")),
    Column("country", "land", "country", ("landcode", "country code", "pays"), required=True),
    Column("website", "website", "website", ("site", "url", "webadres")),
    Column("email", "e-mail", "email", ("email", "contact e-mail", "e-mailadres", "contact email")),
    Column("phone", "telefoon", "phone", ("tel", "telefoonnummer", "telephone", "phone number")),
    Column("description", "beschrijving", "description", ("omschrijving",)),
    Column("expertise", "expertise", "expertise", ("deskundigheid",)),
    Column("offers", "aanbod", "offers", ("wat we bieden", "what we offer")),
    Column("needs", "vraag", "needs", ("wat we zoeken", "what we look for")),
    Column(
        "staff_headcount",
        "personeel",
        "staff_headcount",
        (
            "aantal werknemers",
            "werknemers",
            "medewerkers",
            "staff",
            "headcount",
            "employees",
            "staff headcount",
        ),
    ),
    Column(
        "annual_turnover", "jaaromzet", "annual_turnover", ("omzet", "turnover", "annual turnover")
    ),
    Column(
        "balance_sheet_total",
        "balanstotaal",
        "balance_sheet_total",
        ("balans", "balance sheet total"),
    ),
    Column(
        "activity_codes",
        "nace_sbi",
        "activity_codes",
        (
            "nace",
            "nace codes",
            "nace bel",
            "sbi",
            "sbi codes",
            "activiteitscode",
            "activiteitscodes",
            "activity codes",
        ),
    ),
    Column(
        "member_emails",
        "leden_e-mail",
        "member_emails",
        ("leden", "uitnodigen", "e-mail leden", "members", "member emails", "invite"),
    ),
]
ORGANISATION_COLUMNS = ColumnSet(COLUMNS)


_TYPES: dict[str, str] = {
    normalise_header(k): str(v)
    for v, names in {
        OrganisationType.SME: (
            "sme",
            "kmo",
            "mkb",
            "kmo/mkb",
            "mkb/kmo",
            "pme",
            "kleine onderneming",
        ),
        OrganisationType.LARGE_ENTERPRISE: (
            "large_enterprise",
            "large enterprise",
            "grote onderneming",
            "groot bedrijf",
            "grootbedrijf",
        ),
        OrganisationType.KNOWLEDGE_INSTITUTION: (
            "knowledge_institution",
            "knowledge institution",
            "kennisinstelling",
            "kennisinstituut",
            "university",
            "universiteit",
            "hogeschool",
            "research centre",
            "onderzoekscentrum",
        ),
        OrganisationType.GOVERNMENT: (
            "government",
            "overheid",
            "gemeente",
            "provincie",
            "public authority",
        ),
        OrganisationType.INTERMEDIARY: (
            "intermediary",
            "intermediaire organisatie",
            "intermediair",
            "intermediary organisation",
            "cluster",
            "netwerk",
            "network",
        ),
        OrganisationType.OTHER: ("other", "andere", "anders", "overig", "overige"),
    }.items()
    for k in names
}

_COUNTRY_NAMES = {
    "belgie": "BE",
    "belgium": "BE",
    "belgique": "BE",
    "belgien": "BE",
    "nederland": "NL",
    "the netherlands": "NL",
    "netherlands": "NL",
    "pays bas": "NL",
    "holland": "NL",
    "duitsland": "DE",
    "germany": "DE",
    "deutschland": "DE",
    "frankrijk": "FR",
    "france": "FR",
    "luxemburg": "LU",
    "luxembourg": "LU",
}


def parse_type(text: str) -> str:
    value = _TYPES.get(normalise_header(text))
    if value is None:
        raise ValidationError(
            _(
                "Unknown organisation type “%(value)s”; use e.g. kmo/mkb, kennisinstelling, "
                "overheid, intermediair, grote onderneming or andere."
            )
            % {"value": text[:40]}
        )
    return value


def parse_country(text: str, *, codes: dict[str, str]) -> str:
    """An ISO code from a code or a Dutch/English name; `codes` maps known names → code."""
    key = normalise_header(text)
    code = (
        _COUNTRY_NAMES.get(key) or codes.get(key) or (text.strip().upper() if len(key) == 2 else "")
    )
    if code not in codes.values():
        raise ValidationError(
            _("Unknown country “%(value)s”; use a code such as BE or NL.") % {"value": text[:40]}
        )
    return code


def parse_activity_codes(text: str) -> list[str]:
    """NACE(-BEL) or SBI codes, e.g. "62.01; 26700" → ["6201", "26700"] (digits only)."""
    codes = []
    for part in re.split(r"[;,|\s]+", text.strip()):
        if not part:
            continue
        digits = part.replace(".", "")
        if not re.fullmatch(r"[0-9]{2,7}", digits):
            raise ValidationError(
                _("“%(value)s” is not a NACE or SBI code (digits, e.g. 62.01 or 6201).")
                % {"value": part[:20]}
            )
        codes.append(digits)
    return codes
