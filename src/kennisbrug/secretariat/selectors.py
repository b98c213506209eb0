"""What waits for the secretariat. Reads only; each function returns a queryset."""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.models import Booking
from kennisbrug.innovation.constants import IntroductionState
from kennisbrug.innovation.models import Introduction
from kennisbrug.organisations.constants import MembershipRole, MembershipStatus
from kennisbrug.organisations.models import Membership
from kennisbrug.vouchers.constants import ApplicationStatus
from kennisbrug.vouchers.models import Application

# An introduction nobody answered for this long is stuck; one this close to its
# expiry is about to lapse.
STUCK_AFTER = dt.timedelta(days=7)
EXPIRING_WITHIN = dt.timedelta(days=3)


def vouchers_awaiting() -> QuerySet[Application]:
    """Applications waiting for a first review or for the second person's decision."""
    return (
        Application.objects.filter(
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.REVIEWED]
        )
        .select_related("applicant", "scheme", "reviewed_by")
        .order_by("submitted_at", "id")
    )


def bookings_awaiting() -> QuerySet[Booking]:
    return (
        Booking.objects.filter(status=BookingStatus.REQUESTED)
        .select_related("facility", "organisation")
        .order_by("start", "id")
    )


def _active_members(field: str):
    return Membership.objects.filter(organisation=OuterRef(field), status=MembershipStatus.ACTIVE)


def _open_introductions(*, provider_has_members: bool) -> QuerySet[Introduction]:
    has_members = Exists(_active_members("provider_organisation"))
    return Introduction.objects.filter(
        has_members if provider_has_members else ~has_members,
        state=IntroductionState.REQUESTED,
    )


def introductions_without_recipient() -> QuerySet[Introduction]:
    """Open introductions that nobody on the platform can answer (the provider has no
    active member): the secretariat forwards them. Oldest first."""
    return (
        _open_introductions(provider_has_members=False)
        .select_related("requester_organisation", "provider_organisation")
        .order_by("created_at", "id")
    )


def introductions_attention(*, now: dt.datetime | None = None) -> QuerySet[Introduction]:
    """Open introductions with someone to answer that are stuck or about to expire (the
    ones without a recipient have their own card)."""
    now = now or timezone.now()
    open_ = _open_introductions(provider_has_members=True)
    return (
        (
            open_.filter(expires_at__lte=now + EXPIRING_WITHIN)
            | open_.filter(created_at__lte=now - STUCK_AFTER)
        )
        .select_related("requester_organisation", "provider_organisation")
        .order_by("expires_at", "id")
    )


def membership_requests() -> QuerySet[Membership]:
    """Pending join requests; those of organisations without an admin only we can decide."""
    admins = Membership.objects.filter(
        organisation=OuterRef("organisation"),
        status=MembershipStatus.ACTIVE,
        role=MembershipRole.ADMIN,
    )
    return (
        Membership.objects.filter(status=MembershipStatus.PENDING)
        .annotate(organisation_has_admin=Exists(admins))
        .select_related("user", "organisation")
        .order_by("organisation_has_admin", "created_at", "id")
    )
