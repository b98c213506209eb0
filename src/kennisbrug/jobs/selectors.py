"""Reads on the background jobs: the dead-letter list and the queue's health."""

from typing import Any

from django.db.models import QuerySet

from kennisbrug.core.tasks import queue_health

from .constants import FailedTaskStatus
from .models import FailedTask


def failed_task_list(*, status: str = FailedTaskStatus.FAILED) -> QuerySet[FailedTask]:
    return FailedTask.objects.filter(status=status).select_related("handled_by")


def failed_task_count() -> int:
    """Open entries on the dead-letter list (for a card on the secretariat's page)."""
    return FailedTask.objects.filter(status=FailedTaskStatus.FAILED).count()


def health() -> dict[str, Any]:
    """The queue's state for /readyz: {"ok", "backend", "pending", "scheduled", "failed"}.

    `ok` is False (with `error`) when the queue cannot be reached; it never raises.
    """
    state = queue_health()
    if state["ok"]:
        state["failed"] = failed_task_count()
    return state
