"""The labour market: bottleneck occupations, trainings and vacancies."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Country, Nuts3Region, Province, Sector, TimeStampedModel
from kennisbrug.core.money import MoneyField
from kennisbrug.core.validators import multi_line_text, single_line_text
from kennisbrug.organisations.models import Organisation

from ..constants import (
    ContactStatus,
    Language,
    TensionCategory,
    TrainingMode,
    VacancyStatus,
)
from .taxonomy import Occupation, QualificationLevel, Skill

MAX_COST = Decimal("99999999.99")


class BottleneckOccupation(TimeStampedModel):
    """An occupation listed as a bottleneck (or with a tension value) in a region and year."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="bottlenecks")
    country = models.ForeignKey(Country, on_delete=models.PROTECT)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True)
    # The region as the source gives it: a NUTS2/NUTS3 code, or the country code.
    region_code = models.CharField(_("region"), max_length=5)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    source = models.CharField(_("source"), max_length=200)
    tension = models.DecimalField(
        _("vacancies per job seeker"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    category = models.CharField(
        _("tension category"), max_length=12, choices=TensionCategory.choices, blank=True
    )
    is_bottleneck = models.BooleanField(_("bottleneck occupation"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("bottleneck occupation")
        verbose_name_plural = _("bottleneck occupations")
        ordering = ["-year", "region_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "region_code", "year", "source"],
                name="skills_bottleneck_unique",
                violation_error_message=_(
                    "This occupation is already listed for this region, year and source."
                ),
            ),
            models.CheckConstraint(
                condition=Q(tension__isnull=True) | Q(tension__gte=0),
                name="skills_bottleneck_tension_not_negative",
                violation_error_message=_("The tension cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} · {self.region_code} {self.year}"


def starts_open(start_dates: list | None, today: datetime.date) -> bool:
    """`Training.is_open` for stored start dates (ISO strings), without a Training: the
    catalogue asks it of every published training on each request."""
    day = today.isoformat()
    return not start_dates or any(str(d) >= day for d in start_dates)


class Training(TimeStampedModel):
    provider = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("provider")
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    description = models.TextField(
        _("description"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    skills = models.ManyToManyField(Skill, through="TrainingSkill", related_name="trainings")
    level = models.ForeignKey(
        QualificationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("qualification level"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    mode = models.CharField(_("mode"), max_length=10, choices=TrainingMode.choices)
    nuts3 = models.ForeignKey(
        Nuts3Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("location")
    )
    cost = MoneyField(
        _("cost (EUR)"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_COST)],
    )
    duration_hours = models.PositiveIntegerField(
        _("duration (hours)"), validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )
    start_dates = models.JSONField(_("start dates"), default=list, blank=True)
    audiences = models.JSONField(_("target groups"), default=list, blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    is_published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__gte=0),
                name="skills_training_cost_not_negative",
                violation_error_message=_("The cost cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(duration_hours__gte=1),
                name="skills_training_duration_positive",
                violation_error_message=_("The duration must be at least one hour."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def country_id(self) -> str:
        return self.nuts3.country_id if self.nuts3 else self.provider.country_id

    def upcoming_start_dates(self, today: datetime.date) -> list[str]:
        """The start dates from `today` on (ISO strings, as stored)."""
        return [d for d in self.start_dates or [] if str(d) >= today.isoformat()]

    def is_open(self, today: datetime.date) -> bool:
        """Whether a person can still start it: a start date from `today` on, or no start
        dates at all (self-paced, continuous enrolment). A training whose every start date
        has passed is over and is never proposed or enrolled in."""
        return starts_open(self.start_dates, today)

    @property
    def is_open_today(self) -> bool:
        return self.is_open(timezone.localdate())


class TrainingSkill(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["training", "skill"],
                name="skills_trainingskill_unique",
                violation_error_message=_("This training already teaches this skill."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.training_id} teaches {self.skill_id}"


class Vacancy(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="vacancies"
    )
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    description = models.TextField(
        _("description"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    nuts3 = models.ForeignKey(Nuts3Region, on_delete=models.PROTECT, verbose_name=_("location"))
    level = models.ForeignKey(
        QualificationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("qualification asked"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class VacancyContact(TimeStampedModel):
    """An employer's request to contact an opted-in person; identity shown only once accepted."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="contacts")
    profile = models.ForeignKey("skills.Profile", on_delete=models.CASCADE, related_name="contacts")
    status = models.CharField(
        _("status"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.PENDING
    )
    message = models.TextField(
        _("message"), max_length=2000, blank=True, validators=[multi_line_text]
    )

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "profile"],
                name="skills_vacancycontact_unique",
                violation_error_message=_("This person was already asked for this vacancy."),
            )
        ]
