"""Writes of training participations: enrolling, completing, withdrawing.

Who may write: a signed-in person enrols only themself, in a published training;
only active members of the training's provider organisation record a completion;
the participant themself or a provider member records a withdrawal.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbrug.core.audit import audit_record
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import user_organisations

from ..constants import ParticipationStatus
from ..models import Training, TrainingParticipation
from .market import can_manage

EMPLOYER_NOT_OWN = gettext_lazy("Choose one of your own organisations as employer.")


def _require_person(user) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to enrol in a training."))


@transaction.atomic
def training_enrol(*, training: Training, user, employer: Organisation | None = None):
    """Enrol `user` (themself) in a published `training`, for `employer` (optional).

    The employer must be one of the user's own organisations (active membership): the
    participation counts for that organisation in the indicators, so a person cannot
    assert it for someone else's. Refuses unpublished trainings and ones whose every
    start date has passed, anonymous users, a foreign employer and a second enrolment of
    the same person (also after a withdrawal). Writes an audit record. Returns the
    participation.
    """
    _require_person(user)
    if not training.is_published or not training.is_open(timezone.localdate()):
        raise ValidationError(_("This training is not open for enrolment."))
    if employer is not None and not (
        isinstance(employer, Organisation)
        and user_organisations(user).filter(pk=employer.pk).exists()
    ):
        raise ValidationError({"employer": EMPLOYER_NOT_OWN})
    if TrainingParticipation.objects.filter(training=training, user=user).exists():
        raise ValidationError(_("You are already enrolled in this training."))
    try:
        with transaction.atomic():
            participation = TrainingParticipation.objects.create(
                training=training, user=user, employer=employer, enrolled_at=timezone.now()
            )
    except IntegrityError as exc:  # a concurrent second enrolment
        raise ValidationError(_("You are already enrolled in this training.")) from exc
    audit_record(
        actor=user,
        action="skills.training_enrol",
        obj=participation,
        to_state=ParticipationStatus.ENROLLED,
    )
    return participation


@transaction.atomic
def training_participation_complete(*, participation: TrainingParticipation, by):
    """Record that the participant completed the training.

    Only active members of the training's provider organisation; only an enrolled
    (not withdrawn, not already completed) participation. Writes an audit record.
    """
    participation = TrainingParticipation.objects.select_for_update().get(pk=participation.pk)
    if not can_manage(by, participation.training.provider):
        raise PermissionDenied(_("Only the training provider records a completion."))
    if participation.user_id is None:
        raise ValidationError(_("This participant deleted their data; nothing can be recorded."))
    if participation.status != ParticipationStatus.ENROLLED:
        raise ValidationError(_("Only an enrolled participant can complete the training."))
    participation.status = ParticipationStatus.COMPLETED
    participation.completed_at = max(timezone.now(), participation.enrolled_at)
    participation.save(update_fields=["status", "completed_at", "updated_at"])
    audit_record(
        actor=by,
        action="skills.training_participation_complete",
        obj=participation,
        from_state=ParticipationStatus.ENROLLED,
        to_state=ParticipationStatus.COMPLETED,
    )
    return participation


@transaction.atomic
def training_participation_withdraw(*, participation: TrainingParticipation, by):
    """Withdraw an enrolled participation: the participant themself or a provider member.

    A completed participation stays completed. Writes an audit record.
    """
    participation = TrainingParticipation.objects.select_for_update().get(pk=participation.pk)
    if participation.user_id != getattr(by, "pk", None) and not can_manage(
        by, participation.training.provider
    ):
        raise PermissionDenied(_("Only the participant or the provider may withdraw."))
    if participation.status != ParticipationStatus.ENROLLED:
        raise ValidationError(_("Only an enrolled participant can withdraw."))
    participation.status = ParticipationStatus.WITHDRAWN
    participation.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="skills.training_participation_withdraw",
        obj=participation,
        from_state=ParticipationStatus.ENROLLED,
        to_state=ParticipationStatus.WITHDRAWN,
    )
    return participation


@transaction.atomic
def training_participations_anonymise(*, user) -> int:
    """Detach all of `user`'s participations from them (profile or account deletion).

    The rows stay so the training indicators keep counting them; they keep the training,
    employer, status and dates, and share one new random key so the former person still
    counts once. The audit records of the participations keep their events. Returns the
    number of participations anonymised.
    """
    return TrainingParticipation.objects.filter(user=user).update(
        user=None, anonymous_key=uuid.uuid4(), updated_at=timezone.now()
    )
