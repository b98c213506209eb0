"""Who enrolled in and completed a training (feeds RCO85, RCR81 and RCR98)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import TimeStampedModel
from kennisbrug.core.validators import plausible_event_date
from kennisbrug.organisations.models import Organisation

from ..constants import ParticipationStatus
from .market import Training


class TrainingParticipation(TimeStampedModel):
    """One person's enrolment in a training, with the employer they follow it for (optional).

    When the person deletes their skills profile or account, the row stays for the
    indicators but loses the person: `user` becomes empty and `anonymous_key` a random
    key shared by that person's former participations only, so RCO85/RCR81/RCR98 still
    count each (now unknown) person once.
    """

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_participations",
        verbose_name=_("participant"),
        null=True,
        blank=True,
    )
    anonymous_key = models.UUIDField(_("anonymous participant"), null=True, blank=True)
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.ENROLLED,
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), validators=[plausible_event_date])
    completed_at = models.DateTimeField(
        _("completed at"), null=True, blank=True, validators=[plausible_event_date]
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("training participation")
        verbose_name_plural = _("training participations")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "user"],
                name="skills_participation_unique",
                violation_error_message=_("You are already enrolled in this training."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, anonymous_key__isnull=True)
                | Q(user__isnull=True, anonymous_key__isnull=False),
                name="skills_participation_person_or_anonymous",
                violation_error_message=_(
                    "A participation belongs to a person or is anonymous, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("enrolled_at")),
                name="skills_participation_completed_after_enrolled",
                violation_error_message=_("A training cannot be completed before the enrolment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id or 'anonymous'} in {self.training_id} ({self.status})"
