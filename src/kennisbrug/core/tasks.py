"""Background tasks: the house policy on top of Huey (`huey.contrib.djhuey`).

Apps declare their tasks in their own `tasks.py` (found by Huey when Django starts):

    @background_task()
    def booking_mail(booking_id: int, event: str) -> None: ...

and enqueue them after the transaction that caused them commits:

    enqueue_on_commit(booking_mail, booking.pk, "approved")

So a task never runs on a state that was rolled back, and a task that fails never
undoes the state change: the change is committed before the task is even queued.
A failing task is retried `KENNISBRUG_TASK_RETRIES` times with a doubling delay;
after the last attempt it lands in the dead-letter list (`kennisbrug.jobs`), where
the secretariat retries or discards it. Arguments must be JSON-like (ids, strings):
they are stored with a failed task.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

logger = logging.getLogger(__name__)

# Sent when a task could not even be queued (queue down): jobs records it as failed.
enqueue_failed = Signal()  # kwargs: name, args, kwargs, error


# Registry name → what people read on the dead-letter page ("Voucher e-mail").
_labels: dict[str, Any] = {}


def background_task(*, label: Any, **options: Any) -> Callable:
    """Declare a task with the house retry policy (retries, doubling delay, DB connections).

    `label` is the translated name people see when the task failed.
    """
    options.setdefault("retries", settings.KENNISBRUG_TASK_RETRIES)
    options.setdefault("retry_delay", settings.KENNISBRUG_TASK_RETRY_DELAY)
    options.setdefault("retry_backoff", 2)

    def decorate(fn: Callable) -> Any:
        task = db_task(**options)(fn)
        _labels[task_name(task)] = label
        return task

    return decorate


def periodic_task(schedule: Callable, *, label: Any, **options: Any) -> Callable:
    """Declare a scheduled job (e.g. `crontab(hour="3", minute="0")`); the worker runs it."""

    def decorate(fn: Callable) -> Any:
        task = db_periodic_task(schedule, **options)(fn)
        _labels[task_name(task)] = label
        return task

    return decorate


def task_name(task: Any) -> str:
    """The registry name Huey knows a task by (`module.function`)."""
    return HUEY._registry.task_to_string(task.task_class)


def task_label(name: str) -> Any:
    """The translated label of a task by registry name (the name itself if unknown)."""
    return _labels.get(name, name)


def task_by_name(name: str) -> Any | None:
    """The task class registered under `name`, or None."""
    try:
        return HUEY._registry.string_to_task(name)
    except Exception:
        return None


def enqueue(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue `task(*args, **kwargs)` now; if the queue cannot be reached, record it as failed."""
    try:
        task(*args, **kwargs)
    except Exception as exc:  # the queue is down: keep the work visible instead of losing it
        logger.exception("task_enqueue_failed task=%s", task_name(task))
        enqueue_failed.send(
            sender=None, name=task_name(task), args=list(args), kwargs=kwargs, error=repr(exc)
        )


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue the task once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))


def queue_health() -> dict[str, Any]:
    """Whether the task queue answers, for readiness checks: {"ok": bool, "pending": int, ...}.

    Never raises; `error` says what went wrong when the queue cannot be reached.
    """
    try:
        pending = HUEY.pending_count()
        scheduled = HUEY.scheduled_count()
    except Exception as exc:
        return {"ok": False, "backend": type(HUEY).__name__, "error": repr(exc)}
    return {"ok": True, "backend": type(HUEY).__name__, "pending": pending, "scheduled": scheduled}


def enqueue_by_name(name: str, args: list | tuple, kwargs: dict) -> None:
    """Queue a task by its registry name (a retry from the dead-letter list).

    Raises LookupError when no task has that name (any more).
    """
    task_class = task_by_name(name)
    if task_class is None:
        raise LookupError(name)
    try:
        HUEY.enqueue(task_class(args=tuple(args), kwargs=dict(kwargs)))
    except Exception as exc:
        logger.exception("task_enqueue_failed task=%s", name)
        enqueue_failed.send(sender=None, name=name, args=list(args), kwargs=kwargs, error=repr(exc))


@background_task(label=_("Bulk import"), retries=0)
def import_run(upload_id: str) -> None:
    """Run a confirmed bulk import (kennisbrug.core.imports.services); no retry: a
    refused import is reported on its page, and running it again needs a new preview."""
    from kennisbrug.core.imports.services import import_upload_run

    import_upload_run(upload_id=upload_id)
