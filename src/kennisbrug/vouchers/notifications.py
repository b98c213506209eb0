"""Emails at every transition, sent after commit to everyone involved."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kennisbrug.accounts.models import PlatformRole
from kennisbrug.organisations.constants import MembershipStatus

from .constants import ApplicationStatus
from .models import Application
from .workflow import NEXT_STEP

logger = logging.getLogger(__name__)
# Transitions after which the secretariat has work to do.
SECRETARIAT_ACTIONS = {"submit", "review", "deliver", "withdraw"}


def recipients(application: Application, action: str) -> list[str]:
    User = get_user_model()
    org_ids = [application.applicant_id, application.provider_id, application.partner_id]
    members = Q(
        memberships__organisation_id__in=[pk for pk in org_ids if pk],
        memberships__status=MembershipStatus.ACTIVE,
    )
    who = members
    if action in SECRETARIAT_ACTIONS:
        who |= Q(platform_role=PlatformRole.SECRETARIAT)
    emails = User.objects.filter(who, is_active=True).values_list("email", flat=True).distinct()
    return sorted(set(emails))


def notify_transition(*, application_id: int, action: str) -> int:
    application = Application.objects.select_related("scheme").get(pk=application_id)
    to = recipients(application, action)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Voucher %(ref)s: %(status)s") % {
            "ref": application.reference,
            "status": application.get_status_display(),
        }
        body = "\n\n".join(
            [
                _(
                    "The voucher application “%(title)s” in the call “%(scheme)s” is now: %(status)s."
                )
                % {
                    "title": application.title,
                    "scheme": application.scheme.name,
                    "status": application.get_status_display(),
                },
                _("Next step: %(next)s")
                % {"next": NEXT_STEP[ApplicationStatus(application.status)]},
                reverse("vouchers:application_detail", args=[application.pk]),
            ]
        )
    # Bcc: people of different organisations do not see each other's addresses.
    EmailMessage(subject, body, to=[], bcc=to).send(fail_silently=False)
    logger.info(
        "voucher_mail_sent application=%s action=%s recipients=%s", application.pk, action, len(to)
    )
    return len(to)
