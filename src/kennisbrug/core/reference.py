"""Load the reference data the project ships (core/data/, sources in SOURCES.md).

Idempotent: rows are keyed by their official codes and updated in place, so the
loader can run on every deploy. Runs in one transaction: all or nothing.
"""

import csv
import json
from pathlib import Path

from django.db import transaction

from .fragments import reference_data_changed
from .models import (
    ActivityType,
    Country,
    Municipality,
    Nuts3Region,
    Postcode,
    ProgrammeAreaCoverage,
    Province,
    Sector,
    SpecificObjective,
    TargetGroup,
    Technology,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

# Neighbouring and common partner countries besides the two programme countries.
COUNTRIES = [
    ("BE", "België", "Belgium", True),
    ("NL", "Nederland", "Netherlands", True),
    ("DE", "Duitsland", "Germany", False),
    ("FR", "Frankrijk", "France", False),
    ("LU", "Luxemburg", "Luxembourg", False),
]


def _rows(name: str):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _truthy(value: str) -> bool:
    return value.strip().lower() == "true"


def _upsert(model, rows: list, fields: list[str]) -> None:
    """Insert new rows and update existing ones, matched on the primary key."""
    existing = set(model.objects.values_list("pk", flat=True))
    new = [row for row in rows if row.pk not in existing]
    old = [row for row in rows if row.pk in existing]
    model.objects.bulk_create(new, batch_size=1000)
    if old:
        model.objects.bulk_update(old, fields, batch_size=1000)


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Load every reference table; returns the number of rows per table."""
    _upsert(
        Country,
        [
            Country(code=c, name_nl=nl, name_en=en, is_programme_country=p)
            for c, nl, en, p in COUNTRIES
        ],
        ["name_nl", "name_en", "is_programme_country"],
    )
    _load_regions()
    _load_postcodes()
    _load_sectors_and_technologies()
    _load_programme()
    reference_data_changed()  # bulk writes send no model signals
    return {
        "countries": Country.objects.count(),
        "provinces": Province.objects.count(),
        "nuts3_regions": Nuts3Region.objects.count(),
        "municipalities": Municipality.objects.count(),
        "postcodes": Postcode.objects.count(),
        "sectors": Sector.objects.count(),
        "technologies": Technology.objects.count(),
        "objectives": SpecificObjective.objects.count(),
        "activity_types": ActivityType.objects.count(),
        "target_groups": TargetGroup.objects.count(),
    }


def _load_regions() -> None:
    geo = json.loads((DATA_DIR / "provinces.geojson").read_text(encoding="utf-8"))
    provinces: dict[str, Province] = {}
    for feature in geo["features"]:
        props = feature["properties"]
        provinces[props["nuts2_code"]] = Province(
            code=props["nuts2_code"],
            country_id=props["country"],
            name_nl=props["name_nl"],
            name_en=props.get("name_en") or props["name_nl"],
            iso_code=props["iso_code"],
            programme_area=props["in_programme_area"] or ProgrammeAreaCoverage.NO,
        )
    regions = []
    for row in _rows("nuts3_programme_area.csv"):
        nuts2 = row["nuts2_code"]
        if nuts2 not in provinces:  # a NUTS2 code the map does not know: keep the region usable
            provinces[nuts2] = Province(
                code=nuts2, country_id=row["country"], name_nl=row["province_nl"] or nuts2
            )
        regions.append(
            Nuts3Region(
                code=row["nuts3_code"],
                country_id=row["country"],
                province_id=nuts2,
                name_nl=row["name_nl"],
                name_en=row["name_nl"],
                in_programme_area=_truthy(row["in_programme_area"]),
            )
        )
    _upsert(
        Province,
        list(provinces.values()),
        ["country", "name_nl", "name_en", "iso_code", "programme_area"],
    )
    _upsert(
        Nuts3Region, regions, ["country", "province", "name_nl", "name_en", "in_programme_area"]
    )


def _load_postcodes() -> None:
    municipalities: dict[str, Municipality] = {}
    wanted: set[tuple[str, str, str | None]] = set()
    areas: list[Postcode] = []
    for row in _rows("be_postcodes.csv"):
        nis = row["municipality_nis"]
        municipalities[nis] = Municipality(
            nis_code=nis,
            name_nl=row["municipality_nl"],
            name_fr=row["municipality_fr"],
            nuts3_id=row["nuts3_code"],
        )
        key = ("BE", row["postcode"], nis)
        if key not in wanted:
            wanted.add(key)
            areas.append(
                Postcode(
                    country_id="BE",
                    code=row["postcode"],
                    municipality_id=nis,
                    nuts3_id=row["nuts3_code"],
                )
            )
    for row in _rows("nl_postcode4.csv"):
        key = ("NL", row["postcode4"], None)
        if key not in wanted:
            wanted.add(key)
            areas.append(
                Postcode(country_id="NL", code=row["postcode4"], nuts3_id=row["nuts3_code"])
            )
    _upsert(Municipality, list(municipalities.values()), ["name_nl", "name_fr", "nuts3"])

    # Postcodes have a surrogate key: replace the set only when it differs.
    current = set(Postcode.objects.values_list("country_id", "code", "municipality_id", "nuts3_id"))
    target = {(a.country_id, a.code, a.municipality_id, a.nuts3_id) for a in areas}
    if current != target:
        Postcode.objects.all().delete()
        Postcode.objects.bulk_create(areas, batch_size=2000)


def _load_sectors_and_technologies() -> None:
    _upsert(
        Sector,
        [
            Sector(
                code=row["code"],
                sort_order=int(row["sort_order"]),
                name_nl=row["name_nl"],
                name_en=row["name_en"],
                keywords_nl=row["keywords_nl"],
                keywords_en=row["keywords_en"],
            )
            for row in _rows("priority_sectors.csv")
        ],
        ["sort_order", "name_nl", "name_en", "keywords_nl", "keywords_en"],
    )
    _upsert(
        Technology,
        [
            Technology(
                code=row["code"],
                framework=row["framework"],
                sort_order=int(row["sort_order"]),
                name_nl=row["name_nl"],
                name_en=row["name_en"],
            )
            for row in _rows("key_enabling_technologies.csv")
        ],
        ["framework", "sort_order", "name_nl", "name_en"],
    )


def _load_programme() -> None:
    data = json.loads((DATA_DIR / "programme.json").read_text(encoding="utf-8"))
    _upsert(
        TargetGroup,
        [
            TargetGroup(
                code=code,
                sort_order=i,
                name_nl=nl,
                name_en=en,
                description_nl=dnl,
                description_en=den,
            )
            for i, (code, nl, en, dnl, den) in enumerate(data["target_groups"])
        ],
        ["sort_order", "name_nl", "name_en", "description_nl", "description_en"],
    )
    _upsert(
        SpecificObjective,
        [
            SpecificObjective(
                code=o["code"],
                name_nl=o["name_nl"],
                name_en=o["name_en"],
                description_nl=o["description_nl"],
                description_en=o["description_en"],
            )
            for o in data["objectives"]
        ],
        ["name_nl", "name_en", "description_nl", "description_en"],
    )
    for objective in data["objectives"]:
        for order, (nl, en) in enumerate(objective["activities"], start=1):
            ActivityType.objects.update_or_create(
                objective_id=objective["code"],
                sort_order=order,
                defaults={"text_nl": nl, "text_en": en},
            )
