"""Emails about introductions, sent after commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from kennisbrug.organisations.constants import MembershipStatus


def _member_emails(organisation) -> list[str]:
    return sorted(
        organisation.memberships.filter(status=MembershipStatus.ACTIVE).values_list(
            "user__email", flat=True
        )
    )


def introduction_requested(pk: int) -> None:
    from .models import Introduction

    intro = Introduction.objects.select_related(
        "requester_organisation", "provider_organisation"
    ).get(pk=pk)
    recipients = _member_emails(intro.provider_organisation)
    if not recipients:
        return
    send_mail(
        _("Kennisbrug: %(org)s asks for an introduction")
        % {"org": intro.requester_organisation.name},
        _(
            "%(org)s would like to be introduced to %(provider)s.\n\n%(message)s\n\n"
            "Accept or decline the request on Kennisbrug under Introductions."
        )
        % {
            "org": intro.requester_organisation.name,
            "provider": intro.provider_organisation.name,
            "message": intro.message,
        },
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )


def introduction_changed(pk: int) -> None:
    from .models import Introduction

    intro = Introduction.objects.select_related(
        "requester_organisation", "provider_organisation", "requested_by"
    ).get(pk=pk)
    if intro.state == "withdrawn":
        recipients = _member_emails(intro.provider_organisation)
    else:
        recipients = [intro.requested_by.email] if intro.requested_by else []
    if not recipients:
        return
    send_mail(
        _("Kennisbrug: introduction %(state)s") % {"state": intro.get_state_display()},
        _(
            "The introduction between %(requester)s and %(provider)s is now %(state)s.\n\n%(message)s"
        )
        % {
            "requester": intro.requester_organisation.name,
            "provider": intro.provider_organisation.name,
            "state": intro.get_state_display(),
            "message": intro.response_message,
        },
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
