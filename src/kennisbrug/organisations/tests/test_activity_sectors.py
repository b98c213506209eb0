"""An organisation's NACE-BEL activities in the enterprise register give it priority sectors.

They tag its matching document, so a question about machine building or food processing
finds it although its own description never says so, and a new register extract that
changes its activities changes what it is found for.
"""

import pytest
from django.urls import reverse

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
from kennisbrug.matching import index
from kennisbrug.matching.services import match
from kennisbrug.matching.testing import matching_index  # noqa: F401
from kennisbrug.organisations.documents import organisation_documents
from kennisbrug.organisations.selectors import (
    OrganisationSectors,
    organisation_sector_codes,
    organisation_sector_lines,
)

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# Words that name none of the sectors: only the register ties these firms to one.
PLAIN = "Familiebedrijf sinds 1950, met twintig vaste medewerkers."


def _register_with_hasselt_activity(tmp_path, code: str):
    """The sample extract one month later, with the Hasselt enterprise doing `code`."""
    folder = copy_sample(tmp_path)
    set_meta(folder, ExtractNumber="141", SnapshotDate="06-02-2026")
    rows = read(folder, "activity")
    write(
        folder,
        "activity",
        [r if r[0] != "0593.612.482" else [r[0], r[1], r[2], code, r[4]] for r in rows],
    )
    return folder


@pytest.fixture
def register():
    kbo_import(path=SAMPLE)


def _hit_ids(text: str) -> list[str]:
    return [h.id for h in match(text=text, kinds=["organisation"])]


def test_register_activities_add_sectors_to_the_declared_ones(register):
    biscuits = OrganisationFactory(kbo_number=HASSELT, description=PLAIN)
    photonics = OrganisationFactory(kbo_number=GENT, description=PLAIN)
    photonics.sectors.set(["logistiek"])
    unknown = OrganisationFactory(kbo_number="0403170701", description=PLAIN)  # not in mirror
    plain = OrganisationFactory(description=PLAIN)

    found = organisation_sector_codes()
    assert found[biscuits.pk] == OrganisationSectors((), ("agrofood",))
    assert found[photonics.pk].declared == ("logistiek",)
    assert found[photonics.pk].from_activities == ("fotonica", "digitale-technologieen")
    assert unknown.pk not in found and plain.pk not in found
    assert organisation_sector_codes(ids=[biscuits.pk]) == {biscuits.pk: found[biscuits.pk]}

    docs = {d.id: d for d in organisation_documents()}
    assert "sector:agrofood" in docs[str(biscuits.pk)].concepts
    assert docs[str(photonics.pk)].attrs["sectors"] == [
        "digitale-technologieen",
        "fotonica",
        "logistiek",
    ]
    assert docs[str(plain.pk)].concepts == frozenset()


def test_sector_lines_say_where_each_sector_comes_from(register):
    org = OrganisationFactory(kbo_number=GENT)
    org.sectors.set(["fotonica", "logistiek"])
    lines = organisation_sector_lines(organisation=org)
    # In the programme's order of the ten sectors.
    assert [(line.sector.code, line.declared, line.from_activities) for line in lines] == [
        ("digitale-technologieen", False, True),
        ("fotonica", True, True),
        ("logistiek", True, False),
    ]
    assert organisation_sector_lines(organisation=OrganisationFactory()) == []


def test_a_question_finds_an_organisation_by_its_register_activity(register):
    biscuits = OrganisationFactory(name="Lumière", kbo_number=HASSELT, description=PLAIN)
    OrganisationFactory(name="Andere", description=PLAIN)
    index.rebuild()
    # A sector keyword, the NACE activity name in either language, and the code itself.
    for question in (
        "Wie kan ons helpen met food processing?",
        "bedrijven in de vervaardiging van voedingsmiddelen",
        "manufacture of food products",
        "Wij zoeken partners met NACE-code 10.72",
        "SBI 1072",
    ):
        assert _hit_ids(question) == [str(biscuits.pk)], question
    assert _hit_ids("machinebouw") == []


def test_a_newer_extract_that_changes_the_activity_moves_the_organisation(
    register, tmp_path, django_capture_on_commit_callbacks
):
    biscuits = OrganisationFactory(kbo_number=HASSELT, description=PLAIN)
    index.rebuild()
    assert _hit_ids("voedselverwerking") == [str(biscuits.pk)]
    # 28.29: other general-purpose machinery, smart manufacturing.
    with django_capture_on_commit_callbacks(execute=True):
        summary = kbo_import(path=_register_with_hasselt_activity(tmp_path, "28290"))
    assert summary.sectors_changed == [HASSELT]
    assert organisation_sector_codes()[biscuits.pk].from_activities == ("slimme-maakindustrie",)
    assert _hit_ids("machinebouw") == [str(biscuits.pk)]
    assert _hit_ids("voedselverwerking") == []


def test_an_unchanged_extract_reindexes_nothing(register):
    OrganisationFactory(kbo_number=HASSELT)
    summary = kbo_import(path=SAMPLE)
    assert summary.sectors_changed == []


@pytest.mark.parametrize(
    ("language", "shown", "label"),
    [
        ("nl", "agro/food", "Sectoren van haar activiteiten in het ondernemingsregister"),
        ("en", "agri-food", "Sectors of its activities in the enterprise register"),
    ],
)
def test_the_profile_names_the_register_sectors_in_words(client, register, language, shown, label):
    org = OrganisationFactory(kbo_number=HASSELT)
    org.sectors.set(["logistiek"])
    page = client.get(
        reverse("organisations:detail", args=[org.slug]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert label in page
    block = page.split(label, 1)[1].split("</dd>", 1)[0]
    assert shown in block
    assert "agrofood" not in page  # the code never shows
    # The declared sector keeps its own line; the register's is not mixed into it.
    assert "logistiek" not in block.lower()


def test_the_profile_without_register_sectors_has_no_such_line(client, register):
    org = OrganisationFactory(description=PLAIN)
    page = client.get(reverse("organisations:detail", args=[org.slug])).content.decode()
    assert "ondernemingsregister" not in page


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("nl", ["agro/food", "gespecialiseerde en duurzame logistiek"]),
        ("en", ["agri-food", "specialised and sustainable logistics"]),
    ],
)
def test_the_api_gives_every_sector_in_words_with_its_origin(client, register, language, labels):
    org = OrganisationFactory(kbo_number=HASSELT)
    org.sectors.set(["logistiek"])
    expected = [
        {"code": "agrofood", "label": labels[0], "declared": False, "from_activities": True},
        {"code": "logistiek", "label": labels[1], "declared": True, "from_activities": False},
    ]
    detail = client.get(f"/api/v1/organisations/{org.slug}/", HTTP_ACCEPT_LANGUAGE=language)
    assert detail.status_code == 200
    assert detail.json()["priority_sectors"] == expected
    assert detail.json()["sectors"] == ["logistiek"]  # unchanged: the declared codes
    listing = client.get("/api/v1/organisations/", HTTP_ACCEPT_LANGUAGE=language).json()
    by_slug = {o["slug"]: o for o in listing["results"]}
    assert by_slug[org.slug]["priority_sectors"] == expected


def test_the_api_list_reads_the_sectors_in_a_fixed_number_of_queries(
    client, register, django_assert_max_num_queries
):
    for number in (HASSELT, GENT, ""):
        OrganisationFactory(kbo_number=number)
    client.get("/api/v1/organisations/")  # warm caches (sessions, reference tables)
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/organisations/")
    assert [len(o["priority_sectors"]) for o in response.json()["results"]].count(0) == 1
