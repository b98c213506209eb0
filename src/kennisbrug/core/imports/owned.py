"""Bulk import of records that belong to one organisation (a living lab of its owner, a
training of its provider, a vacancy of its employer): one row is one record, found
again by its organisation and its name (legal forms, case, accents and spacing aside).

A kind describes itself with an `OwnedSpec` (model, columns, how a cell becomes field
values, what to compare); this module does the rest the same way for each: the owner
by KBO/KvK number or name among the organisations the person may import for, refusing
doubles within the file and near-identical names at the same owner, validation by the
model itself, an empty cell leaving the stored value alone, a fingerprint binding the
confirmation to the preview, and a commit of all rows or none.

Core names no app: the organisations a person may import for come in as an `owners`
object with `find(text) -> organisation` and `allowed` (a list).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, to_csv, to_xlsx

from .columns import ColumnSet, normalise_header
from .names import NameIndex, name_key
from .plan import (
    CREATE,
    REFUSED,
    UNCHANGED,
    UPDATE,
    ImportChangedError,
    ImportPreview,
    RowPlan,
    add_errors,
    field_label,
    fingerprint,
    parse_value,
    read_file,
    row_texts,
)
from .reading import ImportFileError


@dataclass
class OwnedRowPlan(RowPlan):
    record_id: int | None = None
    owner: str = ""
    target: Any = field(default=None, repr=False)


@dataclass
class OwnedSpec:
    model: type[models.Model]
    event: str  # the audit word: "living_lab" → living_lab_imported / living_lab_updated
    owner_field: str  # the foreign key to the organisation
    name_field: str  # the field that names the record within its organisation
    columns: ColumnSet  # has an "owner" column and one keyed by `name_field`
    # (column key, cell, context) → {model field: value}; raises ValidationError with a
    # translated message. `context` is what `context()` returned once per preview.
    parse: Callable[[str, Any, Any], dict[str, Any]]
    compared: list[str]  # fields whose change makes an update
    not_cleaned: list[str] = field(default_factory=list)  # fields the import never sets
    prepare: Callable[[Any], None] | None = None  # before validation (e.g. locate())
    saved: Callable[[Any, bool], None] | None = None  # after save(record, created)
    export_value: Callable[[Any, str], Any] | None = None  # (record, column key) → cell
    context: Callable[[], Any] = dict  # lookups made once per preview (country codes, …)
    file_stem: str = "records"
    sheet_title: tuple[str, str] = ("gegevens", "records")


def _label(spec: OwnedSpec, key: str) -> str:
    return field_label(key, columns=spec.columns, model=spec.model)


def choice_parser(choices, *, aliases: dict[str, tuple[str, ...]] | None = None):
    """A parser of a TextChoices cell: its code, its Dutch or English label, or an alias."""
    names: dict[str, str] = {}
    for value, label in choices.choices:
        names[normalise_header(str(value))] = str(value)
        for language in ("nl", "en"):
            with translation.override(language):
                names[normalise_header(str(label))] = str(value)
    for value, extra in (aliases or {}).items():
        for name in extra:
            names[normalise_header(name)] = str(value)
    shown = ", ".join(sorted({str(label) for _v, label in choices.choices}))

    def parse(text: str) -> str:
        found = names.get(normalise_header(text))
        if found is None:
            raise ValidationError(
                _("Unknown value “%(value)s”; use one of: %(choices)s.")
                % {"value": text[:40], "choices": shown}
            )
        return found

    return parse


def choice_label(choices, value: str) -> str:
    """How an export writes a choice: its label in the active language."""
    return str(dict(choices.choices).get(value, value))


def _plan_row(
    spec: OwnedSpec, row: OwnedRowPlan, texts: dict, owners, seen, existing, context
) -> None:
    owner_text = texts["owner"].text if "owner" in texts else ""
    owner = parse_value(row, _label(spec, "owner"), owners.find, owner_text)
    data: dict[str, Any] = {}
    unparsed: list[str] = []
    for key, cell in texts.items():
        if key == "owner":
            continue
        values = parse_value(row, _label(spec, key), spec.parse, key, cell, context)
        if values is None:
            unparsed.append(key)
        else:
            data.update(values)
    row.name = str(data.get(spec.name_field, row.values.get(spec.name_field, "")))[:200]
    if owner is None:
        return
    row.owner = owner.name
    key = name_key(row.name)
    earlier = seen.get((owner.pk, key))
    if earlier is not None and key:
        row.errors.append(_("Same record as row %(line)d of this file.") % {"line": earlier})
    seen.setdefault((owner.pk, key), row.line)
    names = existing.get(owner.pk)
    current, similar = names.find(key) if names is not None else (None, [])
    for record in similar:
        row.errors.append(
            _(
                "Possible duplicate of “%(name)s” of the same organisation: use its exact "
                "name to update it, or correct the name."
            )
            % {"name": getattr(record, spec.name_field)}
        )
    target = copy.copy(current) if current is not None else spec.model(**{spec.owner_field: owner})
    for name, value in data.items():
        if current is not None and name == spec.name_field:
            continue  # the name found it; its spelling stays as registered
        setattr(target, name, value)
    try:
        if spec.prepare is not None:
            spec.prepare(target)
        target.full_clean(exclude=[spec.owner_field, *spec.not_cleaned, *unparsed])
    except ValidationError as exc:
        add_errors(row, exc, lambda k: _label(spec, k))
    row.target = target
    if row.errors:
        row.action = REFUSED
    elif current is None:
        row.action = CREATE
    else:
        row.record_id = current.pk
        row.changes = [
            _label(spec, f) for f in spec.compared if getattr(current, f) != getattr(target, f)
        ]
        row.action = UPDATE if row.changes else UNCHANGED


def owned_preview(
    spec: OwnedSpec, *, content: bytes, filename: str, owners, progress=None
) -> ImportPreview:
    """What importing `content` would do, row by row; writes nothing.

    Raises ImportFileError (translated) when the file as a whole is unusable.
    """
    table, positions = read_file(content=content, filename=filename, columns=spec.columns)
    existing: dict[int, NameIndex] = {}
    owner_ids = [o.pk for o in owners.allowed]
    lookup = {f"{spec.owner_field}_id__in": owner_ids}
    for record in (
        spec.model._default_manager.filter(**lookup).order_by("pk").iterator(chunk_size=2000)
    ):
        names = existing.setdefault(getattr(record, f"{spec.owner_field}_id"), NameIndex())
        names.add(name_key(getattr(record, spec.name_field)), record)
    seen: dict[tuple[int, str], int] = {}
    context = spec.context()
    rows: list[OwnedRowPlan] = []
    for done, (line, found) in enumerate(table.rows, start=1):
        row = OwnedRowPlan(line=line)
        rows.append(row)
        texts = row_texts(
            table=table, cells=found, positions=positions, columns=spec.columns, row=row
        )
        if texts is not None:
            _plan_row(spec, row, texts, owners, seen, existing, context)
        elif not row.errors:
            row.errors.append(_("This row cannot be read."))
        if progress is not None:
            progress(done)
    preview = ImportPreview(kind=table.kind, rows=rows)
    preview.fingerprint = fingerprint(
        [
            [
                r.line,
                r.action,
                r.record_id,
                {f: str(getattr(r.target, f)) for f in spec.compared} if r.target else {},
            ]
            for r in rows
        ]
    )
    return preview


def owned_commit(
    spec: OwnedSpec, *, content: bytes, filename: str, owners, user, fingerprint: str
) -> ImportPreview:
    """Write what the preview showed, all or nothing; returns the plan carried out.

    Raises ImportFileError (file or a row refused) or ImportChangedError (the plan
    differs from `fingerprint`).
    """
    with transaction.atomic():
        preview = owned_preview(spec, content=content, filename=filename, owners=owners)
        if preview.fingerprint != fingerprint:
            raise ImportChangedError
        if not preview.can_commit:
            raise ImportFileError(
                [_("The file has refused rows; correct them and upload the file again.")]
            )
        actor = user if getattr(user, "is_authenticated", False) else None
        for row in preview.rows:
            if row.action not in (CREATE, UPDATE):
                continue
            record = row.target
            created = row.action == CREATE
            if created and hasattr(record, "created_by_id"):
                record.created_by = actor
            record.full_clean(exclude=spec.not_cleaned)
            record.save()
            if spec.saved is not None:
                spec.saved(record, created)
            audit_record(
                actor=actor,
                action=f"{spec.event}_imported" if created else f"{spec.event}_updated",
                obj=record,
                data={"fields": [str(c) for c in row.changes], "import_line": row.line},
            )
    return preview


def owned_export(
    spec: OwnedSpec, *, file_format: str, queryset, template: bool = False, language=None
) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) in the import's own format, in `language`;
    with `template` the header row only. Imported again, an export changes nothing."""
    language = language or translation.get_language() or "nl"
    dutch = language.startswith("nl")
    with translation.override(language):
        head = spec.columns.header(dutch=dutch)
        rows = []
        if not template:
            records = queryset.select_related(spec.owner_field).order_by(
                f"{spec.owner_field}__name", spec.name_field, "pk"
            )
            for record in records.iterator(chunk_size=1000):
                row = []
                for column in spec.columns.columns:
                    if column.key == "owner":
                        owner = getattr(record, spec.owner_field)
                        row.append(owner.kbo_number or owner.kvk_number or owner.name)
                    elif spec.export_value is not None:
                        row.append(spec.export_value(record, column.key))
                    else:
                        row.append(getattr(record, column.key))
                rows.append(["" if v is None else v for v in row])
    stem = spec.file_stem + ("-template" if template else "")
    if file_format == "xlsx":
        title = spec.sheet_title[0] if dutch else spec.sheet_title[1]
        return to_xlsx(head, rows, title=title), XLSX_CONTENT_TYPE, f"{stem}.xlsx"
    return to_csv(head, rows), CSV_CONTENT_TYPE, f"{stem}.csv"
