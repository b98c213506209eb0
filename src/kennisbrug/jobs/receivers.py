"""Failed tasks land in the dead-letter list: after their last attempt, or when not queued."""

import logging

from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_ERROR

from kennisbrug.core.tasks import enqueue_failed

from .services import failed_task_record

logger = logging.getLogger(__name__)


@HUEY.signal(SIGNAL_ERROR)
def task_failed(signal, task, exc=None) -> None:
    if task.retries:  # Huey retries it later
        return
    try:
        failed_task_record(
            name=HUEY._registry.task_to_string(type(task)),
            task_id=str(task.id),
            args=list(task.args or ()),
            kwargs=dict(task.kwargs or {}),
            exc=exc,
            attempts=(task.default_retries or 0) + 1,
        )
    except Exception:  # never let bookkeeping break the worker loop
        logger.exception("failed_task_not_recorded task=%s", task.id)


def _not_queued(sender, *, name, args, kwargs, error, **extra) -> None:
    try:
        failed_task_record(name=name, args=args, kwargs=kwargs, error=error, attempts=0)
    except Exception:
        logger.exception("failed_task_not_recorded task=%s", name)


enqueue_failed.connect(_not_queued, dispatch_uid="jobs_not_queued")
