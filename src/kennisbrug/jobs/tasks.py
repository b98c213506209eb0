"""Tasks of the jobs app itself: the worker check, prepared exports and the dead-letter list."""

from django.utils.translation import gettext_lazy as _
from huey import crontab

from kennisbrug.core.tasks import background_task, periodic_task


@background_task(label=_("Worker check"), retries=0)
def ping(token: str) -> str:
    """Echo `token`: proves that a worker takes tasks off the queue (smoke tests, /readyz)."""
    return token


@background_task(label=_("Prepare an export"))
def export_build(export_id: str) -> None:
    from .services import export_build as build

    build(export_id=export_id)


@periodic_task(crontab(hour="2", minute="40"), label=_("Daily removal of expired exports"))
def exports_cleanup_daily() -> int:
    """Every night (02:40 UTC): prepared exports past their expiry, files included."""
    from .services import exports_cleanup

    return exports_cleanup()


@periodic_task(
    crontab(hour="2", minute="45"), label=_("Daily removal of old entries of the failed tasks list")
)
def failed_tasks_cleanup_daily() -> int:
    """Every night (02:45 UTC): handled dead-letter entries after 30 days, open ones after 90."""
    from .services import failed_tasks_cleanup

    return failed_tasks_cleanup()
