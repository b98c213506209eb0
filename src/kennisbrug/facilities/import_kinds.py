"""The bulk import kinds of this app, registered in core's import registry from
`ready()`: facilities with their tariffs (facilities.imports) and living labs."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.core.imports.columns import Column, ColumnSet
from kennisbrug.core.imports.kinds import ImportKind
from kennisbrug.core.imports.owned import OwnedSpec
from kennisbrug.core.imports.plan import country_codes
from kennisbrug.matching import index
from kennisbrug.organisations.imports.columns import parse_country
from kennisbrug.organisations.imports.owners import admin_choices, owned_kind

from . import imports
from .documents import LIVING_LAB
from .models import LivingLab


def _located_notes(row) -> list[str]:
    notes = [row.owner] if getattr(row, "owner", "") else []
    target = getattr(row, "target", None)
    if target is not None and getattr(target, "nuts3_id", None) and not target.in_programme_area:
        notes.append(_("outside the programme area"))
    return notes


def _facility_template(*, file_format, language=None):
    return imports.facility_export(file_format=file_format, template=True, language=language)


def _facility_export(*, file_format, user, organisation_id=None, language=None):
    return imports.facility_export(
        file_format=file_format, user=user, organisation_id=organisation_id, language=language
    )


FACILITY_KIND = ImportKind(
    key="facilities",
    label=gettext_lazy("Facilities with tariffs"),
    help=gettext_lazy(
        "One row per facility, with its hourly and daily rates per customer class. A facility "
        "is recognised by its organisation and its name."
    ),
    preview=imports.facility_import_preview,
    commit=imports.facility_import_commit,
    template=_facility_template,
    export=_facility_export,
    organisations=admin_choices,
    notes=_located_notes,
    order=20,
)

LIVING_LAB_COLUMNS = ColumnSet(
    [
        Column(
            "owner",
            "organisatie",
            "organisation",
            ("coordinator", "eigenaar", "owner", "organization", "kbo", "kvk"),
        ),
        Column("name", "naam", "name", ("proeftuin", "living lab"), required=True),
        Column("theme", "thema", "theme", ("onderwerp", "topic"), required=True),
        Column("description", "beschrijving", "description", ("omschrijving",)),
        Column("test_environment", "testomgeving", "test_environment", ("test environment",)),
        Column("how_to_join", "deelnemen", "how_to_join", ("hoe deelnemen", "how to join")),
        Column("other_locations", "andere_locaties", "other_locations", ("other locations",)),
        Column("website", "website", "website", ("url", "site")),
        Column("postcode", "postcode", "postcode", ("postnummer", "postal code", "zip")),
        Column("city", "gemeente", "city", ("plaats", "stad", "town")),
        Column("country", "land", "country", ("landcode", "country code")),
    ]
)


def _parse_lab(key: str, cell, codes) -> dict:
    if key == "country":
        return {"country_id": parse_country(cell.text, codes=codes)}
    return {key: cell.text}


def _lab_export(record, key: str):
    return record.country_id if key == "country" else getattr(record, key)


LIVING_LAB_SPEC = OwnedSpec(
    model=LivingLab,
    event="living_lab",
    owner_field="owner",
    name_field="name",
    columns=LIVING_LAB_COLUMNS,
    parse=_parse_lab,
    context=country_codes,
    compared=[c.key for c in LIVING_LAB_COLUMNS.columns if c.key not in ("owner", "country")]
    + ["country_id"],
    prepare=lambda lab: lab.locate(),
    saved=lambda lab, created: index.on_commit_changed(LIVING_LAB, lab.pk),
    export_value=_lab_export,
    file_stem="kennisbrug-living-labs",
    sheet_title=("proeftuinen", "living labs"),
)

LIVING_LAB_KIND = owned_kind(
    LIVING_LAB_SPEC,
    key="living_labs",
    label=gettext_lazy("Living labs"),
    help=gettext_lazy(
        "One row per living lab of an organisation, with its theme, test environment and "
        "place. A living lab is recognised by its organisation and its name."
    ),
    order=30,
    notes=_located_notes,
)
