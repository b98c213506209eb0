"""Writes of the jobs app: the dead-letter list (record a failed task, retry it, discard it)
and prepared exports (request, build, clean up)."""

import logging
import traceback
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.tasks import enqueue_by_name, enqueue_on_commit, task_by_name

from .constants import ExportStatus, FailedTaskStatus
from .models import ExportFile, FailedTask
from .permissions import can_manage_failed_tasks

logger = logging.getLogger(__name__)
MAX_ERROR_CHARS = 8000


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def failed_task_record(
    *,
    name: str,
    args: list,
    kwargs: dict,
    exc: BaseException | None = None,
    error: str = "",
    attempts: int = 1,
    task_id: str = "",
) -> FailedTask:
    """Put a task on the dead-letter list (called by the worker after the last attempt)."""
    if exc is not None:
        error = "".join(traceback.format_exception(exc))
    failed = FailedTask.objects.create(
        task_name=name[:255],
        task_id=task_id[:64],
        args=_json_safe(list(args)),
        kwargs=_json_safe(dict(kwargs)),
        error=(error or _("Unknown error"))[-MAX_ERROR_CHARS:],
        attempts=attempts,
    )
    logger.warning(
        "task_dead_lettered task=%s failed_task=%s attempts=%s", name, failed.pk, attempts
    )
    return failed


def _locked_open(*, failed_task_id: int) -> FailedTask:
    task = FailedTask.objects.select_for_update().filter(pk=failed_task_id).first()
    if task is None:
        raise ValidationError(_("This failed task does not exist (any more)."), "not_found")
    if task.status != FailedTaskStatus.FAILED:
        raise ValidationError(
            _("This task was already %(status)s.") % {"status": task.get_status_display()},
            "already_handled",
        )
    return task


@transaction.atomic
def failed_task_retry(*, failed_task_id: int, actor) -> FailedTask:
    """Queue the task again with its stored arguments (after commit) and mark it retried.

    Raises PermissionDenied (not programme staff) or ValidationError with code
    `not_found`, `already_handled` or `unknown_task` (the code no longer has that task).
    If it fails again it comes back as a new entry.
    """
    if not can_manage_failed_tasks(actor):
        raise PermissionDenied
    task = _locked_open(failed_task_id=failed_task_id)
    if task_by_name(task.task_name) is None:
        raise ValidationError(
            _("This task no longer exists in this version of Kennisbrug; discard it."),
            "unknown_task",
        )
    task.status = FailedTaskStatus.RETRIED
    task.handled_at = timezone.now()
    task.handled_by = actor
    task.save(update_fields=["status", "handled_at", "handled_by"])
    audit_record(actor=actor, action="failed_task_retried", obj=task, to_state=task.status)
    name, args, kwargs = task.task_name, task.args, task.kwargs
    transaction.on_commit(lambda: enqueue_by_name(name, args, kwargs))
    logger.info("failed_task_retried failed_task=%s task=%s", task.pk, name)
    return task


@transaction.atomic
def failed_task_discard(*, failed_task_id: int, actor) -> FailedTask:
    """Close the entry without running the task again. Same errors as failed_task_retry."""
    if not can_manage_failed_tasks(actor):
        raise PermissionDenied
    task = _locked_open(failed_task_id=failed_task_id)
    task.status = FailedTaskStatus.DISCARDED
    task.handled_at = timezone.now()
    task.handled_by = actor
    task.save(update_fields=["status", "handled_at", "handled_by"])
    audit_record(actor=actor, action="failed_task_discarded", obj=task, to_state=task.status)
    logger.info("failed_task_discarded failed_task=%s task=%s", task.pk, task.task_name)
    return task


def failed_tasks_cleanup(*, now=None) -> int:
    """Delete dead-letter entries nobody needs any more; returns how many. Safe to run twice.

    An entry holds the task's arguments, which can be personal data (an address, the text of
    a mail). Handled entries (retried or discarded) go KENNISBRUG_FAILED_TASK_KEEP_DAYS after
    they were handled; entries nobody acted on go KENNISBRUG_FAILED_TASK_OPEN_DAYS after they
    failed, by when what they were for (a mail about a booking, a reset link) is long past.
    The audit trail keeps who retried or discarded what.
    """
    now = now or timezone.now()
    handled = FailedTask.objects.filter(
        status__in=[FailedTaskStatus.RETRIED, FailedTaskStatus.DISCARDED],
        handled_at__lt=now - timedelta(days=settings.KENNISBRUG_FAILED_TASK_KEEP_DAYS),
    )
    stale = FailedTask.objects.filter(
        status=FailedTaskStatus.FAILED,
        failed_at__lt=now - timedelta(days=settings.KENNISBRUG_FAILED_TASK_OPEN_DAYS),
    )
    removed = handled.delete()[0] + stale.delete()[0]
    if removed:
        logger.info("failed_tasks_cleaned count=%s", removed)
    return removed


# ----- prepared exports (jobs.exports) -----


def export_request(*, user, kind: str, params: dict, file_format: str, language: str) -> ExportFile:
    """Record an export for `user` and queue its build after the transaction commits.

    Raises PermissionDenied (the kind's rule refuses the user), ValidationError with code
    `unknown_export` or `unknown_format`.
    """
    from .exports import kinds

    entry = kinds.get(kind)
    if entry is None:
        raise ValidationError(_("This export does not exist."), "unknown_export")
    if file_format not in ("csv", "xlsx"):
        raise ValidationError(_("Unknown file format."), "unknown_format")
    if not getattr(user, "is_authenticated", False) or not entry.allowed(user, params):
        raise PermissionDenied
    now = timezone.now()
    export = ExportFile.objects.create(
        requested_by=user,
        kind=kind,
        params=_json_safe(dict(params)),
        file_format=file_format,
        language=language[:8],
        title=str(entry.label)[:200],
        expires_at=now + timedelta(days=settings.KENNISBRUG_EXPORT_KEEP_DAYS),
    )
    from .tasks import export_build

    enqueue_on_commit(export_build, str(export.pk))
    logger.info("export_requested export=%s kind=%s user=%s", export.pk, kind, user.pk)
    return export


def export_build(*, export_id: str) -> ExportFile | None:
    """Write the file of a pending export (the worker); None when it no longer exists.

    A requester who lost the right meanwhile gets a failed export, never the rows. Any
    other error marks it failed and is raised again, so the task is retried and, after the
    last attempt, lands on the dead-letter list.
    """
    from .exports import kinds, render_file

    export = ExportFile.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.status == ExportStatus.READY:
        return export
    entry = kinds.get(export.kind)
    user = export.requested_by
    if entry is None or not user.is_active or not entry.allowed(user, export.params):
        export.status = ExportStatus.FAILED
        export.error = "not allowed"
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        logger.warning("export_refused export=%s kind=%s", export.pk, export.kind)
        return export
    try:
        with translation.override(export.language):
            header, rows, filename, title = entry.build(export.params)
            rows = list(rows)
            body, _content_type = render_file(
                header=header, rows=rows, file_format=export.file_format, title=title
            )
    except Exception as exc:
        export.status = ExportStatus.FAILED
        export.error = repr(exc)[:MAX_ERROR_CHARS]
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        raise
    export.filename = f"{filename}.{export.file_format}"[:200]
    export.file.save(f"{export.pk}.{export.file_format}", ContentFile(body), save=False)
    export.rows = len(rows)
    export.status = ExportStatus.READY
    export.error = ""
    export.finished_at = timezone.now()
    export.save(update_fields=["filename", "file", "rows", "status", "error", "finished_at"])
    logger.info("export_ready export=%s kind=%s rows=%s", export.pk, export.kind, export.rows)
    return export


def exports_cleanup(*, now=None) -> int:
    """Delete expired exports and their files; returns how many. Safe to run twice."""
    now = now or timezone.now()
    removed = 0
    for export in ExportFile.objects.filter(expires_at__lte=now).iterator():
        if export.file:
            export.file.delete(save=False)
        export.delete()
        removed += 1
    if removed:
        logger.info("exports_cleaned count=%s", removed)
    return removed
