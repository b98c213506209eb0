"""Shared research infrastructure (facilities), their tariffs and bookings; living labs and pilots.

Times are stored in UTC; opening hours are local (Europe/Brussels) wall-clock times so
that a lab open 08:00-18:00 stays open 08:00-18:00 across daylight-saving changes.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import (
    LocatedMixin,
    Sector,
    Technology,
    TimeStampedModel,
)
from kennisbrug.core.money import MoneyField
from kennisbrug.core.validators import multi_line_text, plausible_event_date, single_line_text
from kennisbrug.organisations.models import Organisation

from .constants import (
    MAX_ADVANCE_DAYS,
    MAX_BOOKING_MINUTES,
    MAX_LEAD_HOURS,
    MAX_RATE,
    AccessMode,
    BookingStatus,
    CustomerClass,
    FacilityCategory,
    PartnerInvitationStatus,
    PilotStatus,
)

RATE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal(MAX_RATE))]


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Facility(LocatedMixin, TimeStampedModel):
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="facilities",
        verbose_name=_("owner organisation"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    category = models.CharField(_("category"), max_length=20, choices=FacilityCategory.choices)
    description = models.TextField(_("description"), max_length=5000, validators=[multi_line_text])
    equipment = models.TextField(
        _("equipment"),
        max_length=5000,
        blank=True,
        help_text=_("One item per line."),
        validators=[multi_line_text],
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    technologies = models.ManyToManyField(
        Technology, blank=True, verbose_name=_("key technologies")
    )
    self_service = models.BooleanField(_("self-service after training"), default=False)
    operator_assisted = models.BooleanField(_("operator-assisted"), default=True)
    as_a_service = models.BooleanField(_("as a service"), default=False)
    website = models.URLField(_("website"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    # Booking rules.
    requires_approval = models.BooleanField(_("bookings need approval"), default=True)
    pending_blocks = models.BooleanField(
        _("requests block the slot"),
        default=True,
        help_text=_("While a request waits for approval, nobody else can request that time."),
    )
    min_duration_minutes = models.PositiveIntegerField(
        _("minimum duration (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(MAX_BOOKING_MINUTES)],
    )
    max_duration_minutes = models.PositiveIntegerField(
        _("maximum duration (minutes)"),
        default=8 * 60,
        validators=[MinValueValidator(15), MaxValueValidator(MAX_BOOKING_MINUTES)],
    )
    lead_time_hours = models.PositiveIntegerField(
        _("lead time (hours)"),
        default=24,
        validators=[MaxValueValidator(MAX_LEAD_HOURS)],
        help_text=_("How long in advance a booking must at least be requested."),
    )
    max_advance_days = models.PositiveIntegerField(
        _("maximum advance period (days)"),
        default=180,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ADVANCE_DAYS)],
    )

    is_published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    calendar_token = models.CharField(max_length=64, default=new_calendar_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name", "id"]
        # The catalogue and the API list page in this order: read from the index, not a
        # sort of every facility (with its owner joined) per page.
        indexes = [models.Index(fields=["name", "id"], name="facilities_name_id_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_duration_minutes__lte=F("max_duration_minutes")),
                name="facilities_facility_min_le_max",
                violation_error_message=_(
                    "The minimum duration cannot be longer than the maximum duration."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_duration_minutes__gt=0),
                name="facilities_facility_min_positive",
                violation_error_message=_("The minimum duration must be positive."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def access_modes(self) -> list[str]:
        return [mode.value for mode in AccessMode if getattr(self, mode.value)]

    @property
    def equipment_list(self) -> list[str]:
        return [line.strip() for line in self.equipment.splitlines() if line.strip()]


class OpeningHours(models.Model):
    """One opening interval on a weekday (0 = Monday). `closes` 00:00 means midnight (24:00)."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), validators=[MaxValueValidator(6)])
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__lte=6),
                name="facilities_openinghours_weekday",
                violation_error_message=_("The weekday must be between Monday and Sunday."),
            ),
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")) | Q(closes="00:00:00"),
                name="facilities_openinghours_order",
                violation_error_message=_("The closing time must be after the opening time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens:%H:%M}-{self.closes:%H:%M}"


class Tariff(models.Model):
    """The price of a facility for one customer class, per hour and/or per day (excl. VAT)."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="tariffs")
    customer_class = models.CharField(
        _("customer class"), max_length=10, choices=CustomerClass.choices
    )
    hourly_rate = MoneyField(
        _("rate per hour (EUR)"), null=True, blank=True, validators=RATE_VALIDATORS
    )
    daily_rate = MoneyField(
        _("rate per day (EUR)"), null=True, blank=True, validators=RATE_VALIDATORS
    )

    class Meta:
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        ordering = ["facility_id", "customer_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "customer_class"],
                name="facilities_tariff_unique_class",
                violation_error_message=_("This facility already has a tariff for this class."),
            ),
            models.CheckConstraint(
                condition=(Q(hourly_rate__isnull=True) | Q(hourly_rate__gte=0))
                & (Q(daily_rate__isnull=True) | Q(daily_rate__gte=0)),
                name="facilities_tariff_not_negative",
                violation_error_message=_("A rate cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate__isnull=False) | Q(daily_rate__isnull=False),
                name="facilities_tariff_has_rate",
                violation_error_message=_("Give a rate per hour, per day or both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility} · {self.get_customer_class_display()}"


class FacilityManager(models.Model):
    """A member of the owner organisation designated to manage a facility (besides its admins)."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="managers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="managed_facilities"
    )

    class Meta:
        verbose_name = _("facility manager")
        verbose_name_plural = _("facility managers")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "user"],
                name="facilities_manager_unique",
                violation_error_message=_("This person already manages this facility."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.facility}"


class Booking(TimeStampedModel):
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="bookings")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facility_bookings"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="facility_bookings",
        verbose_name=_("booking organisation"),
    )
    customer_class = models.CharField(
        _("customer class"), max_length=10, choices=CustomerClass.choices
    )
    start = models.DateTimeField(_("start"), validators=[plausible_event_date])
    end = models.DateTimeField(_("end"), validators=[plausible_event_date])
    purpose = models.TextField(_("purpose"), max_length=2000, validators=[multi_line_text])
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    # The quote is frozen at request time so later tariff changes do not alter it.
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)
    price = MoneyField(_("price (EUR, excl. VAT)"))
    price_basis = models.CharField(_("price basis"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(
        _("reason"), max_length=2000, blank=True, validators=[multi_line_text]
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["facility", "start"], name="facilities_booking_slot")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="facilities_booking_end_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0),
                name="facilities_booking_price_not_negative",
                violation_error_message=_("The price cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.start:%Y-%m-%d %H:%M} ({self.status})"


class LivingLab(LocatedMixin, TimeStampedModel):
    """A living lab (proeftuin): a real-life test environment run by partners on both sides."""

    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="living_labs",
        verbose_name=_("coordinating organisation"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[single_line_text])
    theme = models.CharField(_("theme"), max_length=200, validators=[single_line_text])
    description = models.TextField(_("description"), max_length=5000, validators=[multi_line_text])
    test_environment = models.TextField(
        _("test environment"), max_length=5000, validators=[multi_line_text]
    )
    how_to_join = models.TextField(_("how to join"), max_length=3000, validators=[multi_line_text])
    other_locations = models.TextField(
        _("other locations"),
        max_length=2000,
        blank=True,
        help_text=_("One per line."),
        validators=[multi_line_text],
    )
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    technologies = models.ManyToManyField(
        Technology, blank=True, verbose_name=_("key technologies")
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="living_lab_partnerships", verbose_name=_("partners")
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("living lab")
        verbose_name_plural = _("living labs")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class LivingLabInvitation(TimeStampedModel):
    """A living lab asks an organisation to be listed as its partner.

    An organisation is shown as a partner (``LivingLab.partners``) only once one of its
    admins accepts, so no lab can claim a partner that never agreed.
    """

    living_lab = models.ForeignKey(LivingLab, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="living_lab_invitations"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnerInvitationStatus.choices,
        default=PartnerInvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("living-lab partner invitation")
        verbose_name_plural = _("living-lab partner invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["living_lab", "organisation"],
                condition=Q(status="pending"),
                name="living_lab_one_pending_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.living_lab} → {self.organisation} ({self.get_status_display()})"


class PilotCall(TimeStampedModel):
    """An open call of a living lab inviting companies to propose pilots."""

    living_lab = models.ForeignKey(LivingLab, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    description = models.TextField(_("description"), max_length=5000, validators=[multi_line_text])
    opens_on = models.DateField(_("opens on"), validators=[plausible_event_date])
    closes_on = models.DateField(_("closes on"), validators=[plausible_event_date])

    class Meta:
        verbose_name = _("call for pilots")
        verbose_name_plural = _("calls for pilots")
        ordering = ["-closes_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="facilities_pilotcall_dates",
                violation_error_message=_("A call cannot close before it opens."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Pilot(TimeStampedModel):
    """A pilot a company proposes to run in a living lab, and its result."""

    living_lab = models.ForeignKey(LivingLab, on_delete=models.PROTECT, related_name="pilots")
    call = models.ForeignKey(
        PilotCall, on_delete=models.PROTECT, null=True, blank=True, related_name="pilots"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposed_pilots"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="pilots", verbose_name=_("company")
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line_text])
    goal = models.TextField(_("goal"), max_length=3000, validators=[multi_line_text])
    what_is_tested = models.TextField(
        _("what will be tested"), max_length=3000, validators=[multi_line_text]
    )
    start_date = models.DateField(_("start date"), validators=[plausible_event_date])
    end_date = models.DateField(_("end date"), validators=[plausible_event_date])
    status = models.CharField(
        _("status"), max_length=10, choices=PilotStatus.choices, default=PilotStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(
        _("reason"), max_length=2000, blank=True, validators=[multi_line_text]
    )
    solution_developed = models.BooleanField(_("solution developed"), null=True, blank=True)
    result_summary = models.TextField(
        _("result"), max_length=5000, blank=True, validators=[multi_line_text]
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="facilities_pilot_dates",
                violation_error_message=_("A pilot cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status=PilotStatus.COMPLETED) | Q(solution_developed__isnull=False),
                name="facilities_pilot_result",
                violation_error_message=_(
                    "A completed pilot says whether a solution was developed."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title
