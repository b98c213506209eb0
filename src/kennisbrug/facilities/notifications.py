"""Email notifications of booking and pilot events, queued as tasks after the transaction commits."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.money import format_money
from kennisbrug.core.tasks import enqueue_on_commit
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
    # Not silent: a failing mail server makes the task retry (and land in the dead-letter list).
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


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
    """Queue the email for a booking event (requested, approved, rejected, cancelled, completed)."""
    from .tasks import booking_mail

    enqueue_on_commit(booking_mail, booking.pk, event)


def notify_pilot(pilot, event: str) -> None:
    """Queue the email for a pilot event (proposed, accepted, withdrawn, ...)."""
    from .tasks import pilot_mail

    enqueue_on_commit(pilot_mail, pilot.pk, event)


def notify_lab_invitation(invitation) -> None:
    """Queue the email asking the invited organisation's admins to answer."""
    from .tasks import lab_invitation_mail

    enqueue_on_commit(lab_invitation_mail, invitation.pk)


def send_lab_invitation_mail(invitation_id: int) -> None:
    from django.urls import reverse

    from .models import LivingLabInvitation

    invitation = LivingLabInvitation.objects.select_related("living_lab", "organisation").get(
        pk=invitation_id
    )
    admins = invitation.organisation.memberships.filter(
        status=MembershipStatus.ACTIVE, role=MembershipRole.ADMIN
    ).values_list("user__email", flat=True)
    subject = _("%(lab)s asks %(org)s to be a partner") % {
        "lab": invitation.living_lab.name,
        "org": invitation.organisation.name,
    }
    text = _(
        "The living lab %(lab)s would like to list %(org)s as a partner. It is shown as a "
        "partner only after an admin of %(org)s accepts: %(url)s\n"
    ) % {
        "lab": invitation.living_lab.name,
        "org": invitation.organisation.name,
        "url": reverse("facilities:lab_invitations"),
    }
    _send(subject, text, sorted(set(admins)))
    logger.info("lab_invitation_notified invitation=%s", invitation.pk)


def send_booking_mail(booking_id: int, event: str) -> None:
    from .models import Booking

    booking = Booking.objects.select_related("facility", "organisation", "requester").get(
        pk=booking_id
    )
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


def send_pilot_mail(pilot_id: int, event: str) -> None:
    from .models import Pilot

    pilot = Pilot.objects.select_related("living_lab", "organisation", "proposer").get(pk=pilot_id)
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
