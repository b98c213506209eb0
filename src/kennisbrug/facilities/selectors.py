"""Reads of the facilities app: catalogue, availability, bookings, customer class."""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from kennisbrug.core.selectors import attach_tag_codes
from kennisbrug.core.shortcuts import get_object
from kennisbrug.organisations.constants import OrganisationType, SizeClass
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.permissions import user_organisations

from . import booking_rules, permissions
from .constants import CustomerClass, PartnerInvitationStatus
from .models import (
    Booking,
    Facility,
    LivingLab,
    LivingLabInvitation,
    OpeningHours,
    Pilot,
    Tariff,
)
from .workflow import blocking_states

SME_SIZES = {SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM}


def customer_class_for(*, facility: Facility, organisation: Organisation) -> str:
    """internal = the owner itself; academic = knowledge institution; SME = SME type or an
    SME size class; everything else (large enterprises, governments, intermediaries) = large."""
    if organisation.pk == facility.owner_id:
        return CustomerClass.INTERNAL
    if organisation.type == OrganisationType.KNOWLEDGE_INSTITUTION:
        return CustomerClass.ACADEMIC
    if organisation.type == OrganisationType.SME or organisation.size_class in SME_SIZES:
        return CustomerClass.SME
    return CustomerClass.LARGE


def with_list_details(facilities: list[Facility]) -> list[Facility]:
    """Give each of `facilities` what the API shows of its relations, in four queries of
    plain values: `sector_codes`, `technology_codes`, `opening_rows` (weekday, opens, closes)
    and `tariff_rows` (customer class, hourly rate, daily rate), in the order prefetching
    would give them. For lists: prefetching built a model instance and a related manager per
    row, which cost more than the queries."""
    by_id: dict[int, Any] = {facility.pk: facility for facility in facilities}
    for facility in by_id.values():
        facility.opening_rows, facility.tariff_rows = [], []
    if not by_id:
        return facilities
    attach_tag_codes(by_id, Facility)
    for pk, *row in (
        OpeningHours.objects.filter(facility_id__in=by_id)
        .order_by("weekday", "opens", "pk")
        .values_list("facility_id", "weekday", "opens", "closes")
    ):
        by_id[pk].opening_rows.append(tuple(row))
    for pk, *row in (
        Tariff.objects.filter(facility_id__in=by_id)
        .order_by("customer_class", "pk")
        .values_list("facility_id", "customer_class", "hourly_rate", "daily_rate")
    ):
        by_id[pk].tariff_rows.append(tuple(row))
    return facilities


def facility_slots(*, facility: Facility) -> list[booking_rules.WeeklySlot]:
    return [
        booking_rules.WeeklySlot(row.weekday, row.opens, row.closes)
        for row in facility.opening_hours.all()
    ]


def facility_catalogue_audience(*, user) -> str:
    """What the catalogue shows `user` beyond what everyone sees, as a key for the kept
    catalogue (core.fragments): the unpublished facilities they manage ("" for anonymous
    visitors and for most members, who see the public catalogue)."""
    return ",".join(str(pk) for pk in permissions.unpublished_managed_ids(user))


def facility_list(*, user=None, filters: dict | None = None) -> QuerySet[Facility]:
    """Published facilities (plus unpublished ones the user manages), filtered.

    filters: q (text), category, country, province, sector, technology, access_mode,
    owner, available_start + available_end (free of blocking bookings and open then).
    """
    filters = filters or {}
    visible = Q(is_published=True)
    if getattr(user, "is_authenticated", False):
        visible |= Q(pk__in=list(permissions.managed_facility_ids(user)))
    qs = Facility.objects.filter(visible).select_related("owner", "country", "nuts3__province")
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(description__icontains=q)
            | Q(equipment__icontains=q)
            | Q(owner__name__icontains=q)
            | Q(city__icontains=q)
        )
    if value := filters.get("category"):
        qs = qs.filter(category=value)
    if value := filters.get("country"):
        qs = qs.filter(country_id=value)
    if value := filters.get("province"):
        qs = qs.filter(nuts3__province_id=value)
    # Many-to-many filters as subqueries, not joins, so the list needs no DISTINCT (which
    # sorted every column of every row and made the catalogue several times slower).
    if value := filters.get("sector"):
        qs = qs.filter(
            pk__in=Facility.sectors.through.objects.filter(sector__code=value).values("facility_id")
        )
    if value := filters.get("technology"):
        qs = qs.filter(
            pk__in=Facility.technologies.through.objects.filter(technology__code=value).values(
                "facility_id"
            )
        )
    if value := filters.get("access_mode"):
        qs = qs.filter(**{value: True})
    if value := filters.get("owner"):
        qs = qs.filter(owner_id=value)
    start, end = filters.get("available_start"), filters.get("available_end")
    if start and end:
        candidates = list(qs.prefetch_related("opening_hours"))
        busy: dict[int, list] = {}
        blocking = Q()
        for pending_blocks in (False, True):
            ids = [f.pk for f in candidates if f.pending_blocks == pending_blocks]
            if ids:
                blocking |= Q(
                    facility_id__in=ids,
                    status__in=blocking_states(pending_blocks=pending_blocks),
                )
        for fid, b_start, b_end in Booking.objects.filter(
            blocking, facility_id__in=[f.pk for f in candidates], start__lt=end, end__gt=start
        ).values_list("facility_id", "start", "end"):
            busy.setdefault(fid, []).append((b_start, b_end))
        free_ids = [
            f.pk
            for f in candidates
            if booking_rules.subtract(
                booking_rules.open_intervals(facility_slots(facility=f), start, end),
                busy.get(f.pk, []),
            )
        ]
        qs = Facility.objects.filter(pk__in=free_ids).select_related(
            "owner", "country", "nuts3__province"
        )
    return qs.order_by("name", "id")


def busy_intervals(*, facility: Facility, start: datetime, end: datetime) -> list[tuple]:
    """Free/busy: the (start, end) of bookings that hold a slot, without who booked."""
    states = blocking_states(pending_blocks=facility.pending_blocks)
    return list(
        Booking.objects.filter(facility=facility, status__in=states, start__lt=end, end__gt=start)
        .order_by("start")
        .values_list("start", "end")
    )


def facility_bookings(*, facility: Facility, start=None, end=None) -> QuerySet[Booking]:
    qs = facility.bookings.select_related("requester", "organisation")
    if start is not None:
        qs = qs.filter(end__gt=start)
    if end is not None:
        qs = qs.filter(start__lt=end)
    return qs.order_by("start")


def booking_list_for_requester(*, user) -> QuerySet[Booking]:
    if not getattr(user, "is_authenticated", False):
        return Booking.objects.none()
    return Booking.objects.filter(requester=user).select_related("facility", "organisation")


def booking_list_for_manager(*, user, status: str | None = None) -> QuerySet[Booking]:
    qs = Booking.objects.filter(facility_id__in=list(permissions.managed_facility_ids(user)))
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("facility", "organisation", "requester").order_by("start")


def booking_activity() -> list[tuple]:
    """Indicator source "bookings": (id, organisation, facility owner, status, start)."""
    return list(
        Booking.objects.values_list(
            "id", "organisation_id", "facility__owner_id", "status", "start"
        ).iterator()
    )


def pilot_activity() -> list[tuple]:
    """Indicator source "pilots": (id, title, company, living lab, lab owner, lab partner ids,
    status, start date, end date, solution developed)."""
    partners: dict[int, set[int]] = {}
    through = LivingLab.partners.through
    for lab_id, org_id in through.objects.values_list("livinglab_id", "organisation_id"):
        partners.setdefault(lab_id, set()).add(org_id)
    rows = Pilot.objects.values_list(
        "id",
        "title",
        "organisation_id",
        "living_lab_id",
        "living_lab__owner_id",
        "status",
        "start_date",
        "end_date",
        "solution_developed",
    )
    return [
        (i, t, c, lab, owner, frozenset(partners.get(lab, ())), s, start, end, sol)
        for i, t, c, lab, owner, s, start, end, sol in rows.iterator()
    ]


def facility_visible(*, user, pk) -> Facility:
    """One facility for `user`: Http404 when absent, PermissionDenied when not theirs to see."""
    facility = get_object(
        Facility.objects.select_related("owner", "nuts3__province").prefetch_related(
            "sectors", "technologies", "opening_hours", "tariffs"
        ),
        pk=pk,
    )
    if facility is None:
        raise Http404
    if not permissions.can_view_facility(user, facility):
        raise PermissionDenied
    return facility


def booking_visible(*, user, pk) -> Booking:
    """One booking for `user`: Http404 when absent, PermissionDenied when not theirs to see."""
    booking = get_object(
        Booking.objects.select_related("facility__owner", "organisation", "requester"), pk=pk
    )
    if booking is None:
        raise Http404
    if not permissions.can_view_booking(user, booking):
        raise PermissionDenied
    return booking


def living_lab_list(*, q: str = "", country: str = "") -> QuerySet[LivingLab]:
    """Living labs by name, whose name, theme or description holds `q`, in `country`
    (BE or NL; anything else: both)."""
    labs = LivingLab.objects.select_related("owner", "country", "nuts3__province").order_by("name")
    if q:
        labs = labs.filter(
            Q(name__icontains=q) | Q(theme__icontains=q) | Q(description__icontains=q)
        )
    if country in {"BE", "NL"}:
        labs = labs.filter(country_id=country)
    return labs


def lab_invitations_for(*, user) -> QuerySet[LivingLabInvitation]:
    """Partner invitations to organisations `user` is an active member of, open ones first."""
    return (
        LivingLabInvitation.objects.filter(organisation__in=user_organisations(user))
        .select_related("living_lab__owner", "organisation")
        .order_by(_pending_first(), "-created_at", "-id")
    )


def lab_pending_invitations(*, living_lab: LivingLab) -> QuerySet[LivingLabInvitation]:
    """Organisations the lab asked to be partners that have not answered yet."""
    return living_lab.invitations.filter(status=PartnerInvitationStatus.PENDING).select_related(
        "organisation"
    )


def _pending_first():
    return Case(
        When(status=PartnerInvitationStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def pilot_list_for(*, user) -> QuerySet[Pilot]:
    """Pilots `user` proposed and pilots in living labs of organisations they administer,
    newest first."""
    admin_orgs = permissions.admin_organisations(user)
    return (
        Pilot.objects.filter(Q(proposer=user) | Q(living_lab__owner__in=admin_orgs))
        .select_related("living_lab", "organisation")
        .distinct()
        .order_by("-created_at", "-id")
    )


def pilot_visible(*, user, pk) -> Pilot:
    """One pilot for `user`: Http404 when absent, PermissionDenied when not theirs to see."""
    pilot = get_object(Pilot.objects.select_related("living_lab__owner", "organisation"), pk=pk)
    if pilot is None:
        raise Http404
    if not permissions.can_view_pilot(user, pilot):
        raise PermissionDenied
    return pilot


# How far ahead the next free periods are looked for when a slot is taken.
FREE_SLOT_SEARCH_DAYS = 62


def facility_free_periods(
    *, facility: Facility, start: datetime, end: datetime, now=None, count: int = 3
) -> list[tuple[datetime, datetime]]:
    """The next `count` periods as long as [start, end), from `start` on, that the facility
    could still take: open throughout, free of bookings that hold a slot, and within its
    lead time and advance limit. Empty when there is none in the coming weeks."""
    now = now or timezone.now()
    duration = booking_rules.to_utc(end) - booking_rules.to_utc(start)
    earliest = max(booking_rules.to_utc(start), now + timedelta(hours=facility.lead_time_hours))
    latest = now + timedelta(days=facility.max_advance_days)
    horizon = min(latest, earliest + timedelta(days=FREE_SLOT_SEARCH_DAYS))
    if duration <= timedelta(0) or earliest + duration > horizon:
        return []
    free = booking_rules.subtract(
        booking_rules.open_intervals(facility_slots(facility=facility), earliest, horizon),
        busy_intervals(facility=facility, start=earliest, end=horizon),
    )
    return booking_rules.fitting_periods(free, duration, count=count)
