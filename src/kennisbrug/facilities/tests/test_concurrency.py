"""No double booking under concurrent requests: real threads, real transactions.

The tests ask for the `transactional_db` fixture by name (rather than the
django_db(transaction=True) marker) so the shared conftest reloads reference data
after the flush. Runs on SQLite and on PostgreSQL (DATABASE_URL=postgres://…); exactly one of many
simultaneous requests for one slot wins, the others get a conflict.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from kennisbrug.facilities import services
from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.models import Booking
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import FacilityFactory, next_weekday

THREADS = 12


def _race(facility, members, start, end, *, action):
    barrier = threading.Barrier(len(members))
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker(membership):
        try:
            barrier.wait()
            action(membership, start, end)
            result = "won"
        except services.BookingConflict:
            result = "conflict"
        except Exception as exc:  # a crash must fail the test, with its reason
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(m,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.parametrize("requires_approval", [True, False])
def test_many_concurrent_requests_for_one_slot_exactly_one_wins(
    transactional_db, requires_approval
):
    facility = FacilityFactory(requires_approval=requires_approval)
    members = [MembershipFactory(organisation=OrganisationFactory()) for _ in range(THREADS)]
    start = next_weekday(2, 9)
    end = start + timedelta(hours=2)

    def request(membership, start, end):
        # Each thread overlaps the same slot a little differently.
        offset = timedelta(minutes=15 * (membership.pk % 3))
        services.booking_request(
            facility=facility,
            requester=membership.user,
            organisation=membership.organisation,
            start=start + offset,
            end=end + offset,
            purpose="Race",
        )

    outcomes = _race(facility, members, start, end, action=request)
    assert sorted(outcomes) == ["conflict"] * (THREADS - 1) + ["won"], outcomes
    assert Booking.objects.filter(facility=facility).count() == 1


def test_concurrent_approvals_of_overlapping_requests_approve_only_one(transactional_db):
    facility = FacilityFactory(pending_blocks=False)
    admin = MembershipFactory(organisation=facility.owner, admin=True).user
    start = next_weekday(3, 10)
    bookings = []
    for _ in range(THREADS):
        m = MembershipFactory(organisation=OrganisationFactory())
        bookings.append(
            services.booking_request(
                facility=facility,
                requester=m.user,
                organisation=m.organisation,
                start=start,
                end=start + timedelta(hours=1),
                purpose="Race",
            )
        )
    queue = list(bookings)

    def approve(_membership, _start, _end):
        with threading.Lock():
            booking = queue.pop()
        services.booking_transition(action="approve", obj=booking, actor=admin)

    outcomes = _race(facility, list(range(THREADS)), start, start, action=approve)
    assert sorted(outcomes) == ["conflict"] * (THREADS - 1) + ["won"], outcomes
    assert Booking.objects.filter(facility=facility, status=BookingStatus.APPROVED).count() == 1
