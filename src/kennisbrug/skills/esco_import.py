"""Import the official ESCO CSV download (folders, zips or gzipped CSVs).

Everything is validated before anything is written; the write is one
transaction, idempotent by concept URI. Relations that point to a concept the
download does not contain (ESCO v1.1.1 has 67 such rows) are skipped and
counted as warnings, not errors: they are a known quirk of the official files.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from kennisbrug.core.csvtools import field_size_limit
from kennisbrug.core.fragments import fragments_changed
from kennisbrug.core.validators import strip_control_characters

from .constants import RelationType, SkillType
from .models import EscoRelease, IscoGroup, Occupation, OccupationSkill, Skill
from .models.taxonomy import esco_attribution
from .receivers import VACANCIES_FRAGMENT

SUPPORTED_LANGUAGES = ("en", "nl")
MAX_LABEL = 300
MAX_ERRORS_SHOWN = 50
MAX_ERRORS_PER_FILE = 1000
# ESCO descriptions and alternative-label lists are long; no real field comes near this.
MAX_FIELD_CHARS = 10_000_000
# Bounds on what an import may unpack, so a small hostile archive (a "zip bomb") cannot
# exhaust memory or disk: the largest official file (occupationSkillRelations.csv, v1.1.1)
# is 21 MB and a language's whole download about 16 MB, compressed 4–7 times.
MB = 1024 * 1024
MAX_FILE_BYTES = 64 * MB  # one CSV, unpacked
MAX_TOTAL_BYTES = 256 * MB  # every CSV of one import together, unpacked
MAX_RATIO = 50  # unpacked / packed, for members over RATIO_FROM bytes
RATIO_FROM = 1 * MB

# Required columns per file kind (the official files have more; extra columns are fine).
REQUIRED = {
    "occupations": {"conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description"},
    "skills": {
        "conceptUri",
        "skillType",
        "reuseLevel",
        "preferredLabel",
        "altLabels",
        "description",
    },
    "isco": {"conceptUri", "code", "preferredLabel"},
    "skillgroups": {"conceptUri", "preferredLabel", "code"},
    "relations": {"occupationUri", "relationType", "skillUri"},
    "broader_skills": {"conceptUri", "broaderUri"},
}
_PATTERNS = [
    (re.compile(r"^occupations_([a-z]{2})\.csv$"), "occupations"),
    (re.compile(r"^skills_([a-z]{2})\.csv$"), "skills"),
    (re.compile(r"^ISCOGroups_([a-z]{2})\.csv$"), "isco"),
    (re.compile(r"^skillGroups_([a-z]{2})\.csv$"), "skillgroups"),
    (re.compile(r"^occupationSkillRelations(?:_([a-z]{2}))?\.csv$"), "relations"),
    (re.compile(r"^broaderRelationsSkillPillar\.csv$"), "broader_skills"),
]
_VERSION_RE = re.compile(r"v(\d+\.\d+(?:\.\d+)?)")


class EscoImportError(Exception):
    """The download cannot be imported; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        shown = errors[:MAX_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        text = "\n".join(shown)
        if more:
            text += "\n" + _("… and %(n)d more errors.") % {"n": more}
        super().__init__(text)


class InputTooLarge(Exception):
    """A file unpacks to more than the import allows (raised while reading)."""

    def __init__(self, ratio: bool = False):
        super().__init__()
        self.ratio = ratio


@dataclass
class _Budget:
    """Bytes every file of one import may still unpack together."""

    left: int


class _Bounded(io.RawIOBase):
    """A byte stream that refuses to give more than `limit` bytes, nor more than the
    import's shared budget: the real size of a gzip stream, or of a zip member whose
    header lies, is only known while reading.

    `packed` (a gzip file's compressed stream) also refuses an absurd compression ratio
    after the first megabyte, long before the limit.
    """

    def __init__(self, raw: IO[bytes] | gzip.GzipFile, *, limit: int, budget: _Budget, packed=None):
        self._raw = raw
        self._left = limit
        self._budget = budget
        self._given = 0
        self._packed = packed

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = min(self._left, self._budget.left)
        data = self._raw.read(min(len(buffer), left + 1))
        if len(data) > left:
            raise InputTooLarge
        self._left -= len(data)
        self._budget.left -= len(data)
        self._given += len(data)
        if (
            self._packed is not None
            and self._given > RATIO_FROM
            and self._given > MAX_RATIO * max(1, self._packed.tell())
        ):
            raise InputTooLarge(ratio=True)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        if self._packed is not None:
            self._packed.close()
        super().close()


def _too_large(name: str) -> str:
    return _(
        "%(file)s unpacks to more than an import allows (%(limit)d MB a file, "
        "%(total)d MB together)."
    ) % {"file": name, "limit": MAX_FILE_BYTES // MB, "total": MAX_TOTAL_BYTES // MB}


def _bomb(name: str, ratio: int) -> str:
    return _(
        "%(file)s is compressed %(ratio)d times, far more than any real ESCO file "
        "(at most %(limit)d): refused as a possible zip bomb."
    ) % {"file": name, "ratio": ratio, "limit": MAX_RATIO}


@dataclass
class SourceFile:
    name: str  # the CSV's base name, e.g. skills_en.csv
    kind: str
    language: str | None
    origin: str
    opener: Callable[[], IO[bytes]]

    def rows(self) -> Iterator[tuple[int, dict]]:
        with self.opener() as raw, field_size_limit(MAX_FIELD_CHARS):
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            reader = csv.DictReader(text)
            self.header = set(reader.fieldnames or [])
            yield 0, {}
            for row in reader:
                yield reader.line_num, row


@dataclass
class ImportSummary:
    version: str
    languages: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    release: EscoRelease | None = None

    @property
    def attribution(self) -> str:
        return esco_attribution(self.version)


def _classify(name: str) -> tuple[str, str | None] | None:
    for pattern, kind in _PATTERNS:
        match = pattern.match(name)
        if match:
            return kind, (match.group(1) if match.groups() else None)
    return None


def discover(paths: list[Path]) -> list[SourceFile]:
    """Every ESCO CSV in the given folders, zips and (gzipped) CSV files."""
    found: list[SourceFile] = []

    errors: list[str] = []
    declared = 0
    budget = _Budget(MAX_TOTAL_BYTES)

    def bounded(opener: Callable[[], IO[bytes]]) -> Callable[[], IO[bytes]]:
        return lambda: io.BufferedReader(_Bounded(opener(), limit=MAX_FILE_BYTES, budget=budget))

    def gunzip(path: Path) -> IO[bytes]:
        packed = open(path, "rb")  # noqa: SIM115 - closed with the stream
        unpacked = gzip.GzipFile(fileobj=packed)
        return io.BufferedReader(
            _Bounded(unpacked, limit=MAX_FILE_BYTES, budget=budget, packed=packed)
        )

    def add(name: str, origin: str, opener, size: int = 0, packed: int = 0) -> None:
        nonlocal declared
        base = name.rsplit("/", 1)[-1]
        if base.endswith(".gz"):
            base = base[:-3]
        kind = _classify(base)
        if not kind:
            return
        # Refused from the sizes the archive declares, before a byte is unpacked; the
        # bounded reader catches an archive that declares less than it holds.
        if size > MAX_FILE_BYTES:
            errors.append(_too_large(base))
            return
        if packed and size > RATIO_FROM and size > MAX_RATIO * packed:
            errors.append(_bomb(base, size // packed))
            return
        declared += size
        wrapped = opener if name.endswith(".gz") else bounded(opener)
        found.append(SourceFile(base, kind[0], kind[1], origin, wrapped))

    def add_zip(path: Path):
        try:
            with zipfile.ZipFile(path) as archive:
                members = archive.infolist()
        except zipfile.BadZipFile as exc:
            raise EscoImportError(
                [_("%(path)s is not a valid zip file.") % {"path": path}]
            ) from exc
        for info in members:
            add(
                info.filename,
                f"{path}!{info.filename}",
                lambda m=info.filename, p=path: zipfile.ZipFile(p).open(m),  # noqa: SIM115
                size=info.file_size,
                packed=info.compress_size,
            )

    def add_file(path: Path):
        if path.suffix == ".zip":
            add_zip(path)
        elif path.name.endswith(".gz"):
            add(path.name, str(path), lambda p=path: gunzip(p))
        elif path.suffix == ".csv":
            add(path.name, str(path), lambda p=path: open(p, "rb"), size=path.stat().st_size)  # noqa: SIM115

    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file():
                    add_file(child)
        elif path.is_file():
            add_file(path)
        else:
            raise EscoImportError([_("%(path)s does not exist.") % {"path": path}])
    if declared > MAX_TOTAL_BYTES:
        errors.append(
            _(
                "The files unpack to %(size)d MB together, more than the %(limit)d MB an import allows."
            )
            % {"size": declared // MB, "limit": MAX_TOTAL_BYTES // MB}
        )
    if errors:
        raise EscoImportError(errors)
    names = [f.name for f in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise EscoImportError(
            [_("The file %(name)s was found more than once.") % {"name": n} for n in duplicates]
        )
    return found


def detect_version(paths: list[Path]) -> str | None:
    for path in paths:
        match = _VERSION_RE.search(str(path.resolve()))
        if match:
            return match.group(0)
    return None


def _clean(value: str | None) -> str:
    return strip_control_characters((value or "").strip())


def _read(source: SourceFile, errors: list[str], progress: bool) -> list[tuple[int, dict]]:
    from tqdm import tqdm

    rows = []
    errors_before = len(errors)
    try:
        iterator = source.rows()
        next(iterator)  # reads the header
        missing = REQUIRED[source.kind] - source.header
        if missing:
            errors.append(
                _("%(file)s: wrong columns, missing %(columns)s.")
                % {"file": source.name, "columns": ", ".join(sorted(missing))}
            )
            return []
        bar = tqdm(iterator, desc=source.name, unit=" rows", disable=not progress, file=sys.stderr)
        for line, row in bar:
            if len(errors) - errors_before >= MAX_ERRORS_PER_FILE:
                break  # enough to show what is wrong; a hostile file must not fill memory
            if None in row or any(v is None for v in row.values()):
                errors.append(
                    _("%(file)s line %(line)d: wrong number of fields.")
                    % {"file": source.name, "line": line}
                )
                continue
            rows.append((line, row))
    except InputTooLarge as exc:
        # The file is refused whole; its row errors would only hide why.
        del errors[errors_before:]
        errors.append(_bomb(source.name, MAX_RATIO) if exc.ratio else _too_large(source.name))
        return []
    except (UnicodeDecodeError, csv.Error, OSError, EOFError, zipfile.BadZipFile) as exc:
        errors.append(
            _("%(file)s: cannot be read as UTF-8 CSV (%(error)s).")
            % {"file": source.name, "error": exc.__class__.__name__}
        )
    return rows


def _check_concept(source, line, row, errors, uri_field="conceptUri") -> str | None:
    uri = _clean(row.get(uri_field))
    where = {"file": source.name, "line": line}
    if not uri.startswith(("http://", "https://")) or len(uri) > 200 or " " in uri:
        errors.append(_("%(file)s line %(line)d: invalid concept URI.") % where)
        return None
    if "preferredLabel" in row:
        label = _clean(row["preferredLabel"])
        if not label:
            errors.append(_("%(file)s line %(line)d: the preferred label is empty.") % where)
            return None
        if len(label) > MAX_LABEL:
            errors.append(_("%(file)s line %(line)d: the preferred label is too long.") % where)
            return None
    return uri


_SKILL_TYPES = {"skill/competence": SkillType.SKILL, "knowledge": SkillType.KNOWLEDGE, "": ""}


def _labels(row: dict, lang: str) -> dict:
    return {
        f"label_{lang}": _clean(row["preferredLabel"]),
        f"alt_labels_{lang}": "\n".join(
            _clean(x) for x in (row.get("altLabels") or "").split("\n") if _clean(x)
        ),
        f"description_{lang}": _clean(row.get("description"))[:5000],
    }


def esco_import(
    *,
    paths: list[Path],
    version: str | None = None,
    languages: list[str] | None = None,
    is_demo: bool = False,
    progress: bool = False,
) -> ImportSummary:
    """Import ESCO occupations, skills, skill groups, ISCO groups and relations.

    Raises ``EscoImportError`` listing every problem (missing files, wrong
    columns, malformed rows, unsupported languages); nothing is written then.
    Concepts are matched on their URI: a second run updates in place.
    """
    paths = [Path(p) for p in paths]
    errors: list[str] = []
    for requested in languages or []:
        if requested not in SUPPORTED_LANGUAGES:
            errors.append(
                _("Language %(lang)s is not supported (only en and nl).") % {"lang": requested}
            )
    if errors:
        raise EscoImportError(errors)
    version = (version or detect_version(paths) or "").strip()
    if not version:
        raise EscoImportError([_("The ESCO version is not in the file names; give --version.")])
    sources = discover(paths)
    wanted = languages or sorted({s.language for s in sources if s.language in SUPPORTED_LANGUAGES})
    sources = [
        s
        for s in sources
        if s.kind == "relations" or s.kind == "broader_skills" or s.language in wanted
    ]
    if not any(s.kind in ("occupations", "skills") for s in sources):
        raise EscoImportError([_("No ESCO occupations or skills files were found.")])

    isco: dict[str, dict] = {}
    skills: dict[str, dict] = {}
    occupations: dict[str, dict] = {}
    relations: dict[tuple[str, str], str] = {}
    broader: dict[str, str] = {}
    warnings: list[str] = []
    duplicate_pairs = 0
    for source in sources:
        for line, row in _read(source, errors, progress):
            if source.kind == "relations":
                occ = _check_concept(source, line, row, errors, "occupationUri")
                skill = _check_concept(source, line, row, errors, "skillUri")
                rel = _clean(row["relationType"])
                if rel not in RelationType.values:
                    errors.append(
                        _("%(file)s line %(line)d: unknown relation type.")
                        % {"file": source.name, "line": line}
                    )
                    continue
                if occ and skill:
                    if (occ, skill) in relations:
                        duplicate_pairs += 1
                        if rel != RelationType.ESSENTIAL:
                            continue  # listed as both: essential wins
                    relations[(occ, skill)] = rel
                continue
            if source.kind == "broader_skills":
                child = _check_concept(source, line, row, errors)
                parent = _check_concept(source, line, row, errors, "broaderUri")
                if child and parent:
                    broader.setdefault(child, parent)
                continue
            uri = _check_concept(source, line, row, errors)
            if not uri:
                continue
            lang = source.language
            assert lang is not None  # sources without a wanted language were left out above
            if source.kind == "isco":
                isco.setdefault(uri, {})
                isco[uri].update(_labels(row, lang), code=_clean(row["code"])[:10])
            elif source.kind == "skills":
                kind = _clean(row["skillType"])
                if kind not in _SKILL_TYPES:
                    errors.append(
                        _("%(file)s line %(line)d: unknown skill type.")
                        % {"file": source.name, "line": line}
                    )
                    continue
                skills.setdefault(uri, {}).update(
                    _labels(row, lang),
                    skill_type=_SKILL_TYPES[kind],
                    reuse_level=_clean(row["reuseLevel"])[:30],
                )
            elif source.kind == "skillgroups":
                skills.setdefault(uri, {}).update(
                    _labels(row, lang), skill_type=SkillType.GROUP, code=_clean(row["code"])[:40]
                )
            elif source.kind == "occupations":
                occupations.setdefault(uri, {}).update(
                    _labels(row, lang),
                    isco_code=_clean(row["iscoGroup"]),
                    code=_clean(row.get("code"))[:40],
                )
    if errors:
        raise EscoImportError(errors)
    if duplicate_pairs:
        warnings.append(
            _("%(n)d occupation–skill pairs were listed twice; kept as essential.")
            % {"n": duplicate_pairs}
        )
    with transaction.atomic():
        counts = _write(
            isco=isco,
            skills=skills,
            occupations=occupations,
            relations=relations,
            broader=broader,
            languages=wanted,
            is_demo=is_demo,
            warnings=warnings,
        )
        from .reference import load_qualification_levels

        load_qualification_levels()
        release = EscoRelease.objects.create(
            version=version[:40],
            languages=",".join(wanted),
            source="; ".join(str(p) for p in paths)[:500],
            counts={**counts, "warnings": len(warnings)},
        )
        # Occupations are written in bulk (no signals): the vacancy cards show their labels
        fragments_changed(VACANCIES_FRAGMENT)
    return ImportSummary(version, wanted, counts, warnings, release)


def _upsert(model, data: dict[str, dict], fields: list[str], extra: dict) -> tuple[int, int]:
    """Create or update rows of ``model`` keyed by URI; returns (created, updated).

    Rows whose supplied fields are unchanged are skipped, so re-importing the same
    release only reads (bench/skills_speed.py measures the re-run).
    """
    used = sorted({k for values in data.values() for k in values if k in fields})
    rows = model.objects.values_list("uri", "id", *used)
    if len(data) < 900:
        rows = rows.filter(uri__in=list(data))
    existing = {r[0]: (r[1], dict(zip(used, r[2:], strict=True))) for r in rows}
    new, old = [], []
    for uri, values in data.items():
        kept = {k: v for k, v in values.items() if k in fields}
        if uri in existing:
            pk, current = existing[uri]
            if any(current.get(k) != v for k, v in kept.items()):
                old.append(model(id=pk, uri=uri, **kept))
        else:
            new.append(model(uri=uri, **kept, **extra))
    model.objects.bulk_create(new, batch_size=1000)
    if old:
        # update only the fields this run supplied, so an nl-only run keeps the English labels
        model.objects.bulk_update(old, used, batch_size=500)
    return len(new), len(old)


def _write(*, isco, skills, occupations, relations, broader, languages, is_demo, warnings):
    label_fields = [
        f"{name}_{lang}" for lang in languages for name in ("label", "alt_labels", "description")
    ]
    counts: dict[str, int] = {}
    counts["isco_created"], counts["isco_updated"] = _upsert(
        IscoGroup, isco, [*label_fields, "code"], {}
    )
    counts["skills_created"], counts["skills_updated"] = _upsert(
        Skill, skills, [*label_fields, "skill_type", "reuse_level", "code"], {"is_demo": is_demo}
    )
    isco_by_code = dict(IscoGroup.objects.values_list("code", "id"))
    for values in occupations.values():
        values["isco_group_id"] = isco_by_code.get(values.pop("isco_code", ""))
    counts["occupations_created"], counts["occupations_updated"] = _upsert(
        Occupation, occupations, [*label_fields, "code", "isco_group_id"], {"is_demo": is_demo}
    )
    skill_ids = dict(Skill.objects.values_list("uri", "id"))
    occ_ids = dict(Occupation.objects.values_list("uri", "id"))

    if broader:
        updates = []
        for child, parent in broader.items():
            if child in skill_ids and parent in skill_ids and child in skills:
                updates.append(Skill(id=skill_ids[child], broader_id=skill_ids[parent]))
        Skill.objects.bulk_update(updates, ["broader"], batch_size=500)
        counts["broader_links"] = len(updates)

    wanted: dict[tuple[int, int], str] = {}
    unknown = 0
    for (occ, skill), rel in relations.items():
        if occ in occ_ids and skill in skill_ids:
            wanted[(occ_ids[occ], skill_ids[skill])] = rel
        else:
            unknown += 1
    if unknown:
        warnings.append(
            _("%(n)d relations point to an occupation or skill that is not in the data; skipped.")
            % {"n": unknown}
        )
    touched = {occ for occ, _skill in wanted}
    existing = (
        {
            (o, s): (pk, rel)
            for pk, o, s, rel in OccupationSkill.objects.filter(
                occupation_id__in=touched
            ).values_list("id", "occupation_id", "skill_id", "relation_type")
        }
        if len(touched) < 900
        else {
            (o, s): (pk, rel)
            for pk, o, s, rel in OccupationSkill.objects.values_list(
                "id", "occupation_id", "skill_id", "relation_type"
            )
            if o in touched
        }
    )
    stale = [pk for key, (pk, _rel) in existing.items() if key not in wanted]
    changed = [
        OccupationSkill(id=existing[key][0], relation_type=rel)
        for key, rel in wanted.items()
        if key in existing and existing[key][1] != rel
    ]
    new = [
        OccupationSkill(occupation_id=o, skill_id=s, relation_type=rel)
        for (o, s), rel in wanted.items()
        if (o, s) not in existing
    ]
    for start in range(0, len(stale), 500):
        OccupationSkill.objects.filter(id__in=stale[start : start + 500]).delete()
    OccupationSkill.objects.bulk_update(changed, ["relation_type"], batch_size=500)
    OccupationSkill.objects.bulk_create(new, batch_size=2000)
    counts.update(
        relations_created=len(new),
        relations_updated=len(changed),
        relations_removed=len(stale),
        relations_skipped=unknown,
    )
    return counts
