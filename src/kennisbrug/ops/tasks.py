"""Housekeeping the worker schedules for the whole site."""

from django.utils.translation import gettext_lazy as _
from huey import crontab

from kennisbrug.core.tasks import periodic_task


@periodic_task(crontab(hour="2", minute="50"), label=_("Daily removal of expired sessions"))
def sessions_clear_daily() -> int:
    """Every night (02:50 UTC): sessions past their expiry, which the database session store
    otherwise keeps for ever (`manage.py clearsessions` by hand)."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    removed, _detail = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return removed
