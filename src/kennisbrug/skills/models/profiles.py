"""A person's private skills profile. Nobody else sees it unless the person opts in."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Country, Nuts3Region, TimeStampedModel
from kennisbrug.core.validators import multi_line_text

from ..constants import MAX_TRAVEL_KM, PersonContext, SkillSource
from .taxonomy import Occupation, QualificationLevel, Skill


class Profile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skills_profile"
    )
    consent_given_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(_("consent text version"), max_length=20)
    experience_text = models.TextField(
        _("experience"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    qualification_level = models.ForeignKey(
        QualificationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("highest qualification level"),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    postcode = models.CharField(_("home postcode"), max_length=4, blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("country")
    )
    nuts3 = models.ForeignKey(
        Nuts3Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    max_travel_km = models.PositiveSmallIntegerField(
        _("how far I will travel (km)"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_TRAVEL_KM)],
    )
    cross_border = models.BooleanField(_("I will work or train across the border"), default=True)
    context = models.CharField(
        _("my situation"), max_length=20, choices=PersonContext.choices, blank=True
    )
    open_to_employers = models.BooleanField(
        _("employers may see my profile without my name"), default=False
    )
    skills = models.ManyToManyField(Skill, through="ProfileSkill", related_name="+")
    past_occupations = models.ManyToManyField(
        Occupation, through="ProfileOccupation", related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("skills profile")
        verbose_name_plural = _("skills profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_travel_km__lte=MAX_TRAVEL_KM),
                name="skills_profile_travel_range",
                violation_error_message=_("The travel distance is too large."),
            )
        ]

    def __str__(self) -> str:
        return f"profile #{self.pk}"


class ProfileSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="profile_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("source"), max_length=12, choices=SkillSource.choices)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    score = models.FloatField(_("recognition score"), default=1.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill"],
                name="skills_profileskill_unique",
                violation_error_message=_("This skill is already in the profile."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.skill_id}"


class ProfileOccupation(models.Model):
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="profile_occupations"
    )
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "occupation"],
                name="skills_profileoccupation_unique",
                violation_error_message=_("This occupation is already in the profile."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.occupation_id}"
