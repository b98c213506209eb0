"""Tasks of the jobs app itself: the worker check and prepared exports."""

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
