"""Reads on the background jobs: the dead-letter list, the queue's health, prepared exports."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from kennisbrug.core.tasks import queue_health

from .constants import FailedTaskStatus
from .models import ExportFile, FailedTask


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


def export_list(*, user) -> list[ExportFile]:
    """The user's prepared exports that have not expired and that they may still have."""
    if not getattr(user, "is_authenticated", False):
        return []
    now = timezone.now()
    return [
        export
        for export in ExportFile.objects.filter(requested_by=user, expires_at__gt=now)
        if _still_allowed(user, export)
    ]


def export_for(*, user, pk) -> ExportFile | None:
    """One of the user's own unexpired exports, if they may still have it; else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    export = ExportFile.objects.filter(
        pk=pk, requested_by=user, expires_at__gt=timezone.now()
    ).first()
    return export if export is not None and _still_allowed(user, export) else None


def _still_allowed(user, export: ExportFile) -> bool:
    from .exports import kinds

    entry = kinds.get(export.kind)
    return entry is not None and bool(entry.allowed(user, export.params))
