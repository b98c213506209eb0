"""Choices of the skills app."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class RelationType(models.TextChoices):
    ESSENTIAL = "essential", _("essential")
    OPTIONAL = "optional", _("optional")


class SkillType(models.TextChoices):
    SKILL = "skill/competence", _("skill or competence")
    KNOWLEDGE = "knowledge", _("knowledge")
    GROUP = "group", _("skill group")
    OTHER = "", _("unspecified")


class SkillSource(models.TextChoices):
    PICKED = "picked", _("picked from the taxonomy")
    TEXT = "text", _("recognised in my text")
    OCCUPATION = "occupation", _("from a past occupation")


class TensionCategory(models.TextChoices):
    """UWV's labour-market tension categories (vacancies per job seeker)."""

    VERY_TIGHT = "very_tight", _("very tight")
    TIGHT = "tight", _("tight")
    BALANCED = "balanced", _("balanced")
    SLACK = "slack", _("slack")
    VERY_SLACK = "very_slack", _("very slack")


# UWV publishes: very tight > 4, tight 1.5–4, balanced 0.67–1.5, slack 0.25–0.67,
# very slack < 0.25. A value on a shared bound goes to the tighter category, except > 4.
BOTTLENECK_CATEGORIES = {TensionCategory.VERY_TIGHT, TensionCategory.TIGHT}


def tension_category(value: Decimal) -> str:
    """UWV category of a tension value (vacancies per job seeker)."""
    if value > Decimal("4"):
        return TensionCategory.VERY_TIGHT
    if value >= Decimal("1.5"):
        return TensionCategory.TIGHT
    if value >= Decimal("0.67"):
        return TensionCategory.BALANCED
    if value >= Decimal("0.25"):
        return TensionCategory.SLACK
    return TensionCategory.VERY_SLACK


class PersonContext(models.TextChoices):
    NONE = "", _("no particular situation")
    REFUGEE = "refugee", _("refugee with technical competences")
    CRISIS_SECTOR = "crisis_sector", _("worker from a sector hit by a crisis")


class Language(models.TextChoices):
    NL = "nl", _("Dutch")
    EN = "en", _("English")
    FR = "fr", _("French")
    DE = "de", _("German")


class TrainingMode(models.TextChoices):
    ON_SITE = "on_site", _("on site")
    ONLINE = "online", _("online")
    BLENDED = "blended", _("blended")


class TrainingAudience(models.TextChoices):
    JOB_SEEKERS = "job_seekers", _("job seekers")
    EMPLOYEES = "employees", _("employees")
    SME_MANAGERS = "sme_managers", _("SME managers")


class PathObjective(models.TextChoices):
    COST = "cost", _("lowest cost")
    DURATION = "duration", _("shortest duration")
    COUNT = "count", _("fewest trainings")


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the person")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


MAX_TRAVEL_KM = 300
CONSENT_VERSION = "2026-1"


class ParticipationStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    COMPLETED = "completed", _("completed")
    WITHDRAWN = "withdrawn", _("withdrawn")
