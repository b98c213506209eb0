"""The catalogue's "available" filter, the free/busy list and the booking check agree on
which bookings hold a slot, with the facility's pending_blocks on and off."""

from datetime import timedelta

import pytest
from django.db import transaction

from kennisbrug.facilities import selectors, services
from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.workflow import blocking_states
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import FacilityFactory, next_weekday

pytestmark = pytest.mark.django_db


def _request(facility, start):
    who = MembershipFactory(organisation=OrganisationFactory())
    return services.booking_request(
        facility=facility,
        requester=who.user,
        organisation=who.organisation,
        start=start,
        end=start + timedelta(hours=2),
        purpose="Metingen",
    )


def _booking_check_allows(facility, start) -> bool:
    """Whether a second request for the same slot gets through (rolled back either way)."""
    try:
        with transaction.atomic():
            _request(facility, start)
            transaction.set_rollback(True)
    except services.BookingConflict:
        return False
    return True


@pytest.mark.parametrize("pending_blocks", [True, False])
@pytest.mark.parametrize("approved", [True, False])
def test_catalogue_busy_list_and_booking_check_agree(pending_blocks, approved):
    facility = FacilityFactory(pending_blocks=pending_blocks)
    admin = MembershipFactory(organisation=facility.owner, admin=True).user
    start = next_weekday(1, 9)
    booking = _request(facility, start)
    if approved:
        services.booking_transition(obj=booking, action="approve", actor=admin)
    end = start + timedelta(hours=2)

    listed = facility in selectors.facility_list(
        filters={"available_start": start, "available_end": end}
    )
    busy = bool(selectors.busy_intervals(facility=facility, start=start, end=end))
    bookable = _booking_check_allows(facility, start)

    blocks = approved or pending_blocks
    assert (listed, busy, bookable) == (not blocks, blocks, not blocks)


def test_blocking_states_are_approved_and_requested_only_when_pending_blocks():
    assert blocking_states(pending_blocks=False) == {BookingStatus.APPROVED}
    assert blocking_states(pending_blocks=True) == {
        BookingStatus.APPROVED,
        BookingStatus.REQUESTED,
    }
