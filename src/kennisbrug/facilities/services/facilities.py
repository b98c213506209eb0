"""Writes of the facilities app: facilities, their schedule and tariffs, bookings.

No double booking: every write that can make a booking hold a slot (request, approve)
first locks the facility row (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the
IMMEDIATE transaction mode serialises writers) and only then checks for overlap with
the bookings that block (approved, and requested where the facility says requests
block). Two intervals overlap when start < other.end and end > other.start, so
touching intervals (one ends when the next starts) are allowed.
"""

import functools
import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kennisbrug.core.audit import audit_record
from kennisbrug.core.db import retry_when_sqlite_locked
from kennisbrug.core.shortcuts import model_set_fields
from kennisbrug.core.workflow import transition
from kennisbrug.matching import index
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import is_member

from .. import booking_rules, overlap, permissions, selectors
from ..constants import USED_STATES, BookingStatus
from ..documents import FACILITY
from ..models import Booking, Facility, FacilityManager, OpeningHours, Tariff
from ..notifications import notify_booking
from ..workflow import BOOKING, MANAGER, REQUESTER, blocking_states

logger = logging.getLogger(__name__)


class BookingConflict(ValidationError):
    """The slot is taken (HTTP 409 in the API); `alternatives` are free periods of the same
    length, when the check looked for them."""

    def __init__(self, message, code=None, params=None, alternatives=()):
        super().__init__(message, code=code, params=params)
        self.alternatives = list(alternatives)


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
            price = Tariff(facility=facility, **tariff)
            if price.customer_class in seen:
                raise ValidationError(
                    {"tariffs": _("Give one tariff per customer class.")}, code="duplicate"
                )
            seen.add(price.customer_class)
            price.full_clean(exclude=["facility"])
            price.save()


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
    *,
    facility: Facility,
    requester,
    organisation: Organisation,
    start: datetime,
    end: datetime,
    now=None,
) -> booking_rules.Quote:
    """Check the booking rules for [start, end) and price it for `organisation`.

    The requester must be an active member of `organisation` (PermissionDenied before
    anything is checked): a quote names the organisation's customer class and price, which
    are nobody else's business. Raises ValidationError with a clear message when a rule is broken or the facility has
    no tariff for the organisation's customer class, and BookingConflict (with the next
    free periods of the same length) when the slot is already taken. Writes nothing.
    """
    if not is_member(requester, organisation):
        raise PermissionDenied(
            _("You can only ask for a price for an organisation you are an active member of.")
        )
    now = now or timezone.now()
    booking_rules.validate_booking_window(
        start=start,
        end=end,
        now=now,
        slots=selectors.facility_slots(facility=facility),
        min_minutes=facility.min_duration_minutes,
        max_minutes=facility.max_duration_minutes,
        lead_hours=facility.lead_time_hours,
        max_advance_days=facility.max_advance_days,
    )
    _ensure_free(
        facility,
        start,
        end,
        blocking_states(pending_blocks=facility.pending_blocks),
        alternatives_from=now,
    )
    customer_class = selectors.customer_class_for(facility=facility, organisation=organisation)
    tariff = facility.tariffs.filter(customer_class=customer_class).first()
    if tariff is None:
        raise ValidationError(
            _("This facility has no tariff for your customer class; please contact the facility."),
            code="no_tariff",
        )
    return booking_rules.compute_quote(
        customer_class=customer_class,
        hourly_rate=tariff.hourly_rate,
        daily_rate=tariff.daily_rate,
        start=start,
        end=end,
    )


def _conflict() -> BookingConflict:
    return BookingConflict(
        _("This time is no longer available; please choose another slot."), code="conflict"
    )


def _ensure_free(
    facility: Facility, start, end, states, exclude_pk=None, alternatives_from=None
) -> None:
    """Raise BookingConflict when [start, end) overlaps a booking in `states`; with
    `alternatives_from` (now) the error carries the next free periods of the same length."""
    clash = Booking.objects.filter(
        facility=facility, status__in=states, start__lt=end, end__gt=start
    )
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if not clash.exists():
        return
    if alternatives_from is None:
        raise _conflict()
    alternatives = selectors.facility_free_periods(
        facility=facility, start=start, end=end, now=alternatives_from
    )
    if alternatives:
        message = _(
            "This time is already taken. The next free periods of the same length are "
            "listed below the form."
        )
    else:
        message = _(
            "This time is already taken, and no period of the same length is free in the "
            "coming weeks. See when the facility is free."
        )
    raise BookingConflict(message, code="conflict", alternatives=alternatives)


def _database_guarded(func):
    """Turn the database's own no-overlap refusal (facilities/overlap.py) into the
    ordinary BookingConflict: the checks above normally answer first, the database
    answers when a write slipped past them."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except IntegrityError as exc:
            if overlap.is_overlap(exc):
                logger.warning("booking_overlap_refused_by_database")
                raise _conflict() from exc
            raise

    return wrapper


@retry_when_sqlite_locked
@_database_guarded
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
            facility=locked,
            requester=requester,
            organisation=organisation,
            start=start,
            end=end,
            now=now,
        )
        _ensure_free(locked, start, end, blocking_states(pending_blocks=locked.pending_blocks))
        booking = Booking(
            facility=locked,
            requester=requester,
            organisation=organisation,
            customer_class=quote.customer_class,
            start=booking_rules.to_utc(start),
            end=booking_rules.to_utc(end),
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
        roles.add(MANAGER)
    if getattr(actor, "pk", None) == booking.requester_id:
        roles.add(REQUESTER)
    return roles


def _lock_booking(booking: Booking) -> Booking:
    # the facility first, as booking_request does, so both queue on the same row
    Facility.objects.select_for_update().get(pk=booking.facility_id)
    return Booking.objects.select_for_update().select_related("facility").get(pk=booking.pk)


def _clean_reason(action: str, reason: str) -> str:
    reason = (reason or "").strip()
    if action == "reject":
        if not reason:
            raise ValidationError({"reason": _("Give a reason for the rejection.")})
        if len(reason) > 2000:
            raise ValidationError({"reason": _("Keep the reason under 2000 characters.")})
    if action in {"approve", "complete"}:
        return ""
    return reason[:2000]


@_database_guarded
def booking_transition(*, obj: Booking, action: str, actor, reason: str = "", now=None) -> Booking:
    """Take `action` (approve, reject, cancel, complete; see workflow.BOOKING) on a booking.

    Managers approve, reject (a reason is required), cancel and complete; the requester
    cancels; the system (actor=None) approves and completes. Approving fails with
    BookingConflict when an approved booking overlaps; completing only after the end.
    Raises PermissionDenied, TransitionNotAllowed (code "transition") or ValidationError.
    """
    reason = _clean_reason(action, reason)

    def apply(booking: Booking, edge) -> None:
        if edge.target == BookingStatus.APPROVED:
            # other pending requests for the slot do not stop an approval; they lose out
            _ensure_free(
                booking.facility,
                booking.start,
                booking.end,
                USED_STATES,
                booking.pk,
            )
        if edge.target == BookingStatus.COMPLETED and booking.end > (now or timezone.now()):
            raise ValidationError(
                _("A booking can only be marked done after it has ended."), code="not_ended"
            )
        booking.reason = reason
        if edge.target in {BookingStatus.APPROVED, BookingStatus.REJECTED}:
            booking.decided_by = actor
            booking.decided_at = timezone.now()

    return transition(
        workflow=BOOKING,
        obj=obj,
        action=action,
        actor=actor,
        roles=lambda booking: _actor_roles(actor, booking),
        lock=_lock_booking,
        reason=reason,
        apply=apply,
        notify=lambda booking, edge: notify_booking(booking, edge.target),
        log_context=lambda booking: {"facility_id": booking.facility_id},
    )


def bookings_complete_ended(*, now=None) -> int:
    """Mark every approved booking that ended before `now` as done. Returns how many."""
    now = now or timezone.now()
    done = 0
    for booking in Booking.objects.filter(status=BookingStatus.APPROVED, end__lte=now):
        booking_transition(obj=booking, action="complete", actor=None, now=now)
        done += 1
    return done
