"""The booking state machine: one test per edge, forbidden edges and actors, audit trail."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kennisbrug.core.audit import audit_trail
from kennisbrug.facilities import services
from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.workflow import BOOKING_TRANSITIONS
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import FacilityFactory, next_weekday

pytestmark = pytest.mark.django_db
B = BookingStatus


@pytest.fixture
def setup():
    facility = FacilityFactory()
    manager = MembershipFactory(organisation=facility.owner, admin=True).user
    who = MembershipFactory(organisation=OrganisationFactory())
    start = next_weekday(1, 9)
    booking = services.booking_request(
        facility=facility,
        requester=who.user,
        organisation=who.organisation,
        start=start,
        end=start + timedelta(hours=2),
        purpose="Test",
    )
    return booking, manager, who.user


def test_table_has_exactly_the_documented_edges():
    assert set(BOOKING_TRANSITIONS) == {
        (B.REQUESTED, B.APPROVED),
        (B.REQUESTED, B.REJECTED),
        (B.REQUESTED, B.CANCELLED),
        (B.APPROVED, B.CANCELLED),
        (B.APPROVED, B.COMPLETED),
    }


def test_requested_to_approved_by_manager(setup):
    booking, manager, _ = setup
    booking = services.booking_transition(action="approve", obj=booking, actor=manager)
    assert booking.status == B.APPROVED and booking.decided_by == manager
    record = audit_trail(booking).get(action="booking_approved")
    assert (record.from_state, record.to_state, record.actor) == (B.REQUESTED, B.APPROVED, manager)


def test_requested_to_rejected_with_reason(setup):
    booking, manager, _ = setup
    with pytest.raises(ValidationError):
        services.booking_transition(action="reject", obj=booking, actor=manager, reason="  ")
    booking = services.booking_transition(
        action="reject", obj=booking, actor=manager, reason="Onderhoud"
    )
    assert booking.status == B.REJECTED and booking.reason == "Onderhoud"
    assert audit_trail(booking).filter(action="booking_rejected", reason="Onderhoud").exists()


def test_requested_to_cancelled_by_requester(setup):
    booking, _, requester = setup
    assert (
        services.booking_transition(action="cancel", obj=booking, actor=requester).status
        == B.CANCELLED
    )


def test_approved_to_cancelled_by_manager(setup):
    booking, manager, _ = setup
    services.booking_transition(action="approve", obj=booking, actor=manager)
    assert services.booking_transition(
        action="cancel", obj=booking, actor=manager, reason="Defect"
    ).status == (B.CANCELLED)


def test_approved_to_completed_only_after_end(setup):
    booking, manager, _ = setup
    services.booking_transition(action="approve", obj=booking, actor=manager)
    with pytest.raises(ValidationError):
        services.booking_transition(action="complete", obj=booking, actor=manager)
    done = services.booking_transition(
        action="complete", obj=booking, actor=manager, now=booking.end + timedelta(seconds=1)
    )
    assert done.status == B.COMPLETED


def test_requester_cannot_approve_or_reject(setup):
    booking, _, requester = setup
    with pytest.raises(PermissionDenied):
        services.booking_transition(action="approve", obj=booking, actor=requester)
    with pytest.raises(PermissionDenied):
        services.booking_transition(action="reject", obj=booking, actor=requester, reason="nee")
    booking.refresh_from_db()
    assert booking.status == B.REQUESTED


def test_strangers_cannot_touch_a_booking(setup):
    booking, _, _ = setup
    stranger = MembershipFactory(organisation=OrganisationFactory(), admin=True).user
    for action in ("approve", "cancel"):
        with pytest.raises(PermissionDenied):
            services.booking_transition(obj=booking, action=action, actor=stranger)


@pytest.mark.parametrize("final", ["rejected", "cancelled"])
def test_final_states_have_no_way_out(setup, final):
    booking, manager, _ = setup
    if final == "rejected":
        services.booking_transition(action="reject", obj=booking, actor=manager, reason="Nee")
    else:
        services.booking_transition(action="cancel", obj=booking, actor=manager)
    with pytest.raises(ValidationError) as info:
        services.booking_transition(action="approve", obj=booking, actor=manager)
    assert "cannot become" in info.value.messages[0]


def test_cannot_approve_twice(setup):
    booking, manager, _ = setup
    services.booking_transition(action="approve", obj=booking, actor=manager)
    with pytest.raises(ValidationError):
        services.booking_transition(action="approve", obj=booking, actor=manager)
