from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    SME = "sme", _("SME")
    LARGE_ENTERPRISE = "large_enterprise", _("large enterprise")
    KNOWLEDGE_INSTITUTION = "knowledge_institution", _("knowledge institution")
    GOVERNMENT = "government", _("government")
    INTERMEDIARY = "intermediary", _("intermediary organisation")
    OTHER = "other", _("other")


class SizeClass(models.TextChoices):
    """Enterprise size class by Commission Recommendation 2003/361/EC."""

    MICRO = "micro", _("micro enterprise")
    SMALL = "small", _("small enterprise")
    MEDIUM = "medium", _("medium-sized enterprise")
    LARGE = "large", _("large enterprise")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("member")
    ADMIN = "admin", _("organisation admin")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    ACTIVE = "active", _("active")
    REJECTED = "rejected", _("rejected")


# Organisation types that are enterprises (for size classes and indicators).
ENTERPRISE_TYPES = frozenset({OrganisationType.SME, OrganisationType.LARGE_ENTERPRISE})
