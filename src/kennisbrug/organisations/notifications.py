"""E-mails of the organisations app, sent by the task queue after commit."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def send_invitation_mail(invitation_id: int) -> int:
    """Tell an invited address how to join; 0 when the invitation is gone or answered."""
    from .models import Invitation

    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return 0
    has_account = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    with translation.override(settings.LANGUAGE_CODE):
        name = invitation.organisation.name
        subject = _("Kennisbrug: you are invited to join %(organisation)s") % {"organisation": name}
        if has_account:
            steps = _(
                "Log in to Kennisbrug and accept the invitation under My Kennisbrug: %(url)s"
            ) % {"url": reverse("accounts:dashboard")}
        else:
            steps = _(
                "Register on Kennisbrug with this e-mail address and confirm it; you then "
                "join %(organisation)s at once: %(url)s"
            ) % {"organisation": name, "url": reverse("account_signup")}
        body = "\n\n".join(
            [
                _("%(organisation)s is on Kennisbrug, and you are invited to join it as a member.")
                % {"organisation": name},
                steps,
                _("Did not expect this? Then ignore this e-mail; nothing happens without you."),
            ]
        )
    EmailMessage(subject, body, to=[invitation.email]).send(fail_silently=False)
    logger.info(
        "invitation_mail_sent invitation=%s organisation=%s has_account=%s",
        invitation.pk,
        invitation.organisation_id,
        has_account,
    )
    return 1
