"""Innovation questions (demand) and introductions between the asker and a provider."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Sector, Technology, TimeStampedModel
from kennisbrug.core.validators import multi_line_text, plausible_event_date, single_line_text
from kennisbrug.organisations.models import Organisation

from .constants import (
    BudgetRange,
    IntroductionState,
    QuestionStatus,
    TargetKind,
    Timeframe,
    Visibility,
)


class InnovationQuestion(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="innovation_questions",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    description = models.TextField(
        _("description"),
        max_length=5000,
        validators=[multi_line_text, MaxLengthValidator(5000)],
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    technologies = models.ManyToManyField(
        Technology, blank=True, verbose_name=_("key technologies")
    )
    desired_outcome = models.TextField(
        _("desired outcome"),
        max_length=2000,
        blank=True,
        validators=[multi_line_text, MaxLengthValidator(2000)],
    )
    budget = models.CharField(
        _("rough budget"), max_length=10, choices=BudgetRange.choices, default=BudgetRange.UNKNOWN
    )
    timeframe = models.CharField(
        _("timeframe"), max_length=10, choices=Timeframe.choices, default=Timeframe.MONTHS_6
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("innovation question")
        verbose_name_plural = _("innovation questions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values),
                name="innovation_question_valid_visibility",
                violation_error_message=_("Unknown visibility."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=QuestionStatus.values),
                name="innovation_question_valid_status",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def is_open(self) -> bool:
        return self.status == QuestionStatus.OPEN


class Introduction(TimeStampedModel):
    """A request to introduce the requester to a provider (organisation, facility, living lab)."""

    question = models.ForeignKey(
        InnovationQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("question"),
    )
    requester_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="introductions_requested",
        verbose_name=_("requesting organisation"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    provider_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="introductions_received",
        verbose_name=_("provider"),
    )
    target_kind = models.CharField(
        _("what was matched"),
        max_length=20,
        choices=TargetKind.choices,
        default=TargetKind.ORGANISATION,
    )
    target_id = models.CharField(_("matched item id"), max_length=64, blank=True)
    target_title = models.CharField(
        _("matched item"), max_length=200, blank=True, validators=[single_line_text]
    )
    # Blank only when its writer deleted their account (the forms require a message).
    message = models.TextField(
        _("message"),
        max_length=2000,
        blank=True,
        validators=[multi_line_text, MaxLengthValidator(2000)],
    )
    response_message = models.TextField(
        _("response"),
        max_length=2000,
        blank=True,
        validators=[multi_line_text, MaxLengthValidator(2000)],
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=IntroductionState.choices,
        default=IntroductionState.REQUESTED,
    )
    expires_at = models.DateTimeField(_("expires at"), validators=[plausible_event_date])
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester_organisation=models.F("provider_organisation")),
                name="innovation_introduction_not_self",
                violation_error_message=_("An organisation cannot ask an introduction to itself."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=IntroductionState.values),
                name="innovation_introduction_valid_state",
                violation_error_message=_("Unknown state."),
            ),
            models.UniqueConstraint(
                fields=[
                    "requester_organisation",
                    "provider_organisation",
                    "target_kind",
                    "target_id",
                ],
                condition=Q(state=IntroductionState.REQUESTED),
                name="innovation_introduction_one_open_request",
                violation_error_message=_(
                    "Your organisation already has an open introduction request for this match."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester_organisation} → {self.provider_organisation} ({self.get_state_display()})"

    @property
    def is_cross_border(self) -> bool:
        return self.requester_organisation.country_id != self.provider_organisation.country_id
