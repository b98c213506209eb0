"""Legal identifiers: KBO/BCE, KvK and VAT numbers, checked with python-stdnum.

Every check lives in python-stdnum; nothing here computes a check digit by hand.
Numbers are returned in their compact form, the form the registry stores.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.be import vat as be_enterprise_number  # KBO/BCE: 10 digits, mod-97 check
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError


def kbo_compact(value: str) -> str:
    """The compact KBO/BCE enterprise number (10 digits), or "" for empty input.

    python-stdnum 2.x has no `stdnum.be.bce` module: the Belgian enterprise number
    is `stdnum.be.vat` (the enterprise number is the former VAT number); it checks
    length, the leading 0/1 and the mod-97 check digits.
    """
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return be_enterprise_number.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("This KBO/BCE number has wrong check digits; please check it."),
            code="invalid_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("Enter a KBO/BCE number of 10 digits, such as 0403.170.701."),
            code="invalid_kbo",
        ) from None


def kvk_compact(value: str) -> str:
    """The compact KvK number (8 digits), or "" for empty input.

    python-stdnum has no KvK module (stdnum.nl offers brin, bsn, btw,
    onderwijsnummer and postcode): the Dutch Chamber of Commerce number has no
    check digit, so only its format, eight digits, can be checked.
    """
    value = re.sub(r"[\s.\-]", "", value or "")
    if not value:
        return ""
    if not re.fullmatch(r"[0-9]{8}", value):
        raise ValidationError(
            _("Enter a KvK number of 8 digits, such as 12345678."), code="invalid_kvk"
        )
    return value


def vat_compact(value: str, *, country: str) -> str:
    """The compact VAT number with its country prefix (BE0403170701), or "".

    A number without a prefix is read as one of `country`; a number with the
    prefix of another country than the organisation's is refused.
    """
    value = re.sub(r"[\s.\-]", "", value or "").upper()
    if not value:
        return ""
    country = (country or "").upper()
    if value[:2].isalpha():
        prefix = value[:2]
    else:
        prefix = country
        value = country + value
    if prefix != country:
        raise ValidationError(
            _("This VAT number belongs to another country than the organisation's address."),
            code="vat_country",
        )
    try:
        return eu_vat.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("This VAT number has wrong check digits; please check it."),
            code="invalid_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("This is not a valid VAT number for %(country)s."),
            code="invalid_vat",
            params={"country": country},
        ) from None


def is_valid_kbo(value: str) -> bool:
    return be_enterprise_number.is_valid(value)


def is_valid_vat(value: str) -> bool:
    return eu_vat.is_valid(value)
