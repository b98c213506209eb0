"""One flow for every kind of bulk import, behind the page, the API and the task:

    upload = import_upload_create(kind="facilities", content=..., filename=..., user=...)
    import_upload_confirm(upload=upload, user=user, fingerprint=upload.preview["fingerprint"])
    # the task queue then runs import_upload_run(upload_id=...) and fills progress and result

Nothing is written to the registry before the confirmation; the import itself runs on
the task queue (a file of thousands of rows outlasts a web request): first it checks
every row again, reporting progress as it goes, then it writes all rows in one
transaction or none. A plan that differs from the preview the person confirmed (the
registry changed meanwhile) is refused, not half-applied.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.models import ImportStatus, ImportUpload

from .kinds import ImportKind, import_scope, kind_get
from .plan import ImportChangedError, ImportPreview
from .reading import ImportFileError

logger = logging.getLogger(__name__)

__all__ = ["ImportChangedError", "ImportFileError"]

# The stored preview keeps every refused row and at most this many others (the counts
# say the rest), so a 10,000-row upload does not carry 10,000 row plans around.
STORED_ROWS = 1000


def _kind(key: str) -> ImportKind:
    kind = kind_get(key)
    if kind is None:
        raise ImportFileError([_("Unknown kind of import.")])
    return kind


def preview_data(*, kind: ImportKind, preview: ImportPreview) -> dict:
    """The JSON kept with the upload: counts, fingerprint and the rows people read."""
    refused = [r for r in preview.rows if r.action == "refused"]
    others = [r for r in preview.rows if r.action != "refused"]
    shown = sorted(refused + others[: max(0, STORED_ROWS - len(refused))], key=lambda r: r.line)
    return {
        "fingerprint": preview.fingerprint,
        "can_commit": preview.can_commit,
        "counts": preview.counts,
        "total": len(preview.rows),
        "rows": [
            {
                "line": row.line,
                "name": str(row.name),
                "action": row.action,
                "errors": [str(e) for e in row.errors],
                "changes": [str(c) for c in row.changes],
                "notes": [str(n) for n in (kind.notes(row) if kind.notes else [])],
            }
            for row in shown
        ],
    }


def import_upload_create(
    *, kind: str, content: bytes, filename: str, user, organisation_id: int | None = None
) -> ImportUpload:
    """Preview `content` for `user` and keep it with its preview; writes no records.

    Raises ImportFileError (translated) when the file as a whole is unusable — then
    nothing is kept — and PermissionDenied when `user` may not import this kind into
    `organisation_id`.
    """
    spec = _kind(kind)
    scope = import_scope(user=user, kind=spec, organisation_id=organisation_id)
    preview = spec.preview(content=content, filename=filename, user=user, organisation_id=scope)
    data = preview_data(kind=spec, preview=preview)
    upload = ImportUpload.objects.create(
        kind=spec.key,
        uploaded_by=user,
        organisation_id=scope,
        filename=(filename or "upload")[-255:],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        preview=data,
        progress_total=data["total"],
    )
    logger.info(
        "import_previewed kind=%s upload=%s rows=%s refused=%s",
        spec.key,
        upload.pk,
        data["total"],
        data["counts"]["refused"],
    )
    return upload


def import_upload_get(*, pk, user) -> ImportUpload:
    """The upload `pk` for the person who uploaded it; raises ImportUpload.DoesNotExist
    for anyone else (the file may hold personal data)."""
    if not getattr(user, "is_authenticated", False):
        raise ImportUpload.DoesNotExist
    return ImportUpload.objects.get(pk=pk, uploaded_by=user)


def import_upload_list(*, user, limit: int = 20) -> list[ImportUpload]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(ImportUpload.objects.filter(uploaded_by=user).defer("content")[:limit])


def import_confirm_refusal(*, upload: ImportUpload, user) -> str | None:
    """Why `user` may not confirm `upload` now, or None. The upload page shows the reason
    instead of the confirm button; import_upload_confirm refuses for the same reasons
    (an admin who lost the organisation since the preview, for one)."""
    if upload.uploaded_by_id != getattr(user, "pk", None):
        return _("Only the person who uploaded the file can confirm it.")
    spec = kind_get(upload.kind)
    try:
        if spec is None:
            raise PermissionDenied
        import_scope(user=user, kind=spec, organisation_id=upload.organisation_id)
    except PermissionDenied:
        return _("You may no longer import these records for this organisation.")
    if upload.status != ImportStatus.PREVIEWED:
        return _("This file has already been confirmed.")
    if not upload.preview.get("can_commit"):
        return _("The file has refused rows; correct them and upload the file again.")
    return None


def import_upload_confirm(*, upload: ImportUpload, user, fingerprint: str) -> ImportUpload:
    """Queue the import of a previewed upload; only its uploader, once.

    Raises PermissionDenied (someone else, or no longer allowed), ImportFileError
    (already confirmed, or rows refused) and ImportChangedError (`fingerprint` is not
    the preview's).
    """
    if upload.uploaded_by_id != getattr(user, "pk", None):
        raise PermissionDenied
    spec = _kind(upload.kind)
    import_scope(user=user, kind=spec, organisation_id=upload.organisation_id)
    with transaction.atomic():
        upload = ImportUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.status != ImportStatus.PREVIEWED:
            raise ImportFileError([_("This file has already been confirmed.")])
        if fingerprint != upload.preview.get("fingerprint"):
            raise ImportChangedError
        if not upload.preview.get("can_commit"):
            raise ImportFileError(
                [_("The file has refused rows; correct them and upload the file again.")]
            )
        upload.status = ImportStatus.QUEUED
        upload.progress_done = 0
        upload.save(update_fields=["status", "progress_done"])
        from kennisbrug.core.tasks import enqueue_on_commit, import_run

        enqueue_on_commit(import_run, str(upload.pk))
    logger.info("import_confirmed kind=%s upload=%s", upload.kind, upload.pk)
    return upload


def _progress_writer(upload_id, total: int) -> Callable[[int], None]:
    """Record rows checked at most about a hundred times, whatever the file's size."""
    step = max(1, total // 100)
    last = [0]

    def report(done: int) -> None:
        if done - last[0] >= step or done == total:
            last[0] = done
            ImportUpload.objects.filter(pk=upload_id).update(progress_done=min(done, total))

    return report


def _finish(upload: ImportUpload, status: str, **fields) -> None:
    upload.status = status
    upload.finished_at = timezone.now()
    for name, value in fields.items():
        setattr(upload, name, value)
    upload.save(update_fields=["status", "finished_at", *fields])


def import_upload_run(*, upload_id) -> ImportUpload:
    """Carry out a confirmed import (the task's body): check, then write all or nothing.

    Never raises for a refused import: the upload ends `failed` with the translated
    reasons in `errors`. Running it again on an upload that is not queued does nothing.
    """
    with transaction.atomic():
        upload = ImportUpload.objects.select_for_update().get(pk=upload_id)
        if upload.status != ImportStatus.QUEUED:
            return upload
        upload.status = ImportStatus.CHECKING
        upload.save(update_fields=["status"])
    spec = _kind(upload.kind)
    user, content = upload.uploaded_by, bytes(upload.content)
    common = {
        "content": content,
        "filename": upload.filename,
        "user": user,
        "organisation_id": upload.organisation_id,
    }
    fingerprint = upload.preview.get("fingerprint", "")
    try:
        # Checking the rows outside the write transaction lets the progress be seen;
        # the commit checks them again inside it, so nothing relies on this pass.
        checked = spec.preview(
            **common, progress=_progress_writer(upload.pk, upload.progress_total)
        )
        if checked.fingerprint != fingerprint:
            raise ImportChangedError
        ImportUpload.objects.filter(pk=upload.pk).update(status=ImportStatus.WRITING)
        with transaction.atomic():
            done = spec.commit(**common, fingerprint=fingerprint)
    except ImportChangedError:
        _finish(
            upload,
            ImportStatus.FAILED,
            errors=[
                _(
                    "The data changed since the preview, so nothing was imported; "
                    "upload the file again to see the new preview."
                )
            ],
        )
    except ImportFileError as exc:
        _finish(upload, ImportStatus.FAILED, errors=[str(m) for m in exc.messages])
    except PermissionDenied:
        _finish(
            upload,
            ImportStatus.FAILED,
            errors=[_("You may no longer import this; nothing was imported.")],
        )
    except Exception:
        logger.exception("import_failed kind=%s upload=%s", upload.kind, upload.pk)
        _finish(
            upload,
            ImportStatus.FAILED,
            errors=[_("The import stopped on an unexpected error; nothing was imported.")],
        )
    else:
        _finish(
            upload,
            ImportStatus.DONE,
            result=done.counts,
            progress_done=upload.progress_total,
        )
        logger.info("import_done kind=%s upload=%s counts=%s", upload.kind, upload.pk, done.counts)
    upload.refresh_from_db()
    return upload
