"""Email notifications of booking and pilot events, sent after the transaction commits."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.money import format_money
from kennisbrug.organisations.constants import MembershipRole, MembershipStatus

logger = logging.getLogger(__name__)


def facility_manager_emails(facility) -> list[str]:
    admins = facility.owner.memberships.filter(
        status=MembershipStatus.ACTIVE, role=MembershipRole.ADMIN
    ).values_list("user__email", flat=True)
    designated = facility.managers.values_list("user__email", flat=True)
    return sorted(set(admins) | set(designated))


def living_lab_manager_emails(living_lab) -> list[str]:
    return sorted(
        set(
            living_lab.owner.memberships.filter(
                status=MembershipStatus.ACTIVE, role=MembershipRole.ADMIN
            ).values_list("user__email", flat=True)
        )
    )


def _send(subject: str, body: str, recipients: list[str]) -> None:
    if not recipients:
        return
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)


def _booking_text(booking) -> str:
    start = timezone.localtime(booking.start)
    end = timezone.localtime(booking.end)
    return _(
        "Facility: %(facility)s\nFrom: %(start)s\nUntil: %(end)s\n"
        "Organisation: %(organisation)s\nPrice (excl. VAT): %(price)s\nStatus: %(status)s\n"
    ) % {
        "facility": booking.facility.name,
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": end.strftime("%Y-%m-%d %H:%M"),
        "organisation": booking.organisation.name,
        "price": format_money(booking.price),
        "status": booking.get_status_display(),
    }


def notify_booking(booking, event: str) -> None:
    """Queue the email for a booking event: requested, approved, rejected, cancelled, completed."""

    def send():
        text = _booking_text(booking)
        if booking.reason:
            text += _("Reason: %(reason)s\n") % {"reason": booking.reason}
        subject = _("Booking of %(facility)s: %(status)s") % {
            "facility": booking.facility.name,
            "status": booking.get_status_display(),
        }
        if event in {"requested", "cancelled"}:
            _send(subject, text, facility_manager_emails(booking.facility))
        _send(subject, text, [booking.requester.email])
        logger.info("booking_notified booking=%s event=%s", booking.pk, event)

    transaction.on_commit(send)


def notify_pilot(pilot, event: str) -> None:
    def send():
        subject = _("Pilot in %(lab)s: %(status)s") % {
            "lab": pilot.living_lab.name,
            "status": pilot.get_status_display(),
        }
        text = _("Pilot: %(title)s\nCompany: %(company)s\nStatus: %(status)s\n") % {
            "title": pilot.title,
            "company": pilot.organisation.name,
            "status": pilot.get_status_display(),
        }
        if pilot.reason:
            text += _("Reason: %(reason)s\n") % {"reason": pilot.reason}
        if event in {"proposed", "withdrawn"}:
            _send(subject, text, living_lab_manager_emails(pilot.living_lab))
        _send(subject, text, [pilot.proposer.email])
        logger.info("pilot_notified pilot=%s event=%s", pilot.pk, event)

    transaction.on_commit(send)
