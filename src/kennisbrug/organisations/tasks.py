"""Background tasks of organisations: the invitation e-mails of the bulk import."""

from django.utils.translation import gettext_lazy as _

from kennisbrug.core.tasks import background_task

from . import notifications


@background_task(label=_("E-mail with an invitation to join an organisation"))
def invitation_mail(invitation_id: int) -> None:
    notifications.send_invitation_mail(invitation_id)
