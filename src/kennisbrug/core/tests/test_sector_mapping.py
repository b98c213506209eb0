import csv

import pytest

from kennisbrug.core.models import Sector
from kennisbrug.core.sector_mapping import (
    ACTIVITY_LABELS_FILE,
    MAPPING_FILE,
    activity_labels,
    mapping,
    sectors_for_activities,
    sectors_for_nace,
    sectors_for_sbi,
    sectors_in_text,
)

# The 88 divisions of NACE Rev. 2 (Regulation (EC) No 1893/2006, Annex I); NACE Rev. 2.1
# keeps the same division numbers.
NACE_DIVISIONS = (
    [f"{d:02d}" for d in (1, 2, 3, 5, 6, 7, 8, 9)]
    + [str(d) for d in range(10, 34)]
    + ["35", "36", "37", "38", "39", "41", "42", "43", "45", "46", "47"]
    + ["49", "50", "51", "52", "53", "55", "56", "58", "59", "60", "61", "62", "63"]
    + ["64", "65", "66", "68", "69", "70", "71", "72", "73", "74", "75"]
    + ["77", "78", "79", "80", "81", "82", "84", "85", "86", "87", "88"]
    + ["90", "91", "92", "93", "94", "95", "96", "97", "98", "99"]
)


def _rows():
    with MAPPING_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_division_list_is_nace_rev2():
    assert len(NACE_DIVISIONS) == 88


@pytest.mark.parametrize("version", ["2008", "2025"])
def test_every_nace_division_is_mapped_in_both_versions(version):
    table = mapping()
    missing = [d for d in NACE_DIVISIONS if (version, d) not in table]
    assert missing == []


def test_every_row_has_reasoning_and_only_known_sectors(db):
    known = set(Sector.objects.values_list("code", flat=True))
    assert len(known) == 10
    for row in _rows():
        assert row["reasoning"].strip(), row
        assert set(row["versions"].split("|")) <= {"2008", "2025"}, row
        assert row["code"].isdigit() and 2 <= len(row["code"]) <= 4, row
        assert set(filter(None, row["sectors"].split("|"))) <= known, row


def test_every_priority_sector_is_reachable():
    reached = {s for sectors in mapping().values() for s in sectors}
    assert len(reached) == 10


@pytest.mark.parametrize(
    ("code", "version", "expected"),
    [
        ("62.01", "2008", ("digitale-technologieen",)),
        ("62010", "2008", ("digitale-technologieen",)),  # NACE-BEL subclass: fifth digit ignored
        ("62100", "2025", ("digitale-technologieen",)),
        ("26.70", "2008", ("fotonica",)),  # the class row beats division 26
        ("26110", "2008", ("geavanceerde-systemen-materialen", "digitale-technologieen")),
        ("20.15", "2008", ("duurzame-chemie", "agrofood")),
        ("20.14", "2008", ("duurzame-chemie",)),
        ("10.72", "2008", ("agrofood",)),
        ("86.10", "2008", ("life-sciences-health",)),
        ("49.10", "2008", ()),  # passenger rail: the group row empties division 49's sector
        ("49.41", "2008", ("logistiek",)),
        ("72.11", "2008", ("life-sciences-health",)),
        ("72.11", "2025", ()),  # NACE Rev. 2.1 has no biotech class
        ("47.11", "2008", ()),
        ("72202", "2003", ()),  # NACE-BEL 2003 is not mapped
        ("", "2008", ()),
        ("9", "2008", ()),
    ],
)
def test_known_codes_map_as_documented(code, version, expected):
    assert sectors_for_nace(code, version=version) == expected


def test_sbi_codes_follow_nace_to_four_digits():
    assert sectors_for_sbi("6201") == ("digitale-technologieen",)
    assert sectors_for_sbi("62011") == ("digitale-technologieen",)  # Dutch fifth digit
    assert sectors_for_sbi("1071") == ("agrofood",)
    assert sectors_for_sbi("52241") == ("logistiek",)


def test_union_over_activities_keeps_first_order():
    assert sectors_for_activities([("2008", "26700"), ("2025", "62100"), ("2008", "62010")]) == [
        "fotonica",
        "digitale-technologieen",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wij zoeken bedrijven met NACE 28.92", {"slimme-maakindustrie": "NACE 28.92"}),
        ("NACE-BEL 62010", {"digitale-technologieen": "NACE-BEL 62010"}),
        ("sbi-code: 4321", {"duurzame-energie": "sbi 4321"}),
        # A list after one name; 10.72 bakery → agri-food, 28 machinery → manufacturing.
        ("NACE-codes 10.72 en 28", {"agrofood": "NACE 10.72", "slimme-maakindustrie": "NACE 28"}),
        ("NACE Rev. 2 26.70", {"fotonica": "NACE 26.70"}),
        # Numbers without a classification's name before them are not codes.
        ("In 2028 groeien we 28% en we hebben 62 medewerkers", {}),
        # A code that maps to no sector (retail trade) names none.
        ("NACE 47.11", {}),
        ("", {}),
    ],
)
def test_sectors_in_text_reads_written_codes(text, expected):
    assert sectors_in_text(text) == expected


def test_activity_labels_are_mapped_codes_with_both_languages():
    with ACTIVITY_LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert sectors_for_nace(row["code"]), row  # a label of an unmapped code would mislead
        assert row["label_en"].strip() and row["labels_nl"].strip(), row
    labels = activity_labels()
    assert "manufacture of machinery and equipment" in labels["slimme-maakindustrie"]
    assert "vervaardiging van voedingsmiddelen" in labels["agrofood"]
    # A label of a code mapped to two sectors belongs to both.
    assert "visserij en aquacultuur" in labels["water-blue-economy"]
    assert "visserij en aquacultuur" in labels["agrofood"]
