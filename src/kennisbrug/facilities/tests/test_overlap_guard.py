"""The database refuses overlapping bookings that hold a slot (facilities/overlap.py),
on SQLite (triggers) and PostgreSQL (exclusion constraint), whoever writes them."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog
from kennisbrug.facilities import overlap, services
from kennisbrug.facilities.constants import USED_STATES, BookingStatus
from kennisbrug.facilities.models import Booking
from kennisbrug.facilities.services import facilities as facility_services
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import BookingFactory, FacilityFactory, next_weekday

pytestmark = pytest.mark.django_db

B = BookingStatus


def _refused(**kwargs) -> None:
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        BookingFactory(**kwargs)
    assert overlap.is_overlap(raised.value)


def test_the_guard_covers_exactly_the_states_that_hold_a_slot():
    assert set(overlap.HOLDING_STATES) == {str(state) for state in USED_STATES}


@pytest.mark.parametrize("first", [B.APPROVED, B.COMPLETED])
@pytest.mark.parametrize("second", [B.APPROVED, B.COMPLETED])
def test_an_overlapping_holding_booking_is_refused_by_the_database(first, second):
    booking = BookingFactory(status=first)
    _refused(
        facility=booking.facility,
        status=second,
        start=booking.start + timedelta(hours=1),
        end=booking.end + timedelta(hours=1),
    )
    _refused(facility=booking.facility, status=second, start=booking.start, end=booking.end)
    # enclosing and enclosed
    _refused(
        facility=booking.facility,
        status=second,
        start=booking.start - timedelta(hours=1),
        end=booking.end + timedelta(hours=1),
    )
    _refused(
        facility=booking.facility,
        status=second,
        start=booking.start + timedelta(minutes=15),
        end=booking.end - timedelta(minutes=15),
    )
    assert Booking.objects.filter(facility=booking.facility).count() == 1


@pytest.mark.parametrize("other_state", [B.REQUESTED, B.REJECTED, B.CANCELLED])
def test_non_holding_states_may_overlap(other_state):
    booking = BookingFactory(approved=True)
    BookingFactory(facility=booking.facility, status=other_state, start=booking.start)
    BookingFactory(facility=booking.facility, status=other_state, start=booking.start)


def test_touching_bookings_and_other_facilities_are_fine():
    booking = BookingFactory(approved=True)
    BookingFactory(
        facility=booking.facility,
        approved=True,
        start=booking.end,
        end=booking.end + timedelta(hours=1),
    )
    BookingFactory(
        facility=booking.facility,
        approved=True,
        start=booking.start - timedelta(hours=1),
        end=booking.start,
    )
    BookingFactory(approved=True, start=booking.start, end=booking.end)  # another facility


def test_moving_or_approving_onto_a_taken_slot_is_refused_by_the_database():
    taken = BookingFactory(approved=True)
    later = BookingFactory(
        facility=taken.facility, approved=True, start=taken.end + timedelta(hours=1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=later.pk).update(start=taken.start, end=taken.end)
    pending = BookingFactory(facility=taken.facility, start=taken.start)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=pending.pk).update(status=B.APPROVED)
    other_facility = BookingFactory(approved=True, start=taken.start)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=other_facility.pk).update(facility=taken.facility)
    later.refresh_from_db()
    pending.refresh_from_db()
    assert later.start == taken.end + timedelta(hours=1)
    assert pending.status == B.REQUESTED
    # a booking may be saved again on its own slot, and give up its slot
    taken.purpose = "Andere metingen."
    taken.save()
    Booking.objects.filter(pk=taken.pk).update(status=B.CANCELLED)
    Booking.objects.filter(pk=pending.pk).update(status=B.APPROVED)


def _skip_application_check(monkeypatch):
    """Let the services' own overlap check pass everything, so the database decides."""
    monkeypatch.setattr(facility_services, "_ensure_free", lambda *args, **kwargs: None)


def test_the_service_turns_the_database_refusal_into_the_slot_taken_error(monkeypatch):
    _skip_application_check(monkeypatch)
    facility = FacilityFactory(pending_blocks=False)
    admin = MembershipFactory(organisation=facility.owner, admin=True).user
    taken = BookingFactory(facility=facility, approved=True, start=next_weekday(1, 10))
    pending = BookingFactory(facility=facility, start=taken.start)
    audits = AuditLog.objects.count()
    with pytest.raises(services.BookingConflict) as raised:
        services.booking_transition(action="approve", obj=pending, actor=admin)
    assert raised.value.messages == [
        "This time is no longer available; please choose another slot."
    ]
    assert raised.value.code == "conflict"
    pending.refresh_from_db()
    assert pending.status == B.REQUESTED
    assert AuditLog.objects.count() == audits

    # a facility without approval approves at once: the request itself is refused
    facility.requires_approval = False
    facility.save()
    member = MembershipFactory()
    with pytest.raises(services.BookingConflict):
        services.booking_request(
            facility=facility,
            requester=member.user,
            organisation=member.organisation,
            start=taken.start,
            end=taken.end,
            purpose="Meting",
        )
    assert Booking.objects.filter(facility=facility).count() == 2


def test_approving_after_a_completed_booking_on_the_same_slot_is_a_conflict():
    facility = FacilityFactory(pending_blocks=False)
    admin = MembershipFactory(organisation=facility.owner, admin=True).user
    done = BookingFactory(facility=facility, status=B.COMPLETED)
    pending = BookingFactory(facility=facility, start=done.start)
    with pytest.raises(services.BookingConflict):
        services.booking_transition(action="approve", obj=pending, actor=admin)


def test_the_admin_cannot_edit_add_or_delete_bookings(client):
    staff = UserFactory(secretariat=True, is_staff=True, is_superuser=True)
    taken = BookingFactory(approved=True)
    later = BookingFactory(
        facility=taken.facility, approved=True, start=taken.end + timedelta(hours=1)
    )
    log_in(client, staff)
    change = reverse("admin:facilities_booking_change", args=[later.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert b'name="start' not in page.content  # shown, not editable
    response = client.post(
        change,
        {
            "facility": later.facility_id,
            "requester": later.requester_id,
            "organisation": later.organisation_id,
            "start_0": taken.start.date().isoformat(),
            "start_1": "09:00",
            "end_0": taken.end.date().isoformat(),
            "end_1": "11:00",
            "purpose": "Verplaatst",
        },
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:facilities_booking_add")).status_code == 403
    assert (
        client.get(reverse("admin:facilities_booking_delete", args=[later.pk])).status_code == 403
    )
    later.refresh_from_db()
    assert later.start == taken.end + timedelta(hours=1)


def test_admin_actions_go_through_the_services_and_leave_an_audit_record(client, english_site):
    facility = FacilityFactory(pending_blocks=False)
    manager = MembershipFactory(organisation=facility.owner, admin=True).user
    manager.is_staff = True
    manager.is_superuser = True
    manager.save()
    taken = BookingFactory(facility=facility, approved=True)
    clash = BookingFactory(facility=facility, start=taken.start)
    free = BookingFactory(facility=facility, start=taken.end)
    log_in(client, manager)
    response = client.post(
        reverse("admin:facilities_booking_changelist"),
        {"action": "approve_bookings", "_selected_action": [clash.pk, free.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "This time is no longer available" in response.content.decode()
    clash.refresh_from_db()
    free.refresh_from_db()
    assert clash.status == B.REQUESTED
    assert free.status == B.APPROVED
    assert AuditLog.objects.filter(
        action="booking_approved", object_id=str(free.pk), actor=manager
    ).exists()


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_the_sqlite_guard_comes_back_after_a_migration_rebuilt_the_table():
    with connection.cursor() as cursor:
        for sql in overlap.SQLITE_DROP:
            cursor.execute(sql)
    overlap.ensure_guard(using="default")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = {row[0] for row in cursor.fetchall()}
    assert set(overlap.SQLITE_TRIGGERS) <= names
    booking = BookingFactory(approved=True)
    _refused(facility=booking.facility, approved=True, start=booking.start)


THREADS = 8


def test_a_race_through_the_service_with_only_the_database_guarding(transactional_db, monkeypatch):
    """Concurrent approvals of overlapping requests, with the services' own check and
    facility lock switched off: the database alone lets exactly one through."""
    _skip_application_check(monkeypatch)
    monkeypatch.setattr(
        facility_services,
        "_lock_booking",
        lambda booking: (
            Booking.objects.select_for_update().select_related("facility").get(pk=booking.pk)
        ),
    )
    facility = FacilityFactory(pending_blocks=False)
    admin = MembershipFactory(organisation=facility.owner, admin=True).user
    start = next_weekday(3, 10)
    bookings = []
    for n in range(THREADS):
        member = MembershipFactory(organisation=OrganisationFactory())
        offset = timedelta(minutes=15 * (n % 3))
        bookings.append(
            services.booking_request(
                facility=facility,
                requester=member.user,
                organisation=member.organisation,
                start=start + offset,
                end=start + offset + timedelta(hours=1),
                purpose="Race",
            )
        )
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def approve(booking):
        try:
            barrier.wait()
            services.booking_transition(action="approve", obj=booking, actor=admin)
            result = "won"
        except services.BookingConflict:
            result = "conflict"
        except Exception as exc:  # a crash must fail the test, with its reason
            result = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=approve, args=(b,)) for b in bookings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["conflict"] * (THREADS - 1) + ["won"], outcomes
    assert Booking.objects.filter(facility=facility, status=B.APPROVED).count() == 1
