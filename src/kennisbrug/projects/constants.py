from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PRIVATE = "private", _("private: the lead organisation only")
    REGISTERED = "registered", _("registered users")
    PUBLIC = "public", _("public")


class IdeaStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    READY = "ready", _("ready for intake")
    ARCHIVED = "archived", _("archived")


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("lead partner")
    PARTNER = "partner", _("project partner")
    ASSOCIATED = "associated", _("associated partner")


class PartnerStatus(models.TextChoices):
    """Whether the partner organisation agreed to be on the idea (an invitation it answers)."""

    INVITED = "invited", _("invited, not yet accepted")
    ACCEPTED = "accepted", _("partner")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("expired")


class NetworkKind(models.TextChoices):
    CLUSTER = "cluster", _("innovation cluster")
    NETWORK = "network", _("knowledge network")


class JoinStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Helix(models.TextChoices):
    BUSINESS = "business", _("business")
    KNOWLEDGE = "knowledge", _("knowledge")
    GOVERNMENT = "government", _("government")
    INTERMEDIARY = "intermediary", _("intermediary")
    OTHER = "other", _("other")


HELIX_BY_TYPE = {
    "sme": Helix.BUSINESS,
    "large_enterprise": Helix.BUSINESS,
    "knowledge_institution": Helix.KNOWLEDGE,
    "government": Helix.GOVERNMENT,
    "intermediary": Helix.INTERMEDIARY,
}


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open for proposals")
    EVALUATING = "evaluating", _("evaluating proposals")
    AWARDED = "awarded", _("solver selected")
    CLOSED = "closed", _("closed without selection")
    CANCELLED = "cancelled", _("cancelled")


class ResponseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    SHORTLISTED = "shortlisted", _("shortlisted")
    SELECTED = "selected", _("selected")
    REJECTED = "rejected", _("not selected")
    WITHDRAWN = "withdrawn", _("withdrawn")
