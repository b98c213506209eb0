"""Writes of the facilities app: facilities, their schedule and tariffs, bookings.

No double booking: every write that can make a booking hold a slot (request, approve)
first locks the facility row (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the
IMMEDIATE transaction mode serialises writers) and only then checks for overlap with
the bookings that block (approved, and requested where the facility says requests
block). Two intervals overlap when start < other.end and end > other.start, so
touching intervals (one ends when the next starts) are allowed.
"""

import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.db import retry_when_sqlite_locked
from kennisbrug.core.shortcuts import model_set_fields
from kennisbrug.matching import index
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import is_member

from . import permissions, rules, selectors
from .constants import BookingStatus
from .documents import FACILITY
from .models import Booking, Facility, FacilityManager, OpeningHours, Tariff
from .notifications import notify_booking
from .workflow import BOOKING_TRANSITIONS, booking_can

logger = logging.getLogger(__name__)


class BookingConflict(ValidationError):
    """The slot is taken (HTTP 409 in the API)."""


FACILITY_FIELDS = {
    "name",
    "category",
    "description",
    "equipment",
    "postcode",
    "city",
    "country_id",
    "self_service",
    "operator_assisted",
    "as_a_service",
    "website",
    "contact_email",
    "requires_approval",
    "pending_blocks",
    "min_duration_minutes",
    "max_duration_minutes",
    "lead_time_hours",
    "max_advance_days",
    "is_published",
    "is_demo",
}


def _save_schedule(facility: Facility, opening_hours, tariffs) -> None:
    if opening_hours is not None:
        facility.opening_hours.all().delete()
        for weekday, opens, closes in opening_hours:
            row = OpeningHours(facility=facility, weekday=weekday, opens=opens, closes=closes)
            row.full_clean()
            row.save()
    if tariffs is not None:
        facility.tariffs.all().delete()
        seen = set()
        for tariff in tariffs:
            row = Tariff(facility=facility, **tariff)
            if row.customer_class in seen:
                raise ValidationError(
                    {"tariffs": _("Give one tariff per customer class.")}, code="duplicate"
                )
            seen.add(row.customer_class)
            row.full_clean(exclude=["facility"])
            row.save()


@transaction.atomic
def facility_create(
    *,
    owner: Organisation,
    actor,
    sectors=(),
    technologies=(),
    opening_hours=(),
    tariffs=(),
    **fields,
) -> Facility:
    """Publish a facility for `owner`. Only active admins of `owner` may.

    `opening_hours` is a list of (weekday, opens, closes) local wall-clock tuples (none:
    always open); `tariffs` a list of dicts with customer_class, hourly_rate, daily_rate.
    Raises PermissionDenied or ValidationError; nothing is written on error.
    """
    if not permissions.can_publish_for(actor, owner):
        raise PermissionDenied
    facility = Facility(owner=owner, created_by=actor)
    model_set_fields(facility, fields=FACILITY_FIELDS, data=fields)
    facility.locate()
    facility.full_clean()
    facility.save()
    facility.sectors.set(sectors)
    facility.technologies.set(technologies)
    _save_schedule(facility, list(opening_hours), list(tariffs))
    audit_record(actor=actor, action="facility_created", obj=facility)
    index.on_commit_changed(FACILITY, facility.pk)
    logger.info("facility_created facility=%s owner=%s", facility.pk, owner.pk)
    return facility


@transaction.atomic
def facility_update(
    *,
    facility: Facility,
    actor,
    sectors=None,
    technologies=None,
    opening_hours=None,
    tariffs=None,
    **fields,
) -> Facility:
    """Change a facility; only its managers may. Arguments left None stay as they are."""
    if not permissions.is_facility_manager(actor, facility):
        raise PermissionDenied
    facility = Facility.objects.select_for_update().get(pk=facility.pk)
    model_set_fields(facility, fields=FACILITY_FIELDS, data=fields)
    facility.locate()
    facility.full_clean()
    facility.save()
    if sectors is not None:
        facility.sectors.set(sectors)
    if technologies is not None:
        facility.technologies.set(technologies)
    _save_schedule(
        facility,
        None if opening_hours is None else list(opening_hours),
        None if tariffs is None else list(tariffs),
    )
    audit_record(
        actor=actor, action="facility_updated", obj=facility, data={"fields": sorted(fields)}
    )
    # an unpublished facility is no longer provided, so the index drops it
    index.on_commit_changed(FACILITY, facility.pk)
    return facility


@transaction.atomic
def facility_delete(*, facility: Facility, actor) -> None:
    """Delete a facility that was never booked (owner admins only); it leaves the search
    index after commit. A facility with bookings is kept for its history: unpublish it.
    Raises PermissionDenied or ValidationError; nothing is deleted on error.
    """
    if not permissions.can_designate_managers(actor, facility):
        raise PermissionDenied
    if Booking.objects.filter(facility=facility).exists():
        raise ValidationError(
            _("This facility has bookings and is kept for its history; unpublish it instead."),
            code="protected",
        )
    pk = facility.pk
    audit_record(actor=actor, action="facility_deleted", obj=facility)
    facility.delete()
    index.on_commit_changed(FACILITY, pk, removed=True)
    logger.info("facility_deleted facility=%s", pk)


@transaction.atomic
def facility_manager_add(*, facility: Facility, actor, user) -> FacilityManager:
    """Designate an active member of the owner organisation as manager (owner admins only)."""
    if not permissions.can_designate_managers(actor, facility):
        raise PermissionDenied
    if not is_member(user, facility.owner):
        raise ValidationError(
            {"user": _("Only active members of the owner organisation can manage a facility.")}
        )
    manager, _created = FacilityManager.objects.get_or_create(facility=facility, user=user)
    audit_record(actor=actor, action="facility_manager_added", obj=facility, data={"user": user.pk})
    return manager


@transaction.atomic
def facility_manager_remove(*, facility: Facility, actor, user) -> None:
    if not permissions.can_designate_managers(actor, facility):
        raise PermissionDenied
    FacilityManager.objects.filter(facility=facility, user=user).delete()
    audit_record(
        actor=actor, action="facility_manager_removed", obj=facility, data={"user": user.pk}
    )


def booking_quote(
    *, facility: Facility, organisation: Organisation, start: datetime, end: datetime, now=None
) -> rules.Quote:
    """Check the booking rules for [start, end) and price it for `organisation`.

    Raises ValidationError with a clear message when a rule is broken or the facility has
    no tariff for the organisation's customer class. Writes nothing.
    """
    now = now or timezone.now()
    rules.validate_booking_window(
        start=start,
        end=end,
        now=now,
        slots=selectors.facility_slots(facility=facility),
        min_minutes=facility.min_duration_minutes,
        max_minutes=facility.max_duration_minutes,
        lead_hours=facility.lead_time_hours,
        max_advance_days=facility.max_advance_days,
    )
    customer_class = selectors.customer_class_for(facility=facility, organisation=organisation)
    tariff = facility.tariffs.filter(customer_class=customer_class).first()
    if tariff is None:
        raise ValidationError(
            _("This facility has no tariff for your customer class; please contact the facility."),
            code="no_tariff",
        )
    return rules.compute_quote(
        customer_class=customer_class,
        hourly_rate=tariff.hourly_rate,
        daily_rate=tariff.daily_rate,
        start=start,
        end=end,
    )


def _blocking_states(facility: Facility) -> set[str]:
    states = {BookingStatus.APPROVED}
    if facility.pending_blocks:
        states.add(BookingStatus.REQUESTED)
    return states


def _ensure_free(facility: Facility, start, end, states, exclude_pk=None) -> None:
    clash = Booking.objects.filter(
        facility=facility, status__in=states, start__lt=end, end__gt=start
    )
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise BookingConflict(
            _("This time is no longer available; please choose another slot."), code="conflict"
        )


@retry_when_sqlite_locked
def booking_request(
    *,
    facility: Facility,
    requester,
    organisation: Organisation,
    start: datetime,
    end: datetime,
    purpose: str,
    now=None,
) -> Booking:
    """Request [start, end) for `organisation`; the requester must be an active member of it.

    The quote is computed and frozen on the booking. Facilities without approval approve
    at once. Raises PermissionDenied, ValidationError (rules, tariff) or BookingConflict.
    """
    if not is_member(requester, organisation):
        raise PermissionDenied
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": _("Say what you will use the facility for.")})
    if len(purpose) > 2000:
        raise ValidationError({"purpose": _("Keep the purpose under 2000 characters.")})
    with transaction.atomic():
        locked = Facility.objects.select_for_update().get(pk=facility.pk)
        if not locked.is_published:
            raise ValidationError(_("This facility is not open for bookings."), code="unpublished")
        quote = booking_quote(
            facility=locked, organisation=organisation, start=start, end=end, now=now
        )
        _ensure_free(locked, start, end, _blocking_states(locked))
        booking = Booking(
            facility=locked,
            requester=requester,
            organisation=organisation,
            customer_class=quote.customer_class,
            start=rules.to_utc(start),
            end=rules.to_utc(end),
            purpose=purpose,
            hours=quote.hours,
            price=quote.amount,
            price_basis=quote.basis,
        )
        booking.full_clean()
        booking.save()
        audit_record(
            actor=requester,
            action="booking_requested",
            obj=booking,
            to_state=BookingStatus.REQUESTED,
            data={"price": str(quote.amount), "customer_class": quote.customer_class},
        )
        if not locked.requires_approval:
            booking.status = BookingStatus.APPROVED
            booking.decided_at = timezone.now()
            booking.save(update_fields=["status", "decided_at", "updated_at"])
            audit_record(
                actor=None,
                action="booking_auto_approved",
                obj=booking,
                from_state=BookingStatus.REQUESTED,
                to_state=BookingStatus.APPROVED,
            )
        notify_booking(booking, "requested")
    logger.info("booking_requested booking=%s facility=%s", booking.pk, facility.pk)
    return booking


def _actor_roles(actor, booking: Booking) -> set[str]:
    roles = set()
    if permissions.is_facility_manager(actor, booking.facility):
        roles.add("manager")
    if getattr(actor, "pk", None) == booking.requester_id:
        roles.add("requester")
    return roles


@retry_when_sqlite_locked
def _transition(*, booking: Booking, actor, to_state: str, reason: str = "", now=None) -> Booking:
    with transaction.atomic():
        Facility.objects.select_for_update().get(pk=booking.facility_id)
        locked = Booking.objects.select_for_update().select_related("facility").get(pk=booking.pk)
        roles = {"system"} if actor is None else _actor_roles(actor, locked)
        if not roles:
            raise PermissionDenied
        if (locked.status, to_state) not in BOOKING_TRANSITIONS:
            raise ValidationError(
                _("A %(from)s booking cannot become %(to)s.")
                % {"from": locked.get_status_display(), "to": BookingStatus(to_state).label},
                code="transition",
            )
        if not any(booking_can(locked.status, to_state, role) for role in roles):
            raise PermissionDenied
        if to_state == BookingStatus.APPROVED:
            _ensure_free(
                locked.facility, locked.start, locked.end, {BookingStatus.APPROVED}, locked.pk
            )
        if to_state == BookingStatus.COMPLETED and locked.end > (now or timezone.now()):
            raise ValidationError(
                _("A booking can only be marked done after it has ended."), code="not_ended"
            )
        from_state = locked.status
        locked.status = to_state
        locked.reason = reason
        if to_state in {BookingStatus.APPROVED, BookingStatus.REJECTED}:
            locked.decided_by = actor
            locked.decided_at = timezone.now()
        locked.save()
        audit_record(
            actor=actor,
            action=f"booking_{to_state}",
            obj=locked,
            from_state=from_state,
            to_state=to_state,
            reason=reason,
        )
        notify_booking(locked, to_state)
    logger.info("booking_%s booking=%s", to_state, locked.pk)
    return locked


def booking_approve(*, booking: Booking, actor) -> Booking:
    """A facility manager approves a requested booking; fails with BookingConflict on overlap."""
    return _transition(booking=booking, actor=actor, to_state=BookingStatus.APPROVED)


def booking_reject(*, booking: Booking, actor, reason: str) -> Booking:
    """A facility manager rejects a requested booking; a reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the rejection.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2000 characters.")})
    return _transition(booking=booking, actor=actor, to_state=BookingStatus.REJECTED, reason=reason)


def booking_cancel(*, booking: Booking, actor, reason: str = "") -> Booking:
    """The requester or a manager cancels a requested or approved booking; the slot frees."""
    reason = (reason or "").strip()[:2000]
    return _transition(
        booking=booking, actor=actor, to_state=BookingStatus.CANCELLED, reason=reason
    )


def booking_complete(*, booking: Booking, actor, now=None) -> Booking:
    """Mark an approved booking that has ended as done (a manager, or the system when actor=None)."""
    return _transition(booking=booking, actor=actor, to_state=BookingStatus.COMPLETED, now=now)


def bookings_complete_ended(*, now=None) -> int:
    """Mark every approved booking that ended before `now` as done. Returns how many."""
    now = now or timezone.now()
    done = 0
    for booking in Booking.objects.filter(status=BookingStatus.APPROVED, end__lte=now):
        booking_complete(booking=booking, actor=None, now=now)
        done += 1
    return done
