import gzip
import shutil
import tracemalloc
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from kennisbrug.skills import esco_import as esco_import_module
from kennisbrug.skills.esco_import import MB, EscoImportError, esco_import
from kennisbrug.skills.models import (
    EscoRelease,
    IscoGroup,
    Occupation,
    OccupationSkill,
    QualificationLevel,
    Skill,
)

from .conftest import DEMO_TAXONOMY, esco_dir, occupation_uri, skill_uri

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Skill.objects.count(),
        Occupation.objects.count(),
        OccupationSkill.objects.count(),
        IscoGroup.objects.count(),
        EscoRelease.objects.count(),
    )


def _copy(tmp_path):
    target = tmp_path / "esco"
    shutil.copytree(DEMO_TAXONOMY, target)
    return target


def test_imports_demo_taxonomy_in_both_languages(taxonomy):
    assert Occupation.objects.count() == 28
    assert Skill.objects.exclude(skill_type="group").count() == 88
    assert Skill.objects.filter(skill_type="group").count() == 7
    welder = Occupation.objects.get(uri=occupation_uri("welder"))
    assert (welder.label_en, welder.label_nl) == ("welder", "lasser")
    assert welder.isco_group.code == "7212"
    essentials = set(
        welder.relations.filter(relation_type="essential").values_list("skill__uri", flat=True)
    )
    assert skill_uri("weld-tig") in essentials
    tig = Skill.objects.get(uri=skill_uri("weld-tig"))
    assert tig.label_nl == "TIG-lassen uitvoeren"
    assert tig.broader.uri.endswith("g-metal")
    assert taxonomy.release.version == "kennisbrug-demo-1"
    assert "ESCO kennisbrug-demo-1" in taxonomy.attribution
    assert welder.is_demo


def test_second_import_is_idempotent(taxonomy):
    before = _counts()
    again = esco_import(paths=[DEMO_TAXONOMY], version="kennisbrug-demo-1")
    after = _counts()
    assert after[:4] == before[:4]
    assert after[4] == before[4] + 1
    assert again.counts["skills_created"] == 0
    assert again.counts["relations_created"] == 0


def test_relation_changes_are_applied_on_reimport(taxonomy, tmp_path):
    folder = _copy(tmp_path)
    path = folder / "occupationSkillRelations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    # drop the first relation of the welder and turn its second into optional
    first, second = lines[1], lines[2]
    lines.remove(first)
    lines[1] = second.replace(",essential,", ",optional,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = esco_import(paths=[folder], version="kennisbrug-demo-2")
    assert summary.counts["relations_removed"] == 1
    assert summary.counts["relations_updated"] == 1
    assert OccupationSkill.objects.count() == 226


def test_dutch_only_run_keeps_english_labels(taxonomy, tmp_path):
    folder = tmp_path / "nl"
    folder.mkdir()
    shutil.copy(DEMO_TAXONOMY / "skills_nl.csv", folder)
    text = (folder / "skills_nl.csv").read_text(encoding="utf-8")
    (folder / "skills_nl.csv").write_text(
        text.replace("TIG-lassen uitvoeren", "TIG-lassen"), encoding="utf-8"
    )
    esco_import(paths=[folder], version="v1.2.0", languages=["nl"])
    tig = Skill.objects.get(uri=skill_uri("weld-tig"))
    assert (tig.label_en, tig.label_nl) == ("perform TIG welding", "TIG-lassen")


def test_reads_zip_and_version_from_name(db, tmp_path):
    archive = tmp_path / "ESCO dataset - v1.2.0 - classification - en - csv.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("skills_en.csv", "occupations_en.csv", "occupationSkillRelations.csv"):
            zf.write(DEMO_TAXONOMY / name, name)
    summary = esco_import(paths=[archive])
    assert summary.version == "v1.2.0"
    assert summary.languages == ["en"]
    assert Occupation.objects.count() == 28
    assert Occupation.objects.filter(label_nl="").count() == 28


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda t: t.replace("conceptUri", "uri", 1), "wrong columns, missing conceptUri"),
        (
            lambda t: t.replace("weld-tig,skill/competence", "weld-tig,extra,skill/competence"),
            "wrong number of fields",
        ),
        (
            lambda t: t.replace(
                "https://kennisbrug.eu/taxonomy/demo/skill/weld-mig",
                "'; DROP TABLE skills_skill; --",
            ),
            "invalid concept URI",
        ),
        (lambda t: t.replace("perform TIG welding", ""), "the preferred label is empty"),
        (lambda t: t.replace("perform TIG welding", "x" * 301), "the preferred label is too long"),
        (
            lambda t: t.replace(
                "skill/competence,sector-specific,perform TIG", "talent,sector-specific,perform TIG"
            ),
            "unknown skill type",
        ),
    ],
)
def test_bad_skill_files_are_rejected_whole(db, tmp_path, mutate, message):
    folder = _copy(tmp_path)
    path = folder / "skills_en.csv"
    path.write_text(mutate(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = _counts()
    with pytest.raises(EscoImportError) as info:
        esco_import(paths=[folder], version="v1")
    assert message in str(info.value)
    assert "skills_en.csv" in str(info.value)
    assert _counts() == before


def test_bad_relation_type_and_binary_file(db, tmp_path):
    folder = _copy(tmp_path)
    rel = folder / "occupationSkillRelations.csv"
    rel.write_text(rel.read_text(encoding="utf-8").replace(",essential,", ",vital,", 1))
    (folder / "occupations_nl.csv").write_bytes(b"\xff\xfe\x00garbage\x00")
    with pytest.raises(EscoImportError) as info:
        esco_import(paths=[folder], version="v1")
    text = str(info.value)
    assert "unknown relation type" in text
    assert "occupations_nl.csv" in text and "cannot be read" in text
    assert Occupation.objects.count() == 0


def test_relations_to_unknown_concepts_are_skipped_with_a_warning(db, tmp_path):
    folder = _copy(tmp_path)
    rel = folder / "occupationSkillRelations.csv"
    rel.write_text(
        rel.read_text(encoding="utf-8")
        + "https://kennisbrug.eu/x/occupation/ghost,essential,knowledge,"
        + skill_uri("weld-tig")
        + "\n",
        encoding="utf-8",
    )
    summary = esco_import(paths=[folder], version="v1")
    assert summary.counts["relations_skipped"] == 1
    assert "1 relations point to" in summary.warnings[0]


def test_control_characters_and_html_are_kept_harmless(db, tmp_path):
    folder = _copy(tmp_path)
    path = folder / "skills_en.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "perform TIG welding", "<script>alert(1)</script>\x07TIG"
        ),
        encoding="utf-8",
    )
    esco_import(paths=[folder], version="v1")
    assert Skill.objects.get(uri=skill_uri("weld-tig")).label_en == "<script>alert(1)</script>TIG"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"paths": ["/nonexistent/esco"]}, "does not exist"),
        ({"paths": [DEMO_TAXONOMY], "languages": ["fr"]}, "not supported"),
        ({"paths": [DEMO_TAXONOMY / "README.md"]}, "No ESCO occupations or skills"),
    ],
)
def test_wrong_arguments(db, kwargs, message):
    kwargs.setdefault("version", "v1")
    with pytest.raises(EscoImportError, match=message):
        esco_import(**kwargs)


def test_version_is_required_when_not_in_names(db, tmp_path):
    folder = _copy(tmp_path)
    with pytest.raises(EscoImportError, match="give --version"):
        esco_import(paths=[folder])


def test_command_prints_summary_and_attribution(db):
    out = StringIO()
    call_command(
        "esco", "import", str(DEMO_TAXONOMY), "--version", "demo-7", "--no-progress", stdout=out
    )
    text = out.getvalue()
    assert "occupations_created: 28" in text
    assert "This product uses the ESCO classification of the European Commission" in text
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("esco", "import", "/nonexistent", "--version", "x", stdout=StringIO())


def test_qualification_levels_are_loaded_by_the_migration(db):
    assert QualificationLevel.objects.count() == 10
    four_plus = QualificationLevel.objects.get(key="4+")
    assert (four_plus.eqf_level, four_plus.nlqf_level, four_plus.vks_level) == (4, "4+", None)
    assert str(QualificationLevel.objects.get(key="6")) == "EQF 6 · NLQF 6 · VKS 6"


def test_real_esco_v111_import():
    """Imports the real ESCO v1.1.1 set from ../shared (takes about half a minute)."""
    source = esco_dir() / "v1.1.1"
    if not source.exists():
        pytest.skip(f"real ESCO data not found at {source}; set KENNISBRUG_ESCO_DIR")
    summary = esco_import(paths=[source])
    assert summary.version == "v1.1.1"
    assert Occupation.objects.count() == 3007
    assert Skill.objects.count() == 13896
    assert OccupationSkill.objects.count() == 123_855 - 67
    assert summary.counts["relations_skipped"] == 67
    assert Occupation.objects.exclude(label_nl="").count() == 3007


test_real_esco_v111_import = pytest.mark.django_db(test_real_esco_v111_import)


def test_reimport_of_the_same_release_skips_unchanged_rows(taxonomy):
    from kennisbrug.skills.esco_import import esco_import

    from .conftest import DEMO_TAXONOMY

    again = esco_import(paths=[DEMO_TAXONOMY], version="kennisbrug-demo-1", is_demo=True)
    assert again.counts["skills_updated"] == 0
    assert again.counts["occupations_updated"] == 0
    assert again.counts["skills_created"] == 0


def test_a_spreadsheet_import_before_does_not_shrink_the_field_limit(taxonomy, tmp_path):
    """ESCO fields run to megabytes; an uploaded sheet allows a few thousand
    characters per cell. Reading a sheet first must not impose its bound on ESCO."""
    import csv

    from kennisbrug.core.imports.reading import read_table

    before = csv.field_size_limit()
    read_table(content=b"naam;postcode\nAlpha;9000\n", filename="a.csv")
    assert csv.field_size_limit() == before

    folder = _copy(tmp_path)
    path = folder / "occupations_en.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    long_description = "Welds. " * 30_000  # 210,000 characters
    lines[1] = lines[1].replace(
        "Welders join metal parts using welding equipment.", long_description
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    esco_import(paths=[folder], version="kennisbrug-demo-2")
    welder = Occupation.objects.get(uri=occupation_uri("welder"))
    # stored descriptions are cut at 5000 characters; the point is that the file was read
    assert welder.description_en.startswith("Welds. Welds.")
    assert len(welder.description_en) == 5000


def _bomb_zip(path, member: str, unpacked_bytes: int):
    """A zip whose ESCO-named member unpacks to `unpacked_bytes` of one repeated row: a
    few hundred KB on disk, written in chunks so the test itself stays small in memory."""
    header = (DEMO_TAXONOMY / member).read_text(encoding="utf-8").splitlines()[0] + "\n"
    row = b"https://kennisbrug.eu/x,skill/competence,sector-specific,aaaa,,\n"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf,
        zf.open(member, "w", force_zip64=True) as out,
    ):
        out.write(header.encode())
        chunk = row * (MB // len(row))
        written = len(header)
        while written < unpacked_bytes:
            out.write(chunk)
            written += len(chunk)
    return path


def _gzip_bomb(path, member: str, unpacked_bytes: int):
    header = (DEMO_TAXONOMY / member).read_text(encoding="utf-8").splitlines()[0] + "\n"
    columns = header.count(",") + 1
    row = b",".join([b"https://kennisbrug.eu/x"] + [b"a"] * (columns - 1)) + b"\n"
    with gzip.open(path, "wb", compresslevel=6) as out:
        out.write(header.encode())
        chunk = row * (MB // len(row))
        for _ in range(unpacked_bytes // len(chunk) + 1):
            out.write(chunk)
    return path


def _import_peak(paths) -> tuple[str, int]:
    """The import's error text and the peak memory it allocated while refusing."""
    tracemalloc.start()
    try:
        with pytest.raises(EscoImportError) as info:
            esco_import(paths=paths, version="v1")
        return str(info.value), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_zip_bomb_is_refused_before_unpacking(db, tmp_path):
    # 80 MB of rows in a few hundred KB: over the file limit and an absurd ratio.
    archive = _bomb_zip(tmp_path / "esco-v1.zip", "skills_en.csv", 80 * MB)
    assert archive.stat().st_size < 2 * MB
    before = _counts()
    text, peak = _import_peak([archive])
    assert "skills_en.csv unpacks to more than an import allows (64 MB a file" in text
    assert peak < 20 * MB
    assert _counts() == before


def test_member_with_an_absurd_compression_ratio_is_refused(db, tmp_path):
    folder = _copy(tmp_path)
    (folder / "skills_en.csv").unlink()
    archive = _bomb_zip(tmp_path / "skills.zip", "skills_en.csv", 8 * MB)
    before = _counts()
    text, peak = _import_peak([folder, archive])
    assert "skills_en.csv is compressed" in text
    assert "refused as a possible zip bomb" in text
    assert peak < 20 * MB
    assert _counts() == before


def test_gzip_bomb_is_refused_while_streaming(db, tmp_path):
    # A gzip stream declares no size: the reader stops it after the first megabytes.
    folder = _copy(tmp_path)
    (folder / "skills_en.csv").unlink()
    _gzip_bomb(folder / "skills_en.csv.gz", "skills_en.csv", 20 * MB)
    before = _counts()
    text, peak = _import_peak([folder])
    assert "skills_en.csv is compressed" in text and "possible zip bomb" in text
    assert peak < 20 * MB
    assert _counts() == before


def test_files_over_the_limits_are_refused(db, tmp_path, monkeypatch):
    # An honest but oversized download: refused by its declared and its real size.
    folder = _copy(tmp_path)
    size = (folder / "skills_en.csv").stat().st_size
    monkeypatch.setattr(esco_import_module, "MAX_FILE_BYTES", size - 1)
    before = _counts()
    with pytest.raises(EscoImportError) as info:
        esco_import(paths=[folder], version="v1")
    assert "skills_en.csv unpacks to more than an import allows" in str(info.value)
    gz = tmp_path / "gz"  # no declared size: refused while reading
    gz.mkdir()
    with gzip.open(gz / "skills_en.csv.gz", "wb") as out:
        out.write((folder / "skills_en.csv").read_bytes())
    with pytest.raises(EscoImportError) as info:
        esco_import(paths=[gz], version="v1")
    assert "skills_en.csv unpacks to more than an import allows" in str(info.value)
    monkeypatch.setattr(esco_import_module, "MAX_FILE_BYTES", 64 * MB)
    monkeypatch.setattr(esco_import_module, "MAX_TOTAL_BYTES", size)
    with pytest.raises(EscoImportError, match="more than the 0 MB an import allows"):
        esco_import(paths=[folder], version="v1")
    assert _counts() == before


def test_bomb_refusal_is_translated(db, tmp_path):
    archive = _bomb_zip(tmp_path / "esco-v1.zip", "skills_en.csv", 65 * MB)
    with translation.override("nl"), pytest.raises(EscoImportError) as info:
        esco_import(paths=[archive], version="v1")
    assert "skills_en.csv pakt uit tot meer dan een import toestaat" in str(info.value)
