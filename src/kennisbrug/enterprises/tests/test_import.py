import datetime as dt
import zipfile

import pytest
from django.core.management import CommandError, call_command

from kennisbrug.enterprises.constants import EnterpriseStatus
from kennisbrug.enterprises.importer import kbo_import
from kennisbrug.enterprises.models import Enterprise, RegisterCode, RegisterImport
from kennisbrug.enterprises.sources import KboImportError, Limits

from .helpers import (
    BRUGGE,
    GENT,
    HASSELT,
    IN_AREA,
    SAMPLE,
    copy_sample,
    read,
    set_meta,
    write,
    zip_folder,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _nothing_written():
    assert Enterprise.objects.count() == 0
    assert RegisterImport.objects.count() == 0
    assert RegisterCode.objects.count() == 0


def test_sample_keeps_only_legal_persons_with_an_address_in_the_programme_area():
    summary = kbo_import(path=SAMPLE)
    assert set(Enterprise.objects.values_list("number", flat=True)) == IN_AREA
    assert (summary.in_area, summary.added, summary.updated, summary.gone) == (3, 3, 0, 0)
    assert summary.snapshot_date == dt.date(2026, 1, 2)
    run = RegisterImport.objects.get()
    assert (run.extract_number, run.added) == (140, 3)


def test_registered_office_names_dutch_first_activities_and_sectors():
    kbo_import(path=SAMPLE)
    gent = Enterprise.objects.get(number=GENT)
    assert gent.name == "Fotonix Gent"  # the Dutch official name before the French one
    assert (gent.name_nl, gent.name_fr, gent.commercial_name) == (
        "Fotonix Gent",
        "Fotonix Gand",
        "Fotonix Lasers",
    )
    assert (gent.street, gent.postcode, gent.city) == ("Lichtstraat 7 bus B2", "9000", "Gent")
    assert gent.nuts3_id == "BE234"
    assert gent.legal_form == "014"
    assert gent.start_date == dt.date(2012, 9, 1)
    assert gent.status == EnterpriseStatus.ACTIVE
    assert gent.website == "www.fotonix.example"
    assert gent.establishments == 1
    # The establishment's activity in Antwerpen belongs to the enterprise too.
    assert ["2008", "62010", "SECO"] in gent.activities
    assert ["2003", "72202", "MAIN"] in gent.activities
    # 26.70 optical instruments → photonics; 62 (2008 and 2025) → digital; 2003 not mapped.
    assert gent.sector_codes == ["fotonica", "digitale-technologieen"]


def test_office_outside_the_area_uses_the_establishment_address_inside_it():
    kbo_import(path=SAMPLE)
    hasselt = Enterprise.objects.get(number=HASSELT)
    assert (hasselt.postcode, hasselt.city, hasselt.street) == ("3500", "Hasselt", "Koekjesweg 9")
    assert hasselt.name == "Biscuiterie Lumière"  # only a French name
    assert hasselt.sector_codes == ["agrofood"]
    assert Enterprise.objects.get(number=BRUGGE).sector_codes == ["logistiek"]


def test_the_same_file_twice_changes_nothing():
    kbo_import(path=SAMPLE)
    before = {e.number: (e.updated_at, e.fingerprint) for e in Enterprise.objects.all()}
    summary = kbo_import(path=SAMPLE)
    assert (summary.added, summary.updated, summary.gone, summary.unchanged) == (0, 0, 0, 3)
    after = {e.number: (e.updated_at, e.fingerprint) for e in Enterprise.objects.all()}
    assert after == before


def _next_month(tmp_path):
    folder = copy_sample(tmp_path, "february")
    set_meta(folder, ExtractNumber="141", SnapshotDate="06-02-2026")
    # Brugge disappears from the register, Gent changes name, a new enterprise appears in Kortrijk.
    write(folder, "enterprise", [r for r in read(folder, "enterprise") if r[0] != "0390.123.310"])
    denominations = read(folder, "denomination")
    for row in denominations:
        if row[:3] == ["0503.267.276", "2", "001"]:
            row[3] = "Fotonix Gent Photonics"
    denominations.append(["0204.910.322", "2", "001", "Kortrijkse Robotica"])
    write(folder, "denomination", denominations)
    write(
        folder,
        "enterprise",
        [*read(folder, "enterprise"), ["0204.910.322", "AC", "000", "2", "610", "", "01-01-2026"]],
    )
    write(
        folder,
        "address",
        [
            *read(folder, "address"),
            [
                "0204.910.322",
                "REGO",
                "",
                "",
                "8500",
                "Kortrijk",
                "Courtrai",
                "Doorniksewijk",
                "",
                "1",
                "",
                "",
                "",
            ],
        ],
    )
    write(
        folder,
        "activity",
        [*read(folder, "activity"), ["0204.910.322", "001", "2025", "28990", "MAIN"]],
    )
    return folder


def test_a_newer_month_updates_adds_and_marks_gone(tmp_path):
    kbo_import(path=SAMPLE)
    summary = kbo_import(path=_next_month(tmp_path))
    assert (summary.added, summary.updated, summary.gone, summary.unchanged) == (1, 1, 1, 1)
    assert Enterprise.objects.get(number=GENT).name == "Fotonix Gent Photonics"
    gone = Enterprise.objects.get(number=BRUGGE)
    assert gone.status == EnterpriseStatus.GONE
    assert gone.gone_since == dt.date(2026, 2, 6)
    new = Enterprise.objects.get(number="0204910322")
    assert (new.city, new.sector_codes) == ("Kortrijk", ["slimme-maakindustrie"])
    # Running the newer month again changes nothing more.
    again = kbo_import(path=_next_month(tmp_path / "again"))
    assert (again.added, again.updated, again.gone) == (0, 0, 0)


def test_an_enterprise_that_comes_back_is_active_again(tmp_path):
    kbo_import(path=SAMPLE)
    kbo_import(path=_next_month(tmp_path))
    folder = copy_sample(tmp_path, "march")
    set_meta(folder, ExtractNumber="142", SnapshotDate="06-03-2026")
    kbo_import(path=folder)
    brugge = Enterprise.objects.get(number=BRUGGE)
    assert (brugge.status, brugge.gone_since) == (EnterpriseStatus.ACTIVE, None)


def test_an_older_extract_is_refused_and_changes_nothing(tmp_path):
    kbo_import(path=_next_month(tmp_path))
    state = list(Enterprise.objects.values_list("number", "fingerprint", "status"))
    with pytest.raises(KboImportError, match="older than the one already imported"):
        kbo_import(path=SAMPLE)
    assert list(Enterprise.objects.values_list("number", "fingerprint", "status")) == state
    assert RegisterImport.objects.count() == 1


def test_zip_of_the_extract_imports_like_the_folder(tmp_path):
    archive = zip_folder(SAMPLE, tmp_path / "KboOpenData_0140_2026_01_Full.zip")
    kbo_import(path=archive)
    assert set(Enterprise.objects.values_list("number", flat=True)) == IN_AREA


def test_contact_file_is_optional(tmp_path):
    folder = copy_sample(tmp_path)
    (folder / "contact.csv").unlink()
    kbo_import(path=folder)
    assert Enterprise.objects.get(number=GENT).website == ""


# ---------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "name", ["enterprise", "address", "activity", "denomination", "meta", "code"]
)
def test_missing_file(tmp_path, name):
    folder = copy_sample(tmp_path)
    (folder / f"{name}.csv").unlink()
    with pytest.raises(KboImportError, match=f"The extract lacks {name}.csv"):
        kbo_import(path=folder)
    _nothing_written()


def test_wrong_columns(tmp_path):
    folder = copy_sample(tmp_path)
    rows = read(folder, "address")
    rows[0][4] = "PostalCode"
    write(folder, "address", rows)
    with pytest.raises(KboImportError, match=r"address.csv lacks the columns Zipcode"):
        kbo_import(path=folder)
    _nothing_written()


def test_a_row_with_the_wrong_number_of_values(tmp_path):
    folder = copy_sample(tmp_path)
    rows = read(folder, "denomination")
    rows[3] = rows[3][:3]
    write(folder, "denomination", rows)
    with pytest.raises(KboImportError, match=r"denomination.csv line 4 has 3 values, not 4"):
        kbo_import(path=folder)
    _nothing_written()


def test_bad_encoding(tmp_path):
    folder = copy_sample(tmp_path)
    data = (folder / "denomination.csv").read_text(encoding="utf-8")
    (folder / "denomination.csv").write_bytes(data.encode("latin-1"))  # "Lumière" in Latin-1
    with pytest.raises(KboImportError, match=r"denomination.csv cannot be read near line"):
        kbo_import(path=folder)
    _nothing_written()


def test_binary_junk_instead_of_csv(tmp_path):
    folder = copy_sample(tmp_path)
    (folder / "activity.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe" * 50)
    with pytest.raises(KboImportError, match=r"activity.csv"):
        kbo_import(path=folder)
    _nothing_written()


def test_a_byte_order_mark_is_accepted(tmp_path):
    folder = copy_sample(tmp_path)
    data = (folder / "enterprise.csv").read_bytes()
    (folder / "enterprise.csv").write_bytes(b"\xef\xbb\xbf" + data)
    kbo_import(path=folder)
    assert Enterprise.objects.count() == 3


@pytest.mark.parametrize(
    ("name", "row", "column", "value"),
    [
        ("enterprise", 1, 0, "0503.267.277"),  # check digits wrong
        ("enterprise", 2, 0, "503267276"),  # not the register's format
        ("address", 1, 0, "DROP TABLE"),
        ("establishment", 1, 2, "0503-267-276"),
        ("denomination", 1, 0, "=cmd|' /C calc'!A0"),
        ("activity", 1, 0, "12.345"),
    ],
)
def test_malformed_numbers(tmp_path, name, row, column, value):
    folder = copy_sample(tmp_path)
    rows = read(folder, name)
    rows[row][column] = value
    write(folder, name, rows)
    with pytest.raises(KboImportError, match="is not a valid KBO/BCE number"):
        kbo_import(path=folder)
    _nothing_written()


def test_malformed_number_after_an_earlier_import_changes_nothing(tmp_path):
    kbo_import(path=SAMPLE)
    state = list(Enterprise.objects.values_list("number", "fingerprint", "status"))
    folder = _next_month(tmp_path)
    rows = read(folder, "enterprise")
    rows[-1][0] = "0204.910.323"
    write(folder, "enterprise", rows)
    with pytest.raises(KboImportError):
        kbo_import(path=folder)
    assert list(Enterprise.objects.values_list("number", "fingerprint", "status")) == state
    assert RegisterImport.objects.count() == 1


def test_bad_date_and_bad_nace_code(tmp_path):
    folder = copy_sample(tmp_path)
    rows = read(folder, "enterprise")
    rows[2][6] = "31-02-2012"
    write(folder, "enterprise", rows)
    with pytest.raises(KboImportError, match="“31-02-2012” is not a date in the form dd-mm-yyyy"):
        kbo_import(path=folder)
    folder = copy_sample(tmp_path, "nace")
    rows = read(folder, "activity")
    rows[1][3] = "62.01"
    write(folder, "activity", rows)
    with pytest.raises(KboImportError, match="is not a NACE-BEL code"):
        kbo_import(path=folder)
    _nothing_written()


def test_an_update_extract_is_refused(tmp_path):
    folder = copy_sample(tmp_path)
    set_meta(folder, ExtractType="update")
    with pytest.raises(KboImportError, match="not a full extract"):
        kbo_import(path=folder)
    _nothing_written()


def test_many_errors_are_capped(tmp_path):
    folder = copy_sample(tmp_path)
    rows = read(folder, "activity")
    rows += [["bad", "001", "2008", "62010", "MAIN"]] * 200
    write(folder, "activity", rows)
    with pytest.raises(KboImportError) as info:
        kbo_import(path=folder)
    assert len(info.value.errors) == 50
    assert "more problems" in str(info.value)
    _nothing_written()


def test_not_a_zip_file(tmp_path):
    path = tmp_path / "extract.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(KboImportError, match="neither a zip file nor a folder"):
        kbo_import(path=path)
    with pytest.raises(KboImportError, match="does not exist"):
        kbo_import(path=tmp_path / "nowhere")
    _nothing_written()


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in SAMPLE.glob("*.csv"):
            archive.write(member, member.name)
        archive.writestr("activity2.csv", b"0" * (60 * 1024 * 1024))
    with pytest.raises(KboImportError, match="compressed suspiciously well"):
        kbo_import(path=path)
    _nothing_written()


def test_oversized_archive_and_unpacked_size_are_refused(tmp_path):
    path = zip_folder(SAMPLE, tmp_path / "extract.zip")
    with pytest.raises(KboImportError, match="The zip file is larger than allowed"):
        kbo_import(path=path, limits=Limits(archive_bytes=1000))
    with pytest.raises(KboImportError, match="unpacks to more than allowed"):
        kbo_import(path=path, limits=Limits(unpacked_bytes=2000))
    with pytest.raises(KboImportError, match="larger than allowed"):
        kbo_import(path=SAMPLE, limits=Limits(unpacked_bytes=2000))
    _nothing_written()


def test_a_file_twice_in_the_zip_is_refused(tmp_path):
    path = zip_folder(SAMPLE, tmp_path / "extract.zip")
    with zipfile.ZipFile(path, "a") as archive:
        archive.write(SAMPLE / "enterprise.csv", "sub/enterprise.csv")
    with pytest.raises(KboImportError, match=r"holds enterprise.csv twice"):
        kbo_import(path=path)
    _nothing_written()


def test_command(tmp_path):
    call_command("kbo", "import", str(SAMPLE), "--no-progress")
    assert Enterprise.objects.count() == 3
    folder = copy_sample(tmp_path)
    (folder / "address.csv").unlink()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("kbo", "import", str(folder), "--no-progress")


def test_errors_are_translated_to_dutch(tmp_path):
    from django.utils import translation

    folder = copy_sample(tmp_path)
    (folder / "address.csv").unlink()
    with translation.override("nl"), pytest.raises(KboImportError) as info:
        kbo_import(path=folder)
    assert "address.csv" in str(info.value)
    assert "lacks" not in str(info.value)


def test_a_newer_month_with_a_stopped_status_closes_the_enterprise(tmp_path):
    """An enterprise the register lists with another status than active (e.g. stopped)
    is kept, closed, and opens again when a later month lists it as active."""
    kbo_import(path=SAMPLE)
    folder = copy_sample(tmp_path, "february")
    set_meta(folder, ExtractNumber="141", SnapshotDate="06-02-2026")
    rows = read(folder, "enterprise")
    for row in rows:
        if row[0] == "0503.267.276":
            row[1] = "ST"
    write(folder, "enterprise", rows)
    summary = kbo_import(path=folder)
    assert (summary.added, summary.updated, summary.gone) == (0, 1, 0)
    closed = Enterprise.objects.get(number=GENT)
    assert (closed.status, closed.register_status) == (EnterpriseStatus.STOPPED, "ST")
    march = copy_sample(tmp_path, "march")
    set_meta(march, ExtractNumber="142", SnapshotDate="06-03-2026")
    kbo_import(path=march)
    assert Enterprise.objects.get(number=GENT).status == EnterpriseStatus.ACTIVE
