"""The dead-letter list's card in the secretariat's work queue (core.work_queue)."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kennisbrug.core.tasks import task_label
from kennisbrug.core.work_queue import Action, Card, Item

from . import selectors
from .permissions import can_manage_failed_tasks

SHOWN = 5


def failed_tasks_card(*, user) -> Card | None:
    """Tasks that failed for good: the count, the newest few with retry and discard buttons."""
    if not can_manage_failed_tasks(user):
        return None
    queryset = selectors.failed_task_list()
    items = []
    for task in queryset.select_related(None)[:SHOWN]:
        label = str(task_label(task.task_name))
        when = formats.date_format(timezone.localtime(task.failed_at), "SHORT_DATETIME_FORMAT")
        items.append(
            Item(
                label=label,
                url=reverse("jobs:failed") + f"#task-{task.pk}",
                note=_("Failed on %(when)s: %(error)s")
                % {"when": when, "error": task.error_summary[:120]},
                actions=(
                    Action(_("Retry"), reverse("jobs:failed_retry", args=[task.pk])),
                    Action(
                        _("Discard"),
                        reverse("jobs:failed_discard", args=[task.pk]),
                        secondary=True,
                    ),
                ),
            )
        )
    return Card(
        title=_("Failed background tasks"),
        count=queryset.count(),
        items=items,
        empty=_("No background task has failed."),
        more_url=reverse("jobs:failed"),
        more_label=_("All failed tasks"),
    )
