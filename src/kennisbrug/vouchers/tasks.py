"""Background tasks of vouchers: the e-mail after each transition, the daily expiry."""

from django.utils.translation import gettext_lazy as _
from huey import crontab

from kennisbrug.core.tasks import background_task, periodic_task

from . import notifications


@background_task(label=_("E-mail about a voucher application's new status"))
def voucher_transition_mail(application_id: int, action: str) -> None:
    notifications.notify_transition(application_id=application_id, action=action)


@periodic_task(crontab(hour="1", minute="10"), label=_("Daily expiry of overdue vouchers"))
def vouchers_expire_daily() -> int:
    """`manage.py vouchers expire`, every night (01:10 UTC); safe to run twice."""
    from .services import applications_expire

    return applications_expire()
