"""Enumerations of the vouchers app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchemeType(models.TextChoices):
    KNOWLEDGE_VOUCHER = "knowledge_voucher", _("knowledge voucher")
    FEASIBILITY_STUDY = "feasibility_study", _("feasibility study by a cross-border SME duo")
    INNOVATION_ADVICE = "innovation_advice", _("innovation advice and support")
    OTHER = "other", _("other")


class ProviderRule(models.TextChoices):
    CROSS_BORDER_KNOWLEDGE_INSTITUTION = (
        "cross_border_ki",
        _("knowledge institution on the other side of the border"),
    )
    KNOWLEDGE_INSTITUTION = "knowledge_institution", _("any knowledge institution")
    ACCREDITED = "accredited", _("an accredited provider of this scheme")
    CROSS_BORDER_ANY = "cross_border_any", _("any provider on the other side of the border")


class AidRegime(models.TextChoices):
    DE_MINIMIS = "de_minimis", _("de minimis aid (Regulation (EU) 2023/2831)")
    GBER_ART28 = "gber_art28", _("innovation aid for SMEs (GBER article 28)")


class AttachmentKind(models.TextChoices):
    QUOTE = "quote", _("quote of the provider")
    SIGNED_ASSIGNMENT = "signed_assignment", _("signed assignment")
    INVOICE = "invoice", _("invoice")
    OTHER = "other", _("other document")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    REVIEWED = "reviewed", _("reviewed, waiting for approval")
    APPROVED = "approved", _("approved")
    IN_PROGRESS = "in_progress", _("in progress")
    DELIVERED = "delivered", _("delivered, waiting for payment")
    PAID = "paid", _("paid")
    REJECTED = "rejected", _("rejected")
    EXPIRED = "expired", _("expired")
    WITHDRAWN = "withdrawn", _("withdrawn")


class LedgerKind(models.TextChoices):
    COMMITMENT = "commitment", _("commitment")
    RELEASE = "release", _("release")
    DISBURSEMENT = "disbursement", _("disbursement")


class Actor(models.TextChoices):
    """The part a person plays towards one application."""

    APPLICANT = "applicant", _("applicant")
    PROVIDER = "provider", _("provider")
    SECRETARIAT = "secretariat", _("secretariat")
    SYSTEM = "system", _("system")


# Statuses that count towards the vouchers an applicant has in a scheme.
ACTIVE_STATUSES = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.REVIEWED,
        ApplicationStatus.APPROVED,
        ApplicationStatus.IN_PROGRESS,
        ApplicationStatus.DELIVERED,
        ApplicationStatus.PAID,
    }
)
