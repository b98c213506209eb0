"""Writes on the dead-letter list: record a failed task, retry it, discard it."""

import logging
import traceback
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.tasks import enqueue_by_name, task_by_name

from .constants import FailedTaskStatus
from .models import FailedTask
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
