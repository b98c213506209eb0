"""Organisations counted by an indicator, broken down by priority sector.

An organisation's sectors are those on its profile and those its NACE-BEL activities in
the enterprise register map to (core/data/nace_sectors.csv). In the small world, RCO01
(enterprises supported) counts four enterprises in the programme area.
"""

import csv
import io

import pytest
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.enterprises.importer import kbo_import
from kennisbrug.enterprises.tests.helpers import (
    GENT,
    HASSELT,
    SAMPLE,
    copy_sample,
    read,
    set_meta,
    write,
)
from kennisbrug.indicators.evidence import Context, Filters
from kennisbrug.indicators.registry import get_indicator
from kennisbrug.indicators.selectors import indicator_breakdown
from kennisbrug.organisations.models import Organisation

pytestmark = pytest.mark.django_db

ZERO = {
    "duurzame-chemie": 0,
    "agrofood": 0,
    "slimme-maakindustrie": 0,
    "geavanceerde-systemen-materialen": 0,
    "digitale-technologieen": 0,
    "fotonica": 0,
    "life-sciences-health": 0,
    "logistiek": 0,
    "duurzame-energie": 0,
    "water-blue-economy": 0,
}


@pytest.fixture
def sectors(world):
    """Gent: biscuits in the register (10.72); Antwerpen micro: optics (26.70) and software
    (62, NACE 2025) in the register; Eindhoven: photonics on its profile; Maastricht: none."""
    kbo_import(path=SAMPLE)
    Organisation.objects.filter(pk=world.sme_be.pk).update(kbo_number=HASSELT)
    Organisation.objects.filter(pk=world.sme_be_micro.pk).update(kbo_number=GENT)
    world.sme_nl.sectors.set(["fotonica"])
    return world


def by_sector(code="RCO01", filters=None):
    b = indicator_breakdown(
        ctx=Context(), indicator=get_indicator(code), filters=filters or Filters()
    )
    return b.by_sector


def test_enterprises_supported_by_sector(sectors):
    assert by_sector() == {
        **ZERO,
        "agrofood": 1,
        "fotonica": 2,  # one from the register, one from the profile
        "digitale-technologieen": 1,
        "none": 1,
    }
    assert by_sector("RCO02") == {**ZERO, "fotonica": 1}  # only Eindhoven in the area


def test_without_any_sector_all_count_as_none(world):
    assert by_sector() == {**ZERO, "none": 4}


def test_items_and_people_have_no_sector_breakdown(sectors):
    assert by_sector("RCO84") is None  # pilots
    assert by_sector("RCO116") is None


def test_the_sector_filter_uses_the_register_too(sectors):
    assert by_sector(filters=Filters(sector="agrofood")) == {**ZERO, "agrofood": 1}


def test_a_new_register_extract_moves_the_enterprise_to_its_new_sector(sectors, tmp_path):
    folder = copy_sample(tmp_path)
    set_meta(folder, ExtractNumber="141", SnapshotDate="06-02-2026")
    write(
        folder,
        "activity",
        [
            r if r[0] != "0593.612.482" else [r[0], r[1], r[2], "28290", r[4]]
            for r in read(folder, "activity")
        ],
    )
    kbo_import(path=folder)
    assert by_sector() == {
        **ZERO,
        "slimme-maakindustrie": 1,
        "fotonica": 2,
        "digitale-technologieen": 1,
        "none": 1,
    }


def test_a_profile_change_changes_the_count(sectors):
    sectors.sme_nl2.sectors.set(["logistiek"])
    assert by_sector()["logistiek"] == 1
    assert "none" not in by_sector()


@pytest.mark.parametrize(
    ("language", "heading", "names"),
    [
        ("nl", "Naar prioritaire sector", ["agro/food", "fotonica", "digitale technologieën"]),
        ("en", "By priority sector", ["agri-food", "photonics", "digital technologies"]),
    ],
)
def test_the_indicator_page_shows_the_sectors_in_words(
    client, sectors, people, language, heading, names
):
    log_in(client, people.secretariat)
    html = client.get(
        reverse("indicators:detail", args=["RCO01"]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert heading in html
    section = html.split('id="sector-heading"', 1)[1].split("</section>", 1)[0]
    for name in names:
        assert f'<th scope="row">{name}</th><td class="kb-figure">' in section
    assert "digitale-technologieen" not in section and "agrofood" not in section
    # Pilots are items, not organisations: no sector section.
    pilots = client.get(reverse("indicators:detail", args=["RCO84"])).content.decode()
    assert 'id="sector-heading"' not in pilots


@pytest.mark.parametrize(("language", "label"), [("nl", "agro/food"), ("en", "agri-food")])
def test_the_api_breakdown_has_sectors_with_labels(api_client, sectors, people, language, label):
    api_client.force_authenticate(people.secretariat)
    data = api_client.get("/api/v1/indicators/RCO01/", HTTP_ACCEPT_LANGUAGE=language).json()
    rows = {row["code"]: row for row in data["breakdown"]["by_sector"]}
    assert rows["agrofood"] == {"code": "agrofood", "label": label, "count": 1}
    assert rows["fotonica"]["count"] == 2
    assert rows["none"]["count"] == 1
    assert list(rows)[:2] == ["duurzame-chemie", "agrofood"]  # the programme's order
    pilots = api_client.get("/api/v1/indicators/RCO84/").json()
    assert pilots["breakdown"]["by_sector"] is None


def test_the_csv_export_names_each_organisations_sectors(client, sectors, people):
    log_in(client, people.secretariat)
    response = client.get(
        reverse("indicators:export", args=["RCO01", "csv"]), HTTP_ACCEPT_LANGUAGE="en"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "priority sectors"
    by_org = {row[4]: row[-1] for row in rows[1:]}
    assert by_org["Gentse Kmo"] == "agri-food"
    assert by_org["Antwerpse Micro"] == "digital technologies; photonics"
    assert by_org["Eindhovense Mkb"] == "photonics"
    assert by_org["Maastrichtse Mkb"] == ""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_indicator_list_says_where_by_region_name(client, world, people, language):
    import re

    log_in(client, people.secretariat)
    html = client.get(
        reverse("indicators:detail", args=["RCO01"]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Antwerpen (BE)" in table  # the arrondissement, by its own name in both languages
    assert not re.search(r"\b(BE|NL)\d{1,3}\b", table), "a NUTS code is shown instead of a name"
