"""The innovation app's vocabulary: states, visibilities, target kinds.

Public: other apps (projects follows introductions) compare against these values
instead of retyping the strings; constants are part of an app's public surface.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    MATCHED_ONLY = "matched_only", _("only parties we ask for an introduction")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class BudgetRange(models.TextChoices):
    UNKNOWN = "unknown", _("not known yet")
    UNDER_10K = "lt10k", _("less than € 10,000")
    FROM_10K = "10k-50k", _("€ 10,000 – € 50,000")
    FROM_50K = "50k-200k", _("€ 50,000 – € 200,000")
    OVER_200K = "gt200k", _("more than € 200,000")


class Timeframe(models.TextChoices):
    ASAP = "asap", _("as soon as possible")
    MONTHS_3 = "3m", _("within 3 months")
    MONTHS_6 = "6m", _("within 6 months")
    YEAR = "12m", _("within a year")
    LATER = "later", _("later / flexible")


class IntroductionState(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("expired")


class TargetKind(models.TextChoices):
    ORGANISATION = "organisation", _("organisation")
    FACILITY = "facility", _("research facility")
    LIVING_LAB = "living_lab", _("living lab")
    PROJECT_IDEA = "project_idea", _("project idea")
    RESEARCH_GROUP = "research_group", _("research group")
    EXPERT = "expert", _("expert")


# What a person can ask an introduction to from a question's matches. A project idea is
# only a target when the projects app invites a partner to it.
MATCH_KINDS = [
    (k.value, k.label)
    for k in (
        TargetKind.ORGANISATION,
        TargetKind.FACILITY,
        TargetKind.LIVING_LAB,
        TargetKind.RESEARCH_GROUP,
        TargetKind.EXPERT,
    )
]


# An unanswered introduction expires after this many days.
INTRODUCTION_EXPIRY_DAYS = 30
