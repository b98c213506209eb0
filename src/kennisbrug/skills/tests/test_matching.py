import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from kennisbrug.skills.bottleneck_import import BottleneckImportError, bottleneck_import
from kennisbrug.skills.constants import tension_category
from kennisbrug.skills.models import BottleneckOccupation
from kennisbrug.skills.selectors import location_resolve, occupation_match, occupation_transitions

from .conftest import occupation_uri, skill_uri

pytestmark = pytest.mark.django_db
URL = "/api/v1/skills/occupation-match"


def _uris(*slugs):
    return [skill_uri(s) for s in slugs]


def test_ranks_the_occupation_whose_skills_the_profile_has(taxonomy):
    result = occupation_match(skill_uris=_uris("weld-tig", "weld-mig", "grind", "read-drawings"))
    top = result.matches[0]
    assert top.occupation.uri == occupation_uri("welder")
    assert (top.essential_covered, top.essential_total) == (4, 6)
    assert {s.uri for s in top.gap_essential} == set(_uris("welding-safety", "safety-vca"))
    assert 0 < top.coverage < 1
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)


def test_bottleneck_in_range_comes_first_and_out_of_range_does_not(taxonomy):
    bottleneck_import(
        data=f"occupation,region,year,source,tension\n"
        f"{occupation_uri('sheet-metal')},NL41,2025,UWV,5.2\n"
        f"{occupation_uri('cnc-operator')},NL32,2025,UWV,6\n"
    )
    skills = _uris("weld-tig", "weld-mig", "grind", "read-drawings", "cut-metal", "operate-cnc")
    near = occupation_match(skill_uris=skills, postcode="2000", country="BE", max_km=60)
    assert near.matches[0].occupation.uri == occupation_uri("sheet-metal")
    shortage = near.matches[0].shortages[0]
    assert (shortage["region"], shortage["year"], shortage["category"]) == (
        "NL41",
        2025,
        "very_tight",
    )
    # Noord-Holland is far from Antwerp: the CNC listing is out of range
    cnc = next(m for m in near.matches if m.occupation.uri == occupation_uri("cnc-operator"))
    assert not cnc.is_bottleneck
    # not crossing the border: the Dutch listing does not count
    home = occupation_match(skill_uris=skills, postcode="2000", country="BE", cross_border=False)
    assert not any(m.is_bottleneck for m in home.matches)


def test_dutch_text_is_matched_to_skills_cross_lingually(taxonomy):
    result = occupation_match(
        text="Ik heb tien jaar gelast, vooral TIG-lassen en MIG-lassen, en ik lees technische tekeningen."
    )
    recognised = {r["skill"].uri for r in result.recognised}
    assert set(_uris("weld-tig", "weld-mig", "read-drawings")) <= recognised
    assert result.matches[0].occupation.uri == occupation_uri("welder")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({}, "at least one skill"),
        ({"skill_uris": ["https://example.org/nope"]}, "Unknown skill"),
        ({"skill_uris": _uris("weld-tig"), "postcode": "75001", "country": "FR"}, "four digits"),
        ({"skill_uris": _uris("weld-tig"), "postcode": "1234", "country": "DE"}, "Belgium and the"),
        ({"skill_uris": _uris("weld-tig"), "postcode": "0000"}, "not known"),
        ({"skill_uris": _uris("weld-tig"), "max_km": 5000}, "between 0 and 300"),
        ({"skill_uris": _uris("weld-tig"), "max_km": -1}, "between 0 and 300"),
        ({"text": "x" * 6000}, "too long"),
    ],
)
def test_bad_match_input(taxonomy, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        occupation_match(**kwargs)


def test_ambiguous_postcode_asks_for_country(db):
    with pytest.raises(ValidationError, match="choose one"):
        location_resolve(postcode="1060")
    assert location_resolve(postcode="5611AB").country == "NL"


def test_transition_view_from_a_past_occupation(taxonomy):
    from kennisbrug.skills.models import Occupation

    welder = Occupation.objects.get(uri=occupation_uri("welder"))
    moves = occupation_transitions(occupation=welder)
    assert moves and all(m.occupation != welder for m in moves)
    assert moves[0].occupation.uri == occupation_uri("sheet-metal")


def test_api_matches_anonymously_and_rejects_bad_input(taxonomy):
    client = APIClient()
    response = client.post(
        URL,
        {"skills": _uris("weld-tig", "weld-mig"), "postcode": "5611", "max_km": 80},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["matches"][0]["occupation"]["uri"] == occupation_uri("welder")
    assert body["location"]["country"] == "NL"
    assert "ESCO" in body["attribution"]
    for bad in (
        {},
        {"skills": ["<script>alert(1)</script>"]},
        {"skills": _uris("weld-tig"), "max_km": 100000},
        {"skills": _uris("weld-tig"), "postcode": "9999", "country": "BE"},
        {"skills": "not a list"},
    ):
        response = client.post(URL, bad, format="json")
        assert response.status_code == 400, bad
        assert response["Content-Type"].startswith("application/problem+json")
    assert client.get(URL).status_code == 405


def test_cli_reads_text_from_stdin(taxonomy, monkeypatch):
    out = StringIO()
    monkeypatch.setattr("sys.stdin", StringIO("TIG-lassen en MIG-lassen, slijpen"))
    call_command("skills", "match", "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["matches"][0]["occupation"]["label_nl"] == "lasser"
    with pytest.raises(CommandError, match="at least one skill"):
        monkeypatch.setattr("sys.stdin", StringIO(""))
        call_command("skills", "match", stdout=StringIO())


@pytest.mark.parametrize(
    "value, category",
    [
        ("4.01", "very_tight"),
        ("4", "tight"),
        ("1.5", "tight"),
        ("1.49", "balanced"),
        ("0.67", "balanced"),
        ("0.5", "slack"),
        ("0.25", "slack"),
        ("0.1", "very_slack"),
    ],
)
def test_uwv_tension_categories(value, category):
    assert tension_category(Decimal(value)) == category


def test_bottleneck_import_flemish_list_and_dutch_table(taxonomy):
    summary = bottleneck_import(
        data="occupation;region;year;source\nlasser;BE21;2025;VDAB knelpuntberoepen 2025\n"
        f"{occupation_uri('plumber')};BE;2025;VDAB knelpuntberoepen 2025\n".encode()
    )
    assert (summary.created, summary.updated) == (2, 0)
    row = BottleneckOccupation.objects.get(region_code="BE21")
    assert row.is_bottleneck and row.province_id == "BE21" and row.country_id == "BE"
    bottleneck_import(
        data='occupation,region,year,source,tension\nwelder,NL412,2025,UWV,"0,5"\n'
        "welder,BE21,2025,VDAB knelpuntberoepen 2025,\n"
    )
    slack = BottleneckOccupation.objects.get(region_code="NL412")
    assert (slack.category, slack.is_bottleneck, slack.tension) == ("slack", False, Decimal("0.50"))
    assert BottleneckOccupation.objects.count() == 3  # the Flemish row was updated, not doubled


@pytest.mark.parametrize(
    "data, message",
    [
        ("occupation,year,source\nwelder,2025,x\n", "Missing columns: region"),
        ("occupation,region,year,source\n", "no rows"),
        ("occupation,region,year,source\nghost job,BE21,2025,x\n", "unknown or ambiguous"),
        ("occupation,region,year,source\nwelder,FR10,2025,x\n", "unknown region"),
        ("occupation,region,year,source\nwelder,BE21,1850,x\n", "year must be"),
        ("occupation,region,year,source,tension\nwelder,BE21,2025,x,-3\n", "tension must be"),
        ("occupation,region,year,source,tension\nwelder,BE21,2025,x,NaN\n", "tension must be"),
        ("occupation,region,year,source\nwelder,BE21,2025,x,extra\n", "wrong number of fields"),
        ("occupation,region,year,source,bottleneck\nwelder,BE21,2025,x,maybe\n", "yes or no"),
        (b"\xff\xfe\x00\x01", "not UTF-8"),
    ],
)
def test_bottleneck_import_rejects_bad_files_whole(taxonomy, data, message):
    # a good row next to the bad one must not be written either
    if isinstance(data, str) and data.count("\n") > 1:
        data = (
            data
            + "welder,BE21,2025,x"
            + (",1" if "tension" in data or "bottleneck" in data else "")
            + "\n"
        )
    with pytest.raises(BottleneckImportError, match=message):
        bottleneck_import(data=data)
    assert BottleneckOccupation.objects.count() == 0


def test_bottleneck_command(taxonomy, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("occupation,region,year,source\nwelder,BE21,2025,VDAB\n", encoding="utf-8")
    out = StringIO()
    call_command("skills", "import-bottlenecks", str(path), stdout=out)
    assert "1 created" in out.getvalue()
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("skills", "import-bottlenecks", str(tmp_path / "missing.csv"))
