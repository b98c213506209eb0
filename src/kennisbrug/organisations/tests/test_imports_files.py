"""Hostile and odd files for the organisation import, the template and the round trip."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from kennisbrug.core.imports import reading
from kennisbrug.core.imports.reading import ImportFileError
from kennisbrug.organisations.imports import exports
from kennisbrug.organisations.models import Organisation

from .factories import OrganisationFactory
from .test_imports import DUTCH, commit, csv_bytes, kbo, preview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADER = "naam;type;postcode;gemeente;land\n"


def file_error(content: bytes, filename: str = "x.csv") -> str:
    with pytest.raises(ImportFileError) as info:
        preview(content, filename)
    return "\n".join(info.value.messages)


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_cp1252_file_is_refused_with_the_line_and_how_to_fix_it():
    content = (HEADER + "Café Zoë;kmo;9000;Gent;BE\n").encode("cp1252")
    message = file_error(content)
    assert "not UTF-8 text (first unreadable character on line 2)" in message
    assert "CSV UTF-8" in message
    assert Organisation.objects.count() == 0


def test_utf16_with_bom_and_tabs_is_read():
    content = (HEADER.replace(";", "\t") + "Café Zoë\tkmo\t9000\tGent\tBE\n").encode("utf-16")
    (row,) = preview(content).rows
    assert row.action == "create", row.errors
    assert row.target.name == "Café Zoë"


def test_bom_is_not_part_of_the_first_column_name():
    with_bom = preview(csv_bytes(HEADER + "Zon;kmo;9000;Gent;BE\n", bom=True))
    without = preview(csv_bytes(HEADER + "Zon;kmo;9000;Gent;BE\n", bom=False))
    assert with_bom.rows[0].target.name == without.rows[0].target.name == "Zon"


@pytest.mark.parametrize(
    "cell",
    [
        "=cmd|' /C calc'!A0",
        '=HYPERLINK("http://evil.example","klik")',
        "+SUM(1,2)",
        "@SUM(A1)",
        "-2+3|cmd",
        " =1+1",
    ],
)
def test_formula_cells_in_csv_are_refused_not_run(cell):
    content = csv_bytes(f'{HEADER}"{cell.replace(chr(34), chr(34) * 2)}";kmo;9000;Gent;BE\n')
    (row,) = preview(content).rows
    assert row.action == "refused"
    assert "naam / name: contains a formula; formulas are never imported or run." in row.errors


def test_phone_numbers_and_dash_lists_are_not_formulas():
    content = csv_bytes(
        "naam;type;postcode;land;telefoon;beschrijving\n"
        'Zon;kmo;9000;BE;+32 9 123 45 67;"- lasersnijden\n- plooien!"\n'
    )
    (row,) = preview(content).rows
    assert row.action == "create", row.errors
    assert row.target.phone == "+32 9 123 45 67"


def test_formula_cells_in_xlsx_are_refused_and_never_evaluated():
    content = xlsx(
        [
            ["naam", "type", "postcode", "land"],
            ["=cmd|' /C calc'!A0", "kmo", 9000, "BE"],
            ["Zon", "kmo", "=4500*2", "BE"],
        ]
    )
    rows = preview(content, "x.xlsx").rows
    assert [r.action for r in rows] == ["refused", "refused"]
    assert "postcode: contains a formula; formulas are never imported or run." in rows[1].errors


def test_export_escapes_formula_like_text_in_csv_and_xlsx():
    OrganisationFactory(name="=cmd|' /C calc'!A0", description="@SUM(A1)", phone="+32 9 1")
    csv_content, _, _ = exports.organisation_export(file_format="csv", language="nl")
    text = csv_content.decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text
    assert "'@SUM(A1)" in text
    assert ";=cmd" not in text and "\n=cmd" not in text
    xlsx_content, _, _ = exports.organisation_export(file_format="xlsx", language="nl")
    sheet = load_workbook(io.BytesIO(xlsx_content)).active
    values = next(sheet.iter_rows(min_row=2, values_only=True))
    assert values[0] == "'=cmd|' /C calc'!A0"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


class EndlessStream(io.RawIOBase):
    """`size` bytes of CSV, generated as they are read: never held in memory whole."""

    def __init__(self, size: int):
        self.remaining = size
        self.served = 0
        self.line = b"Organisatie;kmo;9000;Gent;BE\n"

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.remaining)
        chunk = (self.line * (n // len(self.line) + 1))[:n]
        buffer[:n] = chunk
        self.remaining -= n
        self.served += n
        return n


def test_a_50_mb_upload_stops_after_the_limit_with_a_clear_error():
    stream = EndlessStream(50 * 1024 * 1024)
    with pytest.raises(ImportFileError) as info:
        reading.read_limited(stream)
    assert info.value.messages == ["The file is too large: at most 10 MB is accepted."]
    # Reading stopped one byte past the limit: 40 MB were never read.
    assert stream.served == reading.MAX_BYTES + 1


def test_oversized_content_is_refused_by_the_service_too():
    message = file_error(b"x" * (reading.MAX_BYTES + 1))
    assert "too large" in message


def test_100000_rows_are_refused_whole_with_the_limit():
    content = csv_bytes(HEADER + "".join(f"Org {i};kmo;9000;Gent;BE\n" for i in range(100_000)))
    assert len(content) < reading.MAX_BYTES  # the row limit, not the size limit, applies
    message = file_error(content)
    assert message == "The file has more than 10000 rows; split it into smaller files."
    assert Organisation.objects.count() == 0


def test_mixed_separators_give_an_error_on_the_row_concerned():
    content = csv_bytes(HEADER + "Zon;kmo;9000;Gent;BE\nMaan,kmo,2000,Antwerpen,BE\n")
    rows = preview(content).rows
    assert rows[0].action == "create"
    assert rows[1].action == "refused"
    assert rows[1].errors == [
        "This row has 1 fields where the header has 5; is a different separator used on this line?"
    ]


def test_missing_required_columns_are_named_in_both_languages():
    message = file_error(csv_bytes("naam;postcode\nZon;9000\n"))
    assert message == "Required columns are missing: type, land / country."


def test_duplicate_columns_and_header_only_files_are_refused():
    assert "appear twice: naam / name" in file_error(csv_bytes("naam;name;type;land\nA;B;kmo;BE\n"))
    assert "header but no rows" in file_error(csv_bytes(HEADER))
    assert "empty" in file_error(b"  \n")


def test_duplicate_rows_are_refused():
    content = csv_bytes(HEADER + "Zon;kmo;9000;Gent;BE\n" * 3)
    assert [r.action for r in preview(content).rows] == ["create", "refused", "refused"]


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "old.xls", "old Excel file (.xls)"),
        (b"PK\x03\x04 not really a zip", "x.xlsx", "not a valid Excel (.xlsx) file"),
        (b"naam;type\x00;land\nA;kmo;BE\n", "x.csv", "NUL bytes"),
        (b"no zip at all", "x.xlsx", "not a valid Excel (.xlsx) file"),
    ],
)
def test_broken_files_get_a_file_error(content, filename, expected):
    assert expected in file_error(content, filename)


def test_zip_bomb_is_refused_before_unpacking(monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1000)
    content = xlsx([["naam", "type", "land"], ["x" * 2000, "kmo", "BE"]])
    assert "unpacks to far more data" in file_error(content, "x.xlsx")


def test_xlsx_member_with_an_absurd_ratio_is_refused_before_unpacking():
    # Within the total, but one member packs 5 MB of one repeated cell into a few KB.
    content = xlsx([["naam", "type", "land"], ["Zon", "kmo", "BE"]])
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/padding.xml", "<a>" + "x" * (5 * 1024 * 1024) + "</a>")
    assert "unpacks to far more data" in file_error(buffer.getvalue(), "x.xlsx")


def test_xlsx_numbers_are_read_as_numbers():
    content = xlsx(
        [
            ["Naam", "Type", "KBO", "Postcode", "Land", "Jaaromzet", "Personeel"],
            ["Zon", "kmo", int(kbo(4031707)), 9000, "BE", 1234567.5, 12.0],
        ]
    )
    (row,) = preview(content, "x.xlsx").rows
    assert row.action == "create", row.errors
    assert row.target.kbo_number == kbo(4031707)  # the leading zero Excel dropped
    assert str(row.target.annual_turnover) == "1234567.5"
    assert row.target.staff_headcount == 12


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(file_format):
    OrganisationFactory(name="Zon", kbo_number=kbo(4031707), phone="+32 9 123 45 67")
    OrganisationFactory(name="Maan BV", dutch=True, kvk_number="12345678", street="Markt 1")
    OrganisationFactory(name="=Gevaarlijk", description="Regel 1\nRegel 2; met ;")
    OrganisationFactory(name="Universiteit", type="knowledge_institution", brussels=True)
    content, _, filename = exports.organisation_export(file_format=file_format, language="en")
    rows = preview(content, filename).rows
    assert [(r.name, r.action, r.errors) for r in rows] == [
        (name, "unchanged", []) for name in ["=Gevaarlijk", "Maan BV", "Universiteit", "Zon"]
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_template_is_accepted_by_the_import(file_format, language):
    content, _type, filename = exports.organisation_template(
        file_format=file_format, language=language
    )
    assert filename.endswith(file_format)
    # The empty template is a valid header: the only complaint is that it has no rows.
    assert file_error(content, filename) == "The file has a header but no rows."
    if file_format == "csv":
        assert content.decode("utf-8-sig").startswith(
            "naam;type" if language == "nl" else "name;type"
        )
    else:
        assert zipfile.is_zipfile(io.BytesIO(content))


def test_command_dry_run_prints_the_preview_and_writes_nothing(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_bytes(DUTCH)
    out = io.StringIO()
    call_command("import_records", "organisations", str(path), stdout=out)
    text = out.getvalue()
    assert "line=2 action=create name='Lasertech BV' (" in text
    assert "Invite: a@example.org" in text
    assert "organisations_import_preview create=2 update=0 unchanged=0 refused=0" in text
    assert "Dry run: nothing was written." in text
    assert Organisation.objects.count() == 0

    call_command("import_records", "organisations", str(path), "--commit", stdout=io.StringIO())
    assert Organisation.objects.count() == 2
    out = io.StringIO()
    call_command("import_records", "organisations", str(path), "--commit", stdout=out)
    assert "create=0 update=0 unchanged=2 refused=0" in out.getvalue()


def test_command_refuses_bad_files_and_refused_rows(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes("naam\nZon\n"))
    with pytest.raises(CommandError, match="Required columns are missing"):
        call_command("import_records", "organisations", str(path), "--commit")
    path.write_bytes(csv_bytes(HEADER + "Zon;kmo;9999;Gent;BE\nMaan;kmo;9000;Gent;BE\n"))
    with pytest.raises(CommandError, match="correct the refused rows"):
        call_command("import_records", "organisations", str(path), "--commit", stdout=io.StringIO())
    assert Organisation.objects.count() == 0
    with pytest.raises(CommandError):
        call_command("import_records", "organisations", str(tmp_path / "missing.csv"))


def test_second_commit_is_idempotent_via_service():
    commit(DUTCH)
    plan = preview(DUTCH)
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 2, "refused": 0}
