"""Background tasks of innovation: the introduction e-mails."""

from django.utils.translation import gettext_lazy as _
from huey import crontab

from kennisbrug.core.tasks import background_task, periodic_task

from . import notifications


@background_task(label=_("E-mail about a new introduction request"))
def introduction_requested_mail(introduction_id: int) -> None:
    notifications.introduction_requested(introduction_id)


@background_task(label=_("E-mail about an answered introduction"))
def introduction_changed_mail(introduction_id: int) -> None:
    notifications.introduction_changed(introduction_id)


@periodic_task(crontab(hour="1", minute="20"), label=_("Daily expiry of unanswered introductions"))
def introductions_expire_daily() -> int:
    """`manage.py introductions expire`, every night (01:20 UTC)."""
    from .services import introductions_expire

    return introductions_expire()
