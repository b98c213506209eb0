"""Reads of the register mirror: one enterprise, its labels, and the registration prefill."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from stdnum.be import vat as be_enterprise_number
from stdnum.exceptions import ValidationError as StdnumError

from kennisbrug.core.models import Sector

from .constants import EnterpriseStatus
from .models import Enterprise, RegisterCode, RegisterImport

CLASSIFICATIONS = {
    "MAIN": _("main activity"),
    "SECO": _("secondary activity"),
    "ANCI": _("ancillary activity"),
}


def enterprise_number_compact(value: str) -> str:
    """The 10-digit enterprise number, or ValidationError with a translated message."""
    try:
        return be_enterprise_number.validate((value or "").strip())
    except StdnumError:
        raise ValidationError(
            _("Enter a valid KBO/BCE enterprise number, such as 0403.170.701."),
            code="invalid_kbo",
        ) from None


def enterprise_get(*, number: str) -> Enterprise:
    """The register entry for a (validated) number; Enterprise.DoesNotExist when unknown."""
    return Enterprise.objects.select_related("nuts3").get(number=enterprise_number_compact(number))


def _label(category: str, code: str) -> str:
    if not code:
        return ""
    row = RegisterCode.objects.filter(category=category, code=code).first()
    if row is None:
        return ""
    if get_language() == "fr" and row.description_fr:
        return row.description_fr
    return row.description_nl or row.description_fr


@dataclass(frozen=True)
class Activity:
    version: str
    code: str
    classification: str
    label: str


def enterprise_activities(enterprise: Enterprise, *, for_page: bool = True) -> list[Activity]:
    """The NACE-BEL activities, main ones first, each with the register's description.

    The register describes codes in Dutch and French only: a page in another language
    gets no description (it shows the code); the API always gets the register's text."""
    items = [tuple(a) for a in enterprise.activities]
    wanted = {(f"Nace{version}", code) for version, code, _cls in items}
    labels = {
        (row.category, row.code): row.description_nl or row.description_fr
        for row in RegisterCode.objects.filter(
            category__in={c for c, _ in wanted}, code__in={c for _, c in wanted}
        )
    }
    if for_page and not (get_language() or "nl").startswith("nl"):
        labels = {}
    order = {"MAIN": 0, "SECO": 1, "ANCI": 2}
    items.sort(key=lambda a: (order.get(a[2], 3), a[0] != "2025", a[1]))
    return [
        Activity(
            version,
            code,
            str(CLASSIFICATIONS.get(cls, "")),
            labels.get((f"Nace{version}", code), ""),
        )
        for version, code, cls in items
    ]


def enterprise_legal_form(enterprise: Enterprise) -> str:
    return _label("JuridicalForm", enterprise.legal_form)


def enterprise_sectors(enterprise: Enterprise) -> list[Sector]:
    by_code = {s.code: s for s in Sector.objects.filter(code__in=enterprise.sector_codes)}
    return [by_code[c] for c in enterprise.sector_codes if c in by_code]


def enterprise_prefill(*, number: str) -> tuple[Enterprise, dict] | None:
    """(entry, initial data for the organisation form) for a known, listed enterprise.

    None when the number is valid but not in the mirror (or no longer in the extract);
    ValidationError when the number itself is malformed.
    """
    try:
        enterprise = enterprise_get(number=number)
    except Enterprise.DoesNotExist:
        return None
    if enterprise.status == EnterpriseStatus.GONE:
        return None
    initial = {
        "name": enterprise.name,
        "kbo_number": enterprise.formatted_number,
        "street": enterprise.street,
        "postcode": enterprise.postcode,
        "city": enterprise.city,
        "country": "BE",
        "sectors": [s.pk for s in enterprise_sectors(enterprise)],
    }
    if enterprise.website:
        website = enterprise.website
        if "://" not in website:
            website = f"https://{website}"
        initial["website"] = website
    return enterprise, initial


def enterprise_details(enterprise: Enterprise, *, for_page: bool = True) -> dict:
    """Labels and derived data shown with an entry (page and API alike)."""
    last = RegisterImport.objects.order_by("-extract_number").first()
    return {
        "legal_form": enterprise_legal_form(enterprise),
        "activities": enterprise_activities(enterprise, for_page=for_page),
        "sectors": enterprise_sectors(enterprise),
        "snapshot": last.snapshot_date if last else None,
    }


def sector_codes_by_number(*, numbers) -> dict[str, list[str]]:
    """{enterprise number: priority sector codes from its NACE-BEL activities}.

    `numbers`: compact enterprise numbers, or a query of them (a values() subquery keeps a
    registry of any size in one statement). Numbers not in the mirror are left out."""
    return {
        number: list(codes)
        for number, codes in Enterprise.objects.filter(number__in=numbers)
        .values_list("number", "sector_codes")
        .iterator(chunk_size=2000)
        if codes
    }
