"""Services: publishing facilities, requesting and deciding bookings, quotes per class."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kennisbrug.core.audit import audit_trail
from kennisbrug.facilities import services
from kennisbrug.facilities.constants import LOCAL_TZ, BookingStatus, CustomerClass
from kennisbrug.facilities.models import Booking, Facility, OpeningHours, Tariff
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import FacilityFactory, next_weekday

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Cleanroom Gent",
    "category": "cleanroom",
    "description": "ISO 5 cleanroom.",
    "postcode": "9000",
    "city": "Gent",
    "country_id": "BE",
}


def counts():
    return (
        Facility.objects.count(),
        OpeningHours.objects.count(),
        Tariff.objects.count(),
        Booking.objects.count(),
    )


def test_admin_publishes_facility_with_region_schedule_and_tariffs(roles):
    facility = services.facility_create(
        owner=roles.organisation,
        actor=roles.admin,
        opening_hours=[(0, time(8), time(17))],
        tariffs=[{"customer_class": "sme", "hourly_rate": Decimal("50")}],
        **VALID,
    )
    assert facility.nuts3_id == "BE234" and facility.in_programme_area
    assert facility.opening_hours.count() == 1 and facility.tariffs.get().hourly_rate == 50
    assert audit_trail(facility).filter(action="facility_created").exists()


@pytest.mark.parametrize("role", ["member", "other", "secretariat"])
def test_only_owner_admins_publish(roles, role):
    before = counts()
    with pytest.raises(PermissionDenied):
        services.facility_create(owner=roles.organisation, actor=getattr(roles, role), **VALID)
    assert counts() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"postcode": "0000"}, "postcode"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"category": "spaceship"}, "category"),
        ({"min_duration_minutes": 600, "max_duration_minutes": 60}, "__all__"),
        ({"max_advance_days": 100000}, "max_advance_days"),
    ],
)
def test_bad_facility_input_writes_nothing(roles, change, field):
    before = counts()
    with pytest.raises(ValidationError) as info:
        services.facility_create(owner=roles.organisation, actor=roles.admin, **{**VALID, **change})
    assert field in info.value.message_dict
    assert counts() == before


@pytest.mark.parametrize(
    "tariff",
    [
        {"customer_class": "sme", "hourly_rate": Decimal("-1")},
        {"customer_class": "sme"},
        {"customer_class": "vip", "hourly_rate": Decimal("1")},
        {"customer_class": "sme", "daily_rate": Decimal("1000000000")},
    ],
)
def test_bad_tariff_writes_nothing(roles, tariff):
    before = counts()
    with pytest.raises(ValidationError):
        services.facility_create(
            owner=roles.organisation, actor=roles.admin, tariffs=[tariff], **VALID
        )
    assert counts() == before


def test_bad_opening_hours_write_nothing(roles):
    before = counts()
    with pytest.raises(ValidationError):
        services.facility_create(
            owner=roles.organisation,
            actor=roles.admin,
            opening_hours=[(0, time(18), time(8))],
            **VALID,
        )
    assert counts() == before


def test_hostile_text_is_stored_verbatim_not_interpreted(roles):
    facility = services.facility_create(
        owner=roles.organisation,
        actor=roles.admin,
        **{**VALID, "description": "<script>alert(1)</script>'; DROP TABLE x;--"},
    )
    assert facility.description.startswith("<script>")


@pytest.mark.parametrize(
    ("org_kwargs", "internal", "expected_class", "hourly"),
    [
        ({}, True, CustomerClass.INTERNAL, Decimal("40.00")),
        ({"knowledge_institution": True}, False, CustomerClass.ACADEMIC, Decimal("60.00")),
        ({}, False, CustomerClass.SME, Decimal("80.00")),
        ({"large": True}, False, CustomerClass.LARGE, Decimal("125.50")),
        ({"government": True}, False, CustomerClass.LARGE, Decimal("125.50")),
    ],
)
def test_quote_uses_the_tariff_of_the_customer_class(org_kwargs, internal, expected_class, hourly):
    facility = FacilityFactory()
    org = facility.owner if internal else OrganisationFactory(**org_kwargs)
    member = MembershipFactory(organisation=org).user
    start = next_weekday(1, 9)
    booking = services.booking_request(
        facility=facility,
        requester=member,
        organisation=org,
        start=start,
        end=start + timedelta(minutes=150),
        purpose="Test",
    )
    assert booking.customer_class == expected_class
    assert booking.price == (hourly * Decimal("2.5")).quantize(Decimal("0.01"))
    assert booking.hours == Decimal("2.50") and booking.price_basis == "hour"


def requester():
    return MembershipFactory(organisation=OrganisationFactory())


def request(facility, membership, start, hours=2, **kwargs):
    return services.booking_request(
        facility=facility,
        requester=membership.user,
        organisation=membership.organisation,
        start=start,
        end=start + timedelta(hours=hours),
        purpose=kwargs.pop("purpose", "Metingen"),
        **kwargs,
    )


def test_overlapping_request_is_refused_but_touching_is_allowed():
    facility = FacilityFactory()
    start = next_weekday(1, 9)
    request(facility, requester(), start)
    with pytest.raises(services.BookingConflict):
        request(facility, requester(), start + timedelta(hours=1))
    request(facility, requester(), start + timedelta(hours=2))  # touches the first
    request(facility, requester(), start - timedelta(hours=1), hours=1)  # touches from before
    assert Booking.objects.count() == 3


def test_cancellation_frees_the_slot():
    facility = FacilityFactory()
    first = requester()
    start = next_weekday(1, 9)
    booking = request(facility, first, start)
    services.booking_transition(action="cancel", obj=booking, actor=first.user)
    request(facility, requester(), start)
    assert Booking.objects.filter(status=BookingStatus.REQUESTED).count() == 1


def test_requests_do_not_block_when_facility_says_so_but_approval_checks():
    facility = FacilityFactory(pending_blocks=False)
    admin = MembershipFactory(organisation=facility.owner, admin=True).user
    start = next_weekday(1, 9)
    one, two = request(facility, requester(), start), request(facility, requester(), start)
    services.booking_transition(action="approve", obj=one, actor=admin)
    with pytest.raises(services.BookingConflict):
        services.booking_transition(action="approve", obj=two, actor=admin)
    two.refresh_from_db()
    assert two.status == BookingStatus.REQUESTED


def test_facility_without_approval_approves_at_once():
    booking = request(FacilityFactory(requires_approval=False), requester(), next_weekday(1, 9))
    assert booking.status == BookingStatus.APPROVED
    assert audit_trail(booking).filter(action="booking_auto_approved").exists()


def test_request_notifies_managers_and_requester_after_commit(django_capture_on_commit_callbacks):
    facility = FacilityFactory()
    admin = MembershipFactory(organisation=facility.owner, admin=True).user
    who = requester()
    with django_capture_on_commit_callbacks(execute=True):
        request(facility, who, next_weekday(1, 9))
    recipients = {address for message in mail.outbox for address in message.to}
    assert {admin.email, who.user.email} <= recipients


def test_requester_must_belong_to_the_booking_organisation():
    facility = FacilityFactory()
    stranger = MembershipFactory(organisation=OrganisationFactory())
    with pytest.raises(PermissionDenied):
        services.booking_request(
            facility=facility,
            requester=stranger.user,
            organisation=OrganisationFactory(),
            start=next_weekday(1, 9),
            end=next_weekday(1, 11),
            purpose="x",
        )
    assert Booking.objects.count() == 0


@pytest.mark.parametrize(
    ("start_hour", "hours", "purpose", "message"),
    [
        (9, -1, "x", "after the start"),
        (9, 0, "x", "after the start"),
        (6, 2, "x", "not open"),
        (9, 20, "x", "longer than the maximum"),
        (9, 2, "", "what you will use"),
        (9, 2, "x" * 2001, "2000"),
    ],
)
def test_bad_booking_input_is_refused_and_nothing_written(start_hour, hours, purpose, message):
    facility = FacilityFactory()
    with pytest.raises(ValidationError) as info:
        request(facility, requester(), next_weekday(1, start_hour), hours=hours, purpose=purpose)
    assert message in " ".join(info.value.messages)
    assert Booking.objects.count() == 0


def test_beyond_advance_period_is_refused():
    facility = FacilityFactory(max_advance_days=7)
    with pytest.raises(ValidationError) as info:
        request(facility, requester(), next_weekday(1, 9, weeks=3))
    assert "7 days ahead" in " ".join(info.value.messages)


def test_missing_tariff_for_class_is_a_clear_error():
    facility = FacilityFactory(with_tariffs=False)
    with pytest.raises(ValidationError) as info:
        request(facility, requester(), next_weekday(1, 9))
    assert "no tariff" in " ".join(info.value.messages)


def test_unpublished_facility_takes_no_bookings():
    with pytest.raises(ValidationError):
        request(FacilityFactory(is_published=False), requester(), next_weekday(1, 9))


def test_booking_across_spring_dst_counts_real_hours():
    facility = FacilityFactory(
        weekday_hours=False, with_tariffs=False, max_duration_minutes=48 * 60
    )
    Tariff.objects.create(facility=facility, customer_class="sme", hourly_rate=Decimal("10"))
    start = datetime(2027, 3, 27, 12, tzinfo=LOCAL_TZ)
    m = requester()
    booking = services.booking_request(
        facility=facility,
        requester=m.user,
        organisation=m.organisation,
        start=start,
        end=datetime(2027, 3, 28, 12, tzinfo=LOCAL_TZ),
        purpose="Duurtest",
        now=datetime(2027, 3, 1, tzinfo=LOCAL_TZ),
    )
    assert booking.hours == Decimal("23.00") and booking.price == Decimal("230.00")
    booking.refresh_from_db()
    assert booking.end - booking.start == timedelta(hours=23)


def test_booking_across_autumn_dst_counts_real_hours():
    facility = FacilityFactory(weekday_hours=False, with_tariffs=False, max_duration_minutes=2880)
    Tariff.objects.create(facility=facility, customer_class="sme", hourly_rate=Decimal("10"))
    m = requester()
    booking = services.booking_request(
        facility=facility,
        requester=m.user,
        organisation=m.organisation,
        start=datetime(2027, 10, 30, 12, tzinfo=LOCAL_TZ),
        end=datetime(2027, 10, 31, 12, tzinfo=LOCAL_TZ),
        purpose="Duurtest",
        now=datetime(2027, 10, 1, tzinfo=LOCAL_TZ),
    )
    assert booking.hours == Decimal("25.00") and booking.price == Decimal("250.00")


def test_frozen_quote_survives_tariff_change():
    facility = FacilityFactory()
    booking = request(facility, requester(), next_weekday(1, 9))
    facility.tariffs.update(hourly_rate=Decimal("999"))
    booking.refresh_from_db()
    assert booking.price == Decimal("160.00")


def test_designated_manager_must_be_member_and_then_manages(roles):
    facility = FacilityFactory(owner=roles.organisation)
    with pytest.raises(ValidationError):
        services.facility_manager_add(facility=facility, actor=roles.admin, user=roles.other)
    with pytest.raises(PermissionDenied):
        services.facility_manager_add(facility=facility, actor=roles.member, user=roles.member)
    services.facility_manager_add(facility=facility, actor=roles.admin, user=roles.member)
    services.facility_update(facility=facility, actor=roles.member, name="Nieuwe naam")
    facility.refresh_from_db()
    assert facility.name == "Nieuwe naam"


def test_complete_ended_bookings_marks_them_done():
    facility = FacilityFactory(requires_approval=False)
    booking = request(facility, requester(), next_weekday(1, 9))
    assert services.bookings_complete_ended(now=booking.end + timedelta(minutes=1)) == 1
    booking.refresh_from_db()
    assert booking.status == BookingStatus.COMPLETED
