"""Import bottleneck occupations per region and year from CSV.

Columns (header required, order free; extra columns ignored):

    occupation  ESCO concept URI, or the exact English or Dutch preferred label
    region      NUTS3 (BE211), NUTS2/province (BE21, NL41) or country code (BE, NL)
    year        2000–2100
    source      e.g. "VDAB knelpuntberoepen 2025", "UWV spanningsindicator 2025Q2"
    tension     optional: vacancies per job seeker (UWV); the category follows UWV:
                very tight > 4, tight 1.5–4, balanced 0.67–1.5, slack 0.25–0.67, very slack < 0.25
    bottleneck  optional yes/no; default yes without tension, (very) tight with tension

A file with any bad row is rejected whole, with one message per bad row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from kennisbrug.core.models import Country, Nuts3Region, Province

from .constants import BOTTLENECK_CATEGORIES, tension_category
from .models import BottleneckOccupation, Occupation

REQUIRED_COLUMNS = {"occupation", "region", "year", "source"}
MAX_ROWS = 50_000
MAX_BYTES = 10_000_000
_YES = {"yes", "ja", "true", "1", "y", "j"}
_NO = {"no", "nee", "false", "0", "n"}


class BottleneckImportError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors[:50]))


@dataclass
class BottleneckImportSummary:
    created: int
    updated: int


def _region(code: str, provinces: dict, nuts3: dict, countries: set):
    code = code.strip().upper()
    if code in countries:
        return code, None
    if code in provinces:
        return provinces[code], code
    if code in nuts3:
        return nuts3[code]
    return None


def bottleneck_import(*, data: bytes | str, is_demo: bool = False) -> BottleneckImportSummary:
    """Validate every row, then write all rows in one transaction (upsert by
    occupation, region, year and source). Raises BottleneckImportError."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise BottleneckImportError([_("The file is too large (at most 10 MB).")])
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BottleneckImportError([_("The file is not UTF-8 text.")]) from exc
    sample = data[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(data), delimiter=delimiter)
    header = {h.strip().lower() for h in (reader.fieldnames or [])}
    missing = REQUIRED_COLUMNS - header
    if missing:
        raise BottleneckImportError(
            [_("Missing columns: %(columns)s.") % {"columns": ", ".join(sorted(missing))}]
        )
    countries = set(
        Country.objects.filter(is_programme_country=True).values_list("code", flat=True)
    )
    provinces = dict(Province.objects.values_list("code", "country_id"))
    nuts3 = {
        code: (country, province)
        for code, country, province in Nuts3Region.objects.values_list(
            "code", "country_id", "province_id"
        )
    }
    occ_by_uri = dict(Occupation.objects.values_list("uri", "id"))
    occ_by_label: dict[str, int | None] = {}
    for pk, en, nl in Occupation.objects.values_list("id", "label_en", "label_nl"):
        for label in {en.strip().lower(), nl.strip().lower()} - {""}:
            occ_by_label[label] = (
                None if label in occ_by_label and occ_by_label[label] != pk else pk
            )
    errors: list[str] = []
    rows: dict[tuple, BottleneckOccupation] = {}
    for line_no, raw in enumerate(reader, start=2):
        if line_no - 1 > MAX_ROWS:
            errors.append(_("Too many rows (at most %(n)d).") % {"n": MAX_ROWS})
            break
        if None in raw or any(v is None for v in raw.values()):
            errors.append(_("Row %(row)d: wrong number of fields.") % {"row": line_no})
            continue
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        problems = []
        occ = row["occupation"]
        occ_id = occ_by_uri.get(occ) or occ_by_label.get(occ.lower())
        if not occ_id:
            problems.append(
                _("unknown or ambiguous occupation “%(occ)s”") % {"occ": occ[:80]}
                if occ
                else _("the occupation is missing")
            )
        region = _region(row["region"], provinces, nuts3, countries)
        if region is None:
            problems.append(_("unknown region “%(region)s”") % {"region": row["region"][:10]})
        year = int(row["year"]) if row["year"].isdigit() else None
        if year is None or not 2000 <= year <= 2100:
            problems.append(_("the year must be between 2000 and 2100"))
        source = row["source"]
        if not source or len(source) > 200:
            problems.append(_("the source is missing or too long"))
        tension = None
        if row.get("tension"):
            try:
                tension = Decimal(row["tension"].replace(",", "."))
                if not tension.is_finite() or tension < 0 or tension > Decimal("99999"):
                    raise InvalidOperation
                tension = tension.quantize(Decimal("0.01"))
            except InvalidOperation:
                problems.append(_("the tension must be a number of 0 or more"))
        flag = row.get("bottleneck", "").lower()
        if flag and flag not in _YES | _NO:
            problems.append(_("bottleneck must be yes or no"))
        if problems:
            errors.append(
                _("Row %(row)d: %(problems)s.") % {"row": line_no, "problems": "; ".join(problems)}
            )
            continue
        category = tension_category(tension) if tension is not None else ""
        if flag:
            is_bottleneck = flag in _YES
        else:
            is_bottleneck = tension is None or category in BOTTLENECK_CATEGORIES
        assert occ_id is not None and year is not None  # a row missing them has problems
        country, province = region
        code = row["region"].strip().upper()
        rows[(occ_id, code, year, source)] = BottleneckOccupation(
            occupation_id=occ_id,
            country_id=country,
            province_id=province,
            region_code=code,
            year=year,
            source=source,
            tension=tension,
            category=category,
            is_bottleneck=is_bottleneck,
            is_demo=is_demo,
        )
    if not errors and not rows:
        errors.append(_("The file has no rows."))
    if errors:
        raise BottleneckImportError(errors)
    created = updated = 0
    with transaction.atomic():
        for (occ_id, code, year, source), obj in rows.items():
            _obj, was_created = BottleneckOccupation.objects.update_or_create(
                occupation_id=occ_id,
                region_code=code,
                year=year,
                source=source,
                defaults={
                    "country_id": obj.country_id,
                    "province_id": obj.province_id,
                    "tension": obj.tension,
                    "category": obj.category,
                    "is_bottleneck": obj.is_bottleneck,
                    "is_demo": obj.is_demo,
                },
            )
            created += was_created
            updated += not was_created
    return BottleneckImportSummary(created, updated)
