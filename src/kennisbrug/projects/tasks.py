"""Background tasks of projects: telling solvers about a published challenge."""

from django.utils.translation import gettext_lazy as _

from kennisbrug.core.tasks import background_task


@background_task(label=_("E-mail to matching solvers about a new challenge"))
def challenge_solvers_mail(challenge_id: int) -> None:
    from .services.challenges import challenge_solvers_notify

    challenge_solvers_notify(challenge_id)
