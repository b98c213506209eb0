"""Bulk import of research facilities with their tariffs, on the shared import machinery
(kennisbrug.core.imports): the same reading, hostile-file guards, preview and
all-or-nothing commit as the organisation import.

    preview = facility_import_preview(content=..., filename=..., user=...)
    facility_import_commit(content=..., filename=..., user=..., fingerprint=preview.fingerprint)

A row is one facility; its tariffs are columns, an hourly and a daily rate per customer
class. A facility is the same one when its owner and name are (legal forms, case,
accents and spacing aside); a nearly identical name at the same owner is refused as a
possible duplicate. An empty cell leaves the value as it is; when any tariff cell of a
row is filled, the row's tariffs replace the facility's. Running a file twice changes
nothing the second time.

Who: the secretariat for any owner; an organisation admin only for organisations they
administer (the owner column may then be left empty when they administer exactly one);
the operator on the command line (`user` None) for any owner.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, to_csv, to_xlsx
from kennisbrug.core.imports import columns as cells
from kennisbrug.core.imports.columns import Column, ColumnSet, normalise_header
from kennisbrug.core.imports.names import NameIndex, name_key
from kennisbrug.core.imports.plan import (
    CREATE,
    REFUSED,
    UNCHANGED,
    UPDATE,
    ImportChangedError,
    ImportPreview,
    RowPlan,
    add_errors,
    country_codes,
    field_label,
    fingerprint,
    parse_value,
    read_file,
    row_texts,
)
from kennisbrug.core.imports.reading import ImportFileError
from kennisbrug.core.shortcuts import model_set_fields
from kennisbrug.matching import index
from kennisbrug.organisations.imports.columns import parse_country
from kennisbrug.organisations.imports.owners import Owners, allowed_organisations

from . import permissions
from .constants import CustomerClass, FacilityCategory
from .documents import FACILITY
from .models import Facility, Tariff
from .services.facilities import FACILITY_FIELDS, _save_schedule

__all__ = ["ImportChangedError", "ImportFileError"]

# Customer classes as they appear in column names: (value, Dutch, English).
CLASS_NAMES = [
    (CustomerClass.INTERNAL, "intern", "internal"),
    (CustomerClass.ACADEMIC, "academisch", "academic"),
    (CustomerClass.SME, "kmo", "sme"),
    (CustomerClass.LARGE, "groot", "large"),
]
RATES = [("hourly_rate", "uurtarief", "hourly_rate"), ("daily_rate", "dagtarief", "daily_rate")]
BOOLEANS = ("self_service", "operator_assisted", "as_a_service", "requires_approval")

COLUMNS = ColumnSet(
    [
        Column(
            "owner",
            "organisatie",
            "organisation",
            ("eigenaar", "owner", "organization", "kbo", "kvk", "ondernemingsnummer"),
        ),
        Column("name", "naam", "name", ("faciliteit", "facility", "infrastructuur"), required=True),
        Column("category", "categorie", "category", ("soort", "type", "kind"), required=True),
        Column("description", "beschrijving", "description", ("omschrijving",)),
        Column("equipment", "uitrusting", "equipment", ("apparatuur", "toestellen")),
        Column("postcode", "postcode", "postcode", ("postnummer", "postal code", "zip")),
        Column("city", "gemeente", "city", ("plaats", "stad", "town")),
        Column("country", "land", "country", ("landcode", "country code")),
        Column("website", "website", "website", ("url", "site")),
        Column("contact_email", "e-mail", "contact_email", ("email", "contact e-mail")),
        Column("self_service", "zelfbediening", "self_service", ("self service",)),
        Column("operator_assisted", "met_operator", "operator_assisted", ("met begeleiding",)),
        Column("as_a_service", "als_dienst", "as_a_service", ("as a service", "dienst")),
        Column("requires_approval", "goedkeuring_nodig", "requires_approval", ("goedkeuring",)),
        *[
            Column(f"{rate}_{value}", f"{rate_nl}_{class_nl}", f"{rate_en}_{class_en}")
            for value, class_nl, class_en in CLASS_NAMES
            for rate, rate_nl, rate_en in RATES
        ],
    ]
)
TARIFF_KEYS = {
    f"{rate}_{value}": (str(value), rate) for value, _nl, _en in CLASS_NAMES for rate, *_r in RATES
}
COMPARED = ["name", "category", "description", "equipment", "postcode", "city", "country_id"]
COMPARED += ["website", "contact_email", *BOOLEANS]

_CATEGORIES: dict[str, str] = {
    normalise_header(str(c.value)): str(c.value) for c in FacilityCategory
}
_CATEGORIES.update(
    {
        normalise_header(name): str(value)
        for value, names in {
            FacilityCategory.LAB: ("lab", "labo", "laboratorium", "laboratory"),
            FacilityCategory.PILOT_PLANT: ("pilootinstallatie", "proeffabriek", "pilot plant"),
            FacilityCategory.TEST_BED: ("testbed", "testopstelling", "test bed"),
            FacilityCategory.CLEANROOM: ("cleanroom", "clean room", "stofvrije ruimte"),
            FacilityCategory.FIELD_LAB: ("fieldlab", "field lab", "praktijklab"),
            FacilityCategory.DATA_COMPUTE: ("data en rekenkracht", "data and compute", "hpc"),
            FacilityCategory.WORKSHOP: ("werkplaats", "workshop", "prototyping", "makerspace"),
            FacilityCategory.OTHER: ("andere", "anders", "overig", "other"),
        }.items()
        for name in names
    }
)


def can_import_facilities(user) -> bool:
    """The secretariat, and anyone who administers an organisation."""
    if getattr(user, "is_secretariat", False):
        return True
    return bool(getattr(user, "is_authenticated", False)) and (
        permissions.admin_organisations(user).exists()
    )


def _allowed_owners(user, organisation_id: int | None = None):
    return allowed_organisations(user, organisation_id)


@dataclass
class FacilityRowPlan(RowPlan):
    facility_id: int | None = None
    owner: str = ""
    in_programme_area: bool | None = None
    target: Facility | None = field(default=None, repr=False)
    tariffs: list[dict] | None = field(default=None, repr=False)


def _label(key: str) -> str:
    return field_label(key, columns=COLUMNS, model=Facility)


def _parse_category(text: str) -> str:
    value = _CATEGORIES.get(normalise_header(text))
    if value is None:
        raise ValidationError(
            _("Unknown category “%(value)s”; use e.g. labo, pilootinstallatie, testbed or andere.")
            % {"value": text[:40]}
        )
    return value


def _class_label(key: str, *, customer_class: str) -> str:
    """A tariff field's error named by its column (hourly_rate of sme → uurtarief_kmo)."""
    return _label(f"{key}_{customer_class}")


def _rate(cell) -> Decimal:
    return cell.number if cell.number is not None else cells.parse_decimal(cell.text)


def _tariffs(texts: dict, row: FacilityRowPlan) -> list[dict] | None:
    given = {k: texts[k] for k in TARIFF_KEYS if k in texts}
    if not given:
        return None
    by_class: dict[str, dict[str, Any]] = {}
    for key, cell in given.items():
        customer_class, rate = TARIFF_KEYS[key]
        value = parse_value(row, _label(key), _rate, cell)
        if value is not None:
            by_class.setdefault(customer_class, {"customer_class": customer_class})[rate] = value
    tariffs = []
    for customer_class, tariff in by_class.items():
        price = Tariff(**tariff)
        try:
            price.full_clean(exclude=["facility"])
        except ValidationError as exc:
            add_errors(row, exc, partial(_class_label, customer_class=customer_class))
        tariffs.append(tariff)
    return tariffs


def _tariff_set(tariffs) -> set[tuple]:
    return {(str(t["customer_class"]), t.get("hourly_rate"), t.get("daily_rate")) for t in tariffs}


def _plan_row(row: FacilityRowPlan, texts: dict, owners: Owners, codes, seen, existing) -> None:
    data: dict[str, Any] = {}
    owner_text = texts["owner"].text if "owner" in texts else ""
    owner = parse_value(row, _label("owner"), owners.find, owner_text)
    for key, cell in texts.items():
        if key in ("owner", *TARIFF_KEYS):
            continue
        if key == "category":
            data[key] = parse_value(row, _label(key), _parse_category, cell.text)
        elif key == "country":
            data["country_id"] = parse_value(
                row, _label(key), parse_country, cell.text, codes=codes
            )
        elif key in BOOLEANS:
            data[key] = parse_value(row, _label(key), cells.parse_bool, cell.text)
        else:
            data[key] = cell.text
    row.name = str(data.get("name", ""))[:200]
    row.tariffs = _tariffs(texts, row)
    if owner is None:
        return
    row.owner = owner.name
    key = name_key(row.name)
    earlier = seen.get((owner.pk, key))
    if earlier is not None:
        row.errors.append(_("Same facility as row %(line)d of this file.") % {"line": earlier})
    seen.setdefault((owner.pk, key), row.line)
    names = existing.get(owner.pk)
    current, similar = names.find(key) if names is not None else (None, [])
    for facility in similar:
        row.errors.append(
            _(
                "Possible duplicate of “%(name)s” of the same organisation: use its exact "
                "name to update it, or correct the name."
            )
            % {"name": facility.name}
        )
    target = copy.copy(current) if current is not None else Facility(owner=owner)
    values = {k: v for k, v in data.items() if v is not None and k in FACILITY_FIELDS}
    # A value refused while parsing is reported once, not again as "required".
    unparsed = ["country" if k == "country_id" else k for k, v in data.items() if v is None]
    if current is not None:
        values.pop("name", None)  # the name found it; its spelling stays as registered
    model_set_fields(target, fields=FACILITY_FIELDS, data=values)
    try:
        target.locate()
        target.full_clean(exclude=["owner", "created_by", "calendar_token", *unparsed])
    except ValidationError as exc:
        add_errors(row, exc, _label)
    if current is None and not target.country_id:
        row.errors.append(f"{_label('country')}: {_('This column is required.')}")
    row.target = target
    row.in_programme_area = target.in_programme_area if target.nuts3_id else None
    if row.errors:
        row.action = REFUSED
    elif current is None:
        row.action = CREATE
    else:
        row.facility_id = current.pk
        row.changes = [_label(f) for f in COMPARED if getattr(current, f) != getattr(target, f)]
        if row.tariffs is not None and _tariff_set(row.tariffs) != _tariff_set(
            {
                "customer_class": t.customer_class,
                "hourly_rate": t.hourly_rate,
                "daily_rate": t.daily_rate,
            }
            for t in current.tariffs.all()
        ):
            row.changes.append(_("tariffs"))
        row.action = UPDATE if row.changes else UNCHANGED


def facility_import_preview(
    *, content: bytes, filename: str = "", user=None, organisation_id=None, progress=None
) -> ImportPreview:
    """What importing `content` would do, row by row, for `user`; writes nothing.

    Raises ImportFileError (translated) when the file as a whole is unusable and
    PermissionDenied when `user` may not import facilities. `organisation_id` limits
    the import to that owner; `progress(rows done)` is called after each row.
    """
    if user is not None and not can_import_facilities(user):
        raise PermissionDenied
    table, positions = read_file(content=content, filename=filename, columns=COLUMNS)
    codes = country_codes()
    owners = Owners(user, organisation_id)
    existing: dict[int, NameIndex] = {}
    for facility in (
        Facility.objects.filter(owner__in=owners.allowed).prefetch_related("tariffs").order_by("pk")
    ):
        existing.setdefault(facility.owner_id, NameIndex()).add(name_key(facility.name), facility)
    seen: dict[tuple[int, str], int] = {}
    rows: list[FacilityRowPlan] = []
    for done, (line, found) in enumerate(table.rows, start=1):
        row = FacilityRowPlan(line=line)
        rows.append(row)
        texts = row_texts(table=table, cells=found, positions=positions, columns=COLUMNS, row=row)
        if texts is not None:
            _plan_row(row, texts, owners, codes, seen, existing)
        if progress is not None:
            progress(done)
    preview = ImportPreview(kind=table.kind, rows=rows)
    preview.fingerprint = fingerprint(
        [
            [
                r.line,
                r.action,
                r.facility_id,
                {f: getattr(r.target, f) for f in COMPARED} if r.target else {},
                sorted(map(str, _tariff_set(r.tariffs))) if r.tariffs is not None else None,
            ]
            for r in rows
        ]
    )
    return preview


@transaction.atomic
def facility_import_commit(
    *, content: bytes, filename: str = "", user, fingerprint: str, organisation_id=None
) -> ImportPreview:
    """Write what the preview showed, all or nothing; returns the plan carried out.

    Raises PermissionDenied, ImportFileError (file or a row refused) or
    ImportChangedError (the plan differs from `fingerprint`).
    """
    preview = facility_import_preview(
        content=content, filename=filename, user=user, organisation_id=organisation_id
    )
    if preview.fingerprint != fingerprint:
        raise ImportChangedError
    if not preview.can_commit:
        raise ImportFileError(
            [_("The file has refused rows; correct them and upload the file again.")]
        )
    actor = user if getattr(user, "is_authenticated", False) else None
    for row in preview.rows:
        if row.action not in (CREATE, UPDATE):
            continue
        facility = row.target
        assert facility is not None
        if row.action == CREATE:
            facility.created_by = actor
        facility.full_clean()
        facility.save()
        _save_schedule(facility, None, row.tariffs)
        audit_record(
            actor=actor,
            action="facility_imported" if row.action == CREATE else "facility_updated",
            obj=facility,
            data={"fields": row.changes, "import_line": row.line},
        )
        index.on_commit_changed(FACILITY, facility.pk)
    return preview


# --- template and export, in the import's own format ---------------------------


def _dutch(language: str | None) -> bool:
    return (language or get_language() or "nl").startswith("nl")


def export_rows(queryset) -> list[list]:
    rows = []
    for facility in (
        queryset.select_related("owner")
        .prefetch_related("tariffs")
        .order_by("owner__name", "name", "pk")
    ):
        rates = {t.customer_class: t for t in facility.tariffs.all()}
        row: list[Any] = []
        for column in COLUMNS.columns:
            if column.key == "owner":
                owner = facility.owner
                row.append(owner.kbo_number or owner.kvk_number or owner.name)
            elif column.key == "country":
                row.append(facility.country_id)
            elif column.key in TARIFF_KEYS:
                customer_class, rate = TARIFF_KEYS[column.key]
                tariff = rates.get(customer_class)
                row.append(getattr(tariff, rate) if tariff else None)
            elif column.key in BOOLEANS:
                row.append("ja" if getattr(facility, column.key) else "nee")
            else:
                row.append(getattr(facility, column.key))
        rows.append(row)
    return rows


def facility_export(
    *, file_format: str, user=None, template: bool = False, language=None, organisation_id=None
):
    """(bytes, content type, file name): the facilities of the organisations `user` may
    import for, in the import format; with `template`, the header row only."""
    head = COLUMNS.header(dutch=_dutch(language))
    queryset = Facility.objects.filter(owner__in=_allowed_owners(user, organisation_id))
    rows = [] if template else export_rows(queryset)
    stem = "kennisbrug-facilities" + ("-template" if template else "")
    if file_format == "xlsx":
        title = "faciliteiten" if _dutch(language) else "facilities"
        return to_xlsx(head, rows, title=title), XLSX_CONTENT_TYPE, f"{stem}.xlsx"
    return to_csv(head, rows), CSV_CONTENT_TYPE, f"{stem}.csv"
