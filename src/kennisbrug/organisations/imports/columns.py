"""The columns of an organisation import file, in Dutch and in English, and how a
cell's text becomes a field value (Dutch and Belgian number formats, country and
type names in both languages).

Headers are part of the file format, not of the interface: they are fixed strings
in both languages (a translator changing a label must not break people's files).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ..constants import OrganisationType


@dataclass(frozen=True)
class Column:
    key: str
    nl: str  # header in the Dutch template and export
    en: str  # header in the English template and export
    aliases: tuple[str, ...] = ()
    required: bool = False


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
        "member_emails",
        "leden_e-mail",
        "member_emails",
        ("leden", "uitnodigen", "e-mail leden", "members", "member emails", "invite"),
    ),
]
BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED = [c.key for c in COLUMNS if c.required]


def normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-./]+", " ", text.strip().lower()).strip()


_HEADER_INDEX: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.nl, _column.en, *_column.aliases):
        _HEADER_INDEX[normalise_header(_name)] = _column.key


def map_header(header: list[str]) -> tuple[dict[int, str], list[str], list[str]]:
    """Column positions → keys, plus the required keys missing and duplicated keys."""
    positions: dict[int, str] = {}
    seen: set[str] = set()
    duplicated: list[str] = []
    for index, text in enumerate(header):
        key = _HEADER_INDEX.get(normalise_header(text))
        if key is None:
            continue  # extra columns are ignored, as the template says
        if key in seen:
            duplicated.append(key)
            continue
        seen.add(key)
        positions[index] = key
    missing = [key for key in REQUIRED if key not in seen]
    return positions, missing, duplicated


def header_label(key: str) -> str:
    column = BY_KEY[key]
    return column.nl if column.nl == column.en else f"{column.nl} / {column.en}"


# --- cell values -------------------------------------------------------------

_FORMULA = re.compile(r"^(=|[+\-@]\s*[A-Za-z_.]+\s*\(|[+\-@=].*\|)", re.DOTALL)
_TEXT_MARK = re.compile(r"^'(?=[=+\-@\t\r])")


def strip_text_mark(text: str) -> str:
    """Drop the quote our exports put before a text that starts like a formula."""
    return _TEXT_MARK.sub("", text)


def looks_like_formula(text: str) -> bool:
    """A spreadsheet formula or DDE payload (=cmd|' /C calc'!A0, +SUM(…), @HYPERLINK(…)).

    A phone number (+32 9 123 45 67) or a dash list in a description is not one.
    """
    return bool(_FORMULA.match(text.lstrip(" \t\r\n")))


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


def parse_decimal(text: str) -> Decimal:
    """A number written the Dutch/Belgian way (1.234.567,89) or the English way
    (1,234,567.89). With one kind of separator: a comma is decimal, a dot followed by
    exactly three digits groups thousands (1.250 = 1250)."""
    raw = text
    text = re.sub(r"[\s\u00a0\u202f€]|EUR", "", text, flags=re.IGNORECASE)
    if "," in text and "." in text:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        text = text.replace(thousands, "").replace(decimal_sep, ".")
    elif "," in text:
        text = text.replace(".", "") if text.count(",") == 1 else text.replace(",", "")
        text = text.replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw[:40]})
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw[:40]}) from None


def exact_number(value: Decimal, *, integer: bool) -> Decimal | int:
    """A number cell of a spreadsheet: no separators to interpret."""
    if integer:
        if value != value.to_integral_value():
            raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": value})
        return int(value)
    return value


def parse_integer(text: str) -> int:
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": text[:40]})
    return int(value)


def parse_emails(text: str) -> list[str]:
    emails: list[str] = []
    for part in re.split(r"[\s,;]+", text.strip()):
        if not part:
            continue
        try:
            validate_email(part)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not a valid e-mail address.") % {"value": part[:80]}
            ) from None
        if part.lower() not in emails:
            emails.append(part.lower())
    return emails
