"""Hostile files, for every kind of bulk import: wrong encoding, byte order marks,
formulas, 50 MB, 100,000 rows, duplicate rows, mixed separators, missing required
columns. Each gets a clear, translated error per row or per file; nothing is written
and, for a file refused as a whole, nothing is kept."""

import io

import pytest
from django.utils import translation

from kennisbrug.core.imports import reading, services
from kennisbrug.core.imports.reading import ImportFileError, read_limited
from kennisbrug.core.models import ImportUpload

from .conftest import KINDS, SAMPLES, csv_file
from .test_flow import MODELS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def create(kind, content, user, filename="file.csv"):
    return services.import_upload_create(kind=kind, content=content, filename=filename, user=user)


def refused_file(kind, content, user) -> list[str]:
    before = MODELS[kind].objects.count()
    with pytest.raises(ImportFileError) as error:
        create(kind, content, user)
    assert not ImportUpload.objects.exists()
    assert MODELS[kind].objects.count() == before
    return error.value.messages


@pytest.mark.parametrize("kind", KINDS)
def test_latin1_file_is_refused_with_the_line_and_how_to_save_it(kind, roles):
    header, rows = SAMPLES[kind]
    content = (header + "\n" + rows[0] + "\n" + rows[1] + " é\n").encode("latin-1")
    (message,) = refused_file(kind, content, roles.secretariat)
    assert "not UTF-8" in message and "line 3" in message and "CSV UTF-8" in message


def test_the_message_is_dutch_on_a_dutch_request(roles):
    header, rows = SAMPLES["trainings"]
    content = (header + "\n" + rows[0] + " é\n").encode("latin-1")
    with translation.override("nl"), pytest.raises(ImportFileError) as error:
        create("trainings", content, roles.secretariat)
    assert "geen UTF-8" in error.value.messages[0]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-8"])
def test_byte_order_marks_and_utf16_are_read(kind, encoding, roles):
    header, rows = SAMPLES[kind]
    content = ("\n".join([header, *rows]) + "\n").encode(encoding)
    upload = create(kind, content, roles.secretariat)
    assert upload.preview["counts"]["create"] == 2, upload.preview["rows"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "formula", ["=cmd|' /C calc'!A0", "+SUM(A1:A2)", '@HYPERLINK("http://x")', "=1+1"]
)
def test_a_formula_in_any_cell_refuses_its_row_and_is_never_run(kind, formula, roles):
    header, rows = SAMPLES[kind]
    cells = rows[1].split(";")
    cells[1] = formula  # the name or title column
    upload = create(kind, csv_file(header, [rows[0], ";".join(cells)]), roles.secretariat)
    row = upload.preview["rows"][1]
    assert row["action"] == "refused"
    assert any("formula" in error for error in row["errors"]), row["errors"]
    assert upload.preview["can_commit"] is False


def test_an_xlsx_formula_cell_is_refused_not_computed(roles):
    from openpyxl import Workbook

    header, rows = SAMPLES["living_labs"]
    book = Workbook()
    sheet = book.active
    sheet.append(header.split(";"))
    sheet.append(rows[0].split(";"))
    cells = rows[1].split(";")
    sheet.append(cells)
    sheet["B3"] = '=HYPERLINK("http://evil","klik")'
    buffer = io.BytesIO()
    book.save(buffer)
    upload = create("living_labs", buffer.getvalue(), roles.secretariat, filename="f.xlsx")
    assert upload.preview["rows"][1]["action"] == "refused"
    assert "formula" in upload.preview["rows"][1]["errors"][0]


def test_a_value_that_starts_like_a_formula_is_neutralised_on_export_and_reimports(
    roles, django_capture_on_commit_callbacks
):
    from kennisbrug.core.imports.kinds import kind_get
    from kennisbrug.facilities.models import LivingLab

    LivingLab.objects.create(
        owner=roles.organisation,
        name="Proeftuin Formule",
        theme="-1+1 thema",
        description="=1+1 is geen formule hier",
        test_environment="@home",
        how_to_join="+32 9 123 45 67",
        postcode="9000",
        country_id="BE",
    )
    spec = kind_get("living_labs")
    content, *_rest = spec.export(file_format="csv", user=roles.secretariat)
    text = content.decode("utf-8-sig")
    assert "'=1+1 is geen formule hier" in text and ";=1" not in text
    xlsx, *_rest = spec.export(file_format="xlsx", user=roles.secretariat)
    for data, name in ((content, "e.csv"), (xlsx, "e.xlsx")):
        preview = spec.preview(content=data, filename=name, user=roles.secretariat)
        assert [r.action for r in preview.rows] == ["unchanged"], preview.rows[0].errors


@pytest.mark.parametrize("kind", KINDS)
def test_a_50_mb_upload_is_refused_before_it_is_read_whole(kind, roles):
    class Endless(io.RawIOBase):
        """50 MB of rows, counting what the reader asked for."""

        size = 50 * 1024 * 1024
        served = 0

        def readinto(self, buffer):
            n = min(len(buffer), self.size - self.served)
            buffer[:n] = b"x;" * (n // 2) + b"\n" * (n % 2)
            self.served += n
            return n

    stream = Endless()
    with pytest.raises(ImportFileError) as error:
        read_limited(stream)
    assert "too large" in error.value.messages[0] and "10 MB" in error.value.messages[0]
    assert stream.served <= reading.MAX_BYTES + 1024 * 1024  # stopped just past the limit
    with pytest.raises(ImportFileError):
        create(kind, b"x" * (reading.MAX_BYTES + 1), roles.secretariat)


@pytest.mark.parametrize("kind", KINDS)
def test_a_100000_row_file_is_refused_as_a_whole_with_the_row_limit(kind, roles):
    header, rows = SAMPLES[kind]
    body = "\n".join(rows[i % 2].replace(";", f" {i};", 1) for i in range(100_000))
    content = (header + "\n" + body + "\n").encode()
    assert len(content) < reading.MAX_BYTES  # the rows, not the size, are the limit here
    (message,) = refused_file(kind, content, roles.secretariat)
    assert "more than 10000 rows" in message and "split" in message


@pytest.mark.parametrize("kind", KINDS)
def test_a_duplicate_row_is_refused_naming_the_first(kind, roles):
    header, rows = SAMPLES[kind]
    upload = create(kind, csv_file(header, [rows[0], rows[1], rows[0]]), roles.secretariat)
    third = upload.preview["rows"][2]
    assert third["action"] == "refused"
    assert any("row 2" in e for e in third["errors"]), third["errors"]
    assert upload.preview["counts"] == {"create": 2, "update": 0, "unchanged": 0, "refused": 1}


@pytest.mark.parametrize("kind", KINDS)
def test_a_row_with_another_separator_is_refused(kind, roles):
    header, rows = SAMPLES[kind]
    upload = create(kind, csv_file(header, [rows[0], rows[1].replace(";", ",")]), roles.secretariat)
    row = upload.preview["rows"][1]
    assert row["action"] == "refused"
    assert "different separator" in row["errors"][0]


@pytest.mark.parametrize("kind", KINDS)
def test_missing_required_columns_are_named(kind, roles):
    header, rows = SAMPLES[kind]
    names = header.split(";")
    keep = [i for i, name in enumerate(names) if i != 1]  # drop the name/title column
    content = csv_file(
        ";".join(names[i] for i in keep),
        [";".join(row.split(";")[i] for i in keep) for row in rows],
    )
    (message,) = refused_file(kind, content, roles.secretariat)
    assert message.startswith("Required columns are missing:")
    assert names[1] in message


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "content",
    [b"", b"   \n", b"\xd0\xcf\x11\xe0rest", b"PK\x03\x04broken", b"naam\x00;x\n1;2\n"],
    ids=["empty", "blank", "xls", "broken-zip", "nul"],
)
def test_unreadable_files_are_refused_as_a_whole(kind, content, roles):
    (message,) = refused_file(kind, content, roles.secretariat)
    assert message.endswith(".")
