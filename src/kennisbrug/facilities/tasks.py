"""Background tasks of facilities: booking and pilot e-mails, the daily booking completion."""

from django.utils.translation import gettext_lazy as _
from huey import crontab

from kennisbrug.core.tasks import background_task, periodic_task

from . import notifications


@background_task(label=_("E-mail about a booking"))
def booking_mail(booking_id: int, event: str) -> None:
    notifications.send_booking_mail(booking_id, event)


@background_task(label=_("E-mail about a pilot in a living lab"))
def pilot_mail(pilot_id: int, event: str) -> None:
    notifications.send_pilot_mail(pilot_id, event)


@background_task(label=_("E-mail about a living-lab partner invitation"))
def lab_invitation_mail(invitation_id: int) -> None:
    notifications.send_lab_invitation_mail(invitation_id)


@periodic_task(crontab(hour="1", minute="30"), label=_("Daily completion of ended bookings"))
def bookings_complete_daily() -> int:
    """`manage.py complete_bookings`, every night (01:30 UTC)."""
    from .services import bookings_complete_ended

    return bookings_complete_ended()
