"""Voucher schemes, applications, the budget ledger and the aid register.

Invariants that the database can hold are named constraints here; the budget
invariant (committed + disbursed never exceeds the budget) needs a sum over the
ledger and is held by services.scheme_commit under a lock on the scheme row.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import TimeStampedModel
from kennisbrug.core.money import MoneyField
from kennisbrug.core.validators import multi_line_text, plausible_event_date, single_line_text
from kennisbrug.organisations.constants import SizeClass
from kennisbrug.organisations.models import Organisation

from .constants import (
    AidRegime,
    ApplicationStatus,
    AttachmentKind,
    LedgerKind,
    ProviderRule,
    SchemeType,
)


class Scheme(TimeStampedModel):
    """A call: the rules an application must meet and the budget it draws from."""

    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    type = models.CharField(_("type"), max_length=30, choices=SchemeType.choices)
    description = models.TextField(
        _("description"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    total_budget = MoneyField(_("total budget (EUR)"))
    opens_on = models.DateField(_("opens on"), validators=[plausible_event_date])
    closes_on = models.DateField(_("closes on"), validators=[plausible_event_date])
    min_amount = MoneyField(_("minimum voucher amount (EUR)"))
    max_amount = MoneyField(_("maximum voucher amount (EUR)"))
    aid_intensity = models.DecimalField(
        _("aid intensity (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Share of the provider's invoice that the voucher pays."),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    # {"medium": "20.00"}: a lower intensity for some size classes (KMO-portefeuille style).
    intensity_by_size_class = models.JSONField(
        _("aid intensity per size class (%)"), default=dict, blank=True
    )
    eligible_size_classes = models.JSONField(_("eligible size classes"), default=list)
    require_programme_area = models.BooleanField(
        _("applicant must be in the programme area"), default=True
    )
    provider_rule = models.CharField(
        _("provider rule"), max_length=30, choices=ProviderRule.choices
    )
    accredited_providers = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="accredited_for_schemes",
        verbose_name=_("accredited providers"),
    )
    requires_partner_sme = models.BooleanField(
        _("requires an SME partner on the other side of the border"), default=False
    )
    max_vouchers_per_applicant = models.PositiveSmallIntegerField(
        _("maximum vouchers per applicant"), default=1
    )
    applicant_annual_cap = MoneyField(
        _("maximum amount per applicant per calendar year (EUR)"), null=True, blank=True
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity after approval (months)"), default=12
    )
    aid_regime = models.CharField(_("aid regime"), max_length=20, choices=AidRegime.choices)
    required_attachments = models.JSONField(_("required attachments"), default=list, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("voucher scheme")
        verbose_name_plural = _("voucher schemes")
        ordering = ["-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_budget__gt=0),
                name="vouchers_scheme_budget_positive",
                violation_error_message=_("The budget must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(min_amount__gt=0),
                name="vouchers_scheme_min_positive",
                violation_error_message=_("The minimum amount must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(max_amount__gte=F("min_amount")),
                name="vouchers_scheme_max_ge_min",
                violation_error_message=_("The maximum amount cannot be below the minimum."),
            ),
            models.CheckConstraint(
                condition=Q(max_amount__lte=F("total_budget")),
                name="vouchers_scheme_max_le_budget",
                violation_error_message=_("The maximum amount cannot exceed the budget."),
            ),
            models.CheckConstraint(
                condition=Q(aid_intensity__gt=0) & Q(aid_intensity__lte=100),
                name="vouchers_scheme_intensity_range",
                violation_error_message=_("The aid intensity lies between 0 and 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="vouchers_scheme_dates_ordered",
                violation_error_message=_("The closing date cannot be before the opening date."),
            ),
            models.CheckConstraint(
                condition=Q(max_vouchers_per_applicant__gte=1) & Q(validity_months__gte=1),
                name="vouchers_scheme_counts_positive",
                violation_error_message=_(
                    "Vouchers per applicant and validity must be at least one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, day: dt.date) -> bool:
        """Applications are accepted from the opening to the closing day, both included."""
        return self.opens_on <= day <= self.closes_on

    def intensity_for(self, size_class: str) -> Decimal:
        override = (self.intensity_by_size_class or {}).get(size_class)
        return Decimal(str(override)) if override not in (None, "") else self.aid_intensity

    @property
    def eligible_size_class_labels(self) -> list[str]:
        """The eligible size classes as people read them ("micro", "klein", ...)."""
        return [size_class_label(code) for code in self.eligible_size_classes or []]

    @property
    def intensity_by_size_class_labels(self) -> list[tuple[str, object]]:
        """`(size class label, percent)` for every size class with its own intensity."""
        return [
            (size_class_label(code), pct)
            for code, pct in (self.intensity_by_size_class or {}).items()
        ]


def size_class_label(code: str) -> str:
    return str(SizeClass(code).label) if code in SizeClass.values else code


class Application(TimeStampedModel):
    """An SME's application for a voucher, from draft to paid."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("scheme")
    )
    applicant = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="voucher_applications",
        verbose_name=_("applicant"),
    )
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="voucher_assignments",
        verbose_name=_("knowledge provider"),
    )
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voucher_partnerships",
        verbose_name=_("partner SME"),
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    assignment_description = models.TextField(
        _("assignment description"), max_length=10000, validators=[multi_line_text]
    )
    quote_amount = MoneyField(_("quote amount (EUR, excl. VAT)"))
    requested_amount = MoneyField(_("requested voucher amount (EUR)"))
    planned_start = models.DateField(_("planned start"), validators=[plausible_event_date])
    planned_end = models.DateField(_("planned end"), validators=[plausible_event_date])
    de_minimis_declared = models.BooleanField(_("de minimis declaration made"), default=False)
    de_minimis_other_aid = MoneyField(
        _("other de minimis aid in the last three years (EUR)"), default=Decimal("0.00")
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    eligibility = models.JSONField(_("eligibility check"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(
        _("review note"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approver"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_amount = MoneyField(_("committed amount (EUR)"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=[plausible_event_date]
    )
    decision_reason = models.TextField(
        _("reason"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    invoice_amount = MoneyField(_("invoice amount (EUR, excl. VAT)"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    paid_amount = MoneyField(_("paid amount (EUR)"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, blank=True)
    # What the first request with that key asked (kennisbrug.core.idempotency).
    idempotency_fingerprint = models.CharField(
        _("idempotency fingerprint"), max_length=64, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("voucher application")
        verbose_name_plural = _("voucher applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="vouchers_application_idempotency",
                violation_error_message=_("This application was already created."),
            ),
            models.CheckConstraint(
                condition=Q(quote_amount__gt=0) & Q(requested_amount__gt=0),
                name="vouchers_application_amounts_positive",
                violation_error_message=_("Amounts must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__lte=F("quote_amount")),
                name="vouchers_application_request_le_quote",
                violation_error_message=_("The voucher cannot exceed the quote."),
            ),
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("planned_start")),
                name="vouchers_application_dates_ordered",
                violation_error_message=_("The planned end cannot be before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(de_minimis_other_aid__gte=0),
                name="vouchers_application_other_aid_not_negative",
                violation_error_message=_("Other aid cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True) | Q(paid_amount__lte=F("approved_amount")),
                name="vouchers_application_paid_le_committed",
                violation_error_message=_("The payment cannot exceed the committed amount."),
            ),
            models.CheckConstraint(
                condition=~Q(provider=F("applicant")),
                name="vouchers_application_provider_not_applicant",
                violation_error_message=_("The provider cannot be the applicant itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return f"KV-{self.pk:05d}" if self.pk else "KV-new"


def attachment_path(instance, filename: str) -> str:
    # The stored name is ours; the person's file name is kept in original_name.
    return f"vouchers/{instance.application_id}/{instance.kind}-{instance.token}.pdf"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    token = models.CharField(max_length=32, editable=False)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class LedgerImmutableError(Exception):
    """Ledger entries are append-only: they are never changed or deleted."""


class LedgerQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerImmutableError("ledger entries cannot be updated")

    def delete(self):
        raise LedgerImmutableError("ledger entries cannot be deleted")


class LedgerEntry(models.Model):
    """One movement of a scheme's budget. Append-only.

    commitment: an approval reserves money; release: money no longer needed goes
    back to the budget; disbursement: committed money is paid out.
    """

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="ledger_entries")
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LedgerKind.choices)
    amount = MoneyField(_("amount (EUR)"))
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True, validators=[single_line_text])

    objects = LedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="vouchers_ledger_amount_positive",
                violation_error_message=_("A ledger amount must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} ({self.scheme_id})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerImmutableError("ledger entries cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutableError("ledger entries cannot be deleted")


class AidRecord(models.Model):
    """State aid granted to a single undertaking through a voucher (the aid register).

    The undertaking is identified by its KBO/BCE or KvK number so that aid to one
    company registered twice is still summed once.
    """

    undertaking = models.CharField(_("undertaking identifier"), max_length=20, db_index=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="aid_records"
    )
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="aid_record"
    )
    regime = models.CharField(_("aid regime"), max_length=20, choices=AidRegime.choices)
    amount = MoneyField(_("aid amount (EUR)"))
    granted_on = models.DateField(_("granted on"), validators=[plausible_event_date])
    cancelled_on = models.DateField(
        _("cancelled on"), null=True, blank=True, validators=[plausible_event_date]
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("aid record")
        verbose_name_plural = _("aid records")
        ordering = ["-granted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="vouchers_aid_amount_not_negative",
                violation_error_message=_("An aid amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.undertaking} {self.amount} {self.granted_on}"
