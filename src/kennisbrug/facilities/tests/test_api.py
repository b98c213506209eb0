"""API: catalogue, availability, quote, bookings and transitions, usage, living labs, pilots."""

from datetime import timedelta

import pytest
from django.utils import timezone
from tests.clients import api_client_for, log_in

from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.models import Booking, Facility, LivingLab, Pilot
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import BookingFactory, FacilityFactory, LivingLabFactory, next_weekday

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "other", "member", "admin", "secretariat"]


def client_for(user):
    return api_client_for(user)


@pytest.fixture
def world(roles):
    facility = FacilityFactory(owner=roles.organisation)
    start = next_weekday(1, 9)
    return {"facility": facility, "start": start, "roles": roles}


def booking_body(world, org=None, hours=2, **extra):
    start = world["start"]
    return {
        "organisation": (org or world["roles"].other_organisation).pk,
        "start": start.isoformat(),
        "end": (start + timedelta(hours=hours)).isoformat(),
        "purpose": "Metingen",
        **extra,
    }


def test_catalogue_is_public_and_filters(world):
    FacilityFactory(country_id="NL", postcode="5611", nuts3_id="NL414", category="cleanroom")
    response = client_for(None).get("/api/v1/facilities/", {"country": "NL"})
    assert response.status_code == 200
    assert [f["country"] for f in response.json()["results"]] == ["NL"]
    data = client_for(None).get(f"/api/v1/facilities/{world['facility'].pk}/").json()
    assert data["tariffs"][0]["hourly_rate"] and data["opening_hours"][0]["opens"] == "08:00"


def test_catalogue_filter_errors_are_problems():
    response = client_for(None).get("/api/v1/facilities/", {"available_start": "yesterday"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_unknown_facility_is_404_problem():
    response = client_for(None).get("/api/v1/facilities/999999/")
    assert response.status_code == 404 and response.json()["status"] == 404


def test_availability_shows_busy_without_names(world):
    roles = world["roles"]
    client_for(roles.other).post(
        f"/api/v1/facilities/{world['facility'].pk}/bookings/", booking_body(world), format="json"
    )
    day = world["start"].replace(hour=0)
    data = (
        client_for(None)
        .get(
            f"/api/v1/facilities/{world['facility'].pk}/availability/",
            {"start": day.isoformat(), "end": (day + timedelta(days=1)).isoformat()},
        )
        .json()
    )
    assert len(data["busy"]) == 1 and len(data["free"]) == 2 and "organisation" not in str(data)


def test_quote_writes_nothing(world):
    response = client_for(world["roles"].other).post(
        f"/api/v1/facilities/{world['facility'].pk}/quote/", booking_body(world), format="json"
    )
    assert response.status_code == 200
    assert response.json()["amount"] == "160.00" and response.json()["customer_class"] == "sme"
    assert Booking.objects.count() == 0


def test_booking_flow_and_conflict(world):
    roles, facility = world["roles"], world["facility"]
    url = f"/api/v1/facilities/{facility.pk}/bookings/"
    created = client_for(roles.other).post(url, booking_body(world), format="json")
    assert created.status_code == 201 and created.json()["price"] == "160.00"
    clash = client_for(roles.member).post(
        url, booking_body(world, roles.organisation), format="json"
    )
    assert clash.status_code == 409 and clash["Content-Type"] == "application/problem+json"
    pk = created.json()["id"]
    approved = client_for(roles.admin).post(
        f"/api/v1/facilities/bookings/{pk}/transitions/", {"to": "approved"}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    again = client_for(roles.admin).post(
        f"/api/v1/facilities/bookings/{pk}/transitions/", {"to": "approved"}, format="json"
    )
    assert again.status_code == 409
    mine = client_for(roles.other).get("/api/v1/facilities/bookings/").json()
    assert [b["id"] for b in mine["results"]] == [pk]


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"end": "2020-01-01T00:00:00+01:00"}, "end"),
        ({"start": "not a date"}, "start"),
        ({"purpose": ""}, "purpose"),
        ({"purpose": "x" * 2001}, "purpose"),
        ({"purpose": "<script>alert(1)</script>"}, None),
        ({"organisation": "1; DROP TABLE"}, "organisation"),
        ({"purpose": "a\x00b"}, "purpose"),
    ],
)
def test_bad_booking_input(world, change, fragment):
    response = client_for(world["roles"].other).post(
        f"/api/v1/facilities/{world['facility'].pk}/bookings/",
        booking_body(world, **change),
        format="json",
    )
    if fragment is None:  # hostile text is accepted as text, never interpreted
        assert response.status_code == 201
        assert Booking.objects.get().purpose == "<script>alert(1)</script>"
        return
    assert response.status_code == 400, response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert fragment in response.json()["errors"]
    assert Booking.objects.count() == 0


def test_booking_for_foreign_organisation_is_forbidden(world):
    response = client_for(world["roles"].other).post(
        f"/api/v1/facilities/{world['facility'].pk}/bookings/",
        booking_body(world, world["roles"].organisation),
        format="json",
    )
    assert response.status_code == 403 and Booking.objects.count() == 0


def test_oversized_body_is_refused(world):
    response = client_for(world["roles"].other).post(
        f"/api/v1/facilities/{world['facility'].pk}/bookings/",
        booking_body(world, purpose="x" * (3 * 1024 * 1024)),
        format="json",
    )
    assert response.status_code in (400, 413) and Booking.objects.count() == 0


FACILITY = {
    "name": "Pilootfabriek",
    "category": "pilot_plant",
    "description": "Een pilootfabriek.",
    "postcode": "5611",
    "country": "NL",
    "access_modes": ["as_a_service"],
    "sectors": ["agrofood"],
    "opening_hours": [{"weekday": 0, "opens": "08:00", "closes": "00:00"}],
    "tariffs": [{"customer_class": "sme", "hourly_rate": "99.50"}],
}


@pytest.mark.parametrize(
    ("role", "expected"), list(zip(ROLES, [401, 403, 403, 201, 403], strict=True))
)
def test_publish_facility_matrix(roles, role, expected):
    response = client_for(roles.as_dict()[role]).post(
        "/api/v1/facilities/", {**FACILITY, "owner": roles.organisation.pk}, format="json"
    )
    assert response.status_code == expected
    assert Facility.objects.count() == (1 if expected == 201 else 0)
    if expected == 201:
        assert response.json()["access_modes"] == ["as_a_service"]
        assert response.json()["nuts3"] == "NL414"


@pytest.mark.parametrize(
    "change",
    [
        {"tariffs": [{"customer_class": "sme", "hourly_rate": "-5"}]},
        {"postcode": "0000"},
        {"sectors": ["nope"]},
        {"opening_hours": [{"weekday": 9, "opens": "08:00", "closes": "09:00"}]},
        {"min_duration_minutes": 600, "max_duration_minutes": 60},
        {"name": "x" * 300},
    ],
)
def test_publish_facility_bad_input(roles, change):
    response = client_for(roles.admin).post(
        "/api/v1/facilities/", {**FACILITY, "owner": roles.organisation.pk, **change}, format="json"
    )
    assert response.status_code == 400 and Facility.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "expected"), list(zip(ROLES, [401, 403, 403, 200, 403], strict=True))
)
def test_patch_facility_matrix(world, role, expected):
    facility = world["facility"]
    response = client_for(world["roles"].as_dict()[role]).patch(
        f"/api/v1/facilities/{facility.pk}/", {"name": "Nieuw"}, format="json"
    )
    assert response.status_code == expected
    facility.refresh_from_db()
    assert (facility.name == "Nieuw") == (expected == 200)


@pytest.mark.parametrize(
    ("endpoint", "codes"),
    [
        ("bookings/", [401, 403, 403, 200, 200]),
        ("usage/?start=2026-01-01T00:00:00Z&end=2027-01-01T00:00:00Z", [401, 403, 403, 200, 200]),
        ("availability/?start=2026-01-05T00:00:00Z&end=2026-01-06T00:00:00Z", [200] * 5),
    ],
)
def test_read_matrix(world, endpoint, codes):
    for role, code in zip(ROLES, codes, strict=True):
        response = client_for(world["roles"].as_dict()[role]).get(
            f"/api/v1/facilities/{world['facility'].pk}/{endpoint}"
        )
        assert response.status_code == code, (endpoint, role)


def test_booking_detail_and_transition_matrix(world):
    roles = world["roles"]
    pk = (
        client_for(roles.other)
        .post(
            f"/api/v1/facilities/{world['facility'].pk}/bookings/",
            booking_body(world),
            format="json",
        )
        .json()["id"]
    )
    expected = {"anonymous": 401, "other": 200, "member": 403, "admin": 200, "secretariat": 200}
    for role, code in expected.items():
        assert (
            client_for(roles.as_dict()[role]).get(f"/api/v1/facilities/bookings/{pk}/").status_code
            == code
        )
    approve = {"anonymous": 401, "other": 403, "member": 403, "secretariat": 403}
    for role, code in approve.items():
        response = client_for(roles.as_dict()[role]).post(
            f"/api/v1/facilities/bookings/{pk}/transitions/", {"to": "approved"}, format="json"
        )
        assert response.status_code == code, role
    assert Booking.objects.get().status == BookingStatus.REQUESTED
    cancel = client_for(roles.other).post(
        f"/api/v1/facilities/bookings/{pk}/transitions/", {"to": "cancelled"}, format="json"
    )
    assert cancel.status_code == 200 and cancel.json()["status"] == "cancelled"


LAB = {
    "name": "Proeftuin",
    "theme": "Zorg",
    "description": "d",
    "test_environment": "t",
    "how_to_join": "h",
    "postcode": "9000",
    "country": "BE",
}


@pytest.mark.parametrize(
    ("role", "expected"), list(zip(ROLES, [401, 403, 403, 201, 403], strict=True))
)
def test_living_lab_publish_matrix(roles, role, expected):
    partner = OrganisationFactory(dutch=True)
    response = client_for(roles.as_dict()[role]).post(
        "/api/v1/living-labs/",
        {**LAB, "owner": roles.organisation.pk, "partners": [partner.pk]},
        format="json",
    )
    assert response.status_code == expected
    assert LivingLab.objects.count() == (1 if expected == 201 else 0)


def test_pilot_flow_over_api(roles):
    lab = LivingLabFactory(owner=roles.organisation)
    today = timezone.localdate()
    call = client_for(roles.admin).post(
        f"/api/v1/living-labs/{lab.pk}/calls/",
        {
            "title": "Oproep",
            "description": "d",
            "opens_on": str(today),
            "closes_on": str(today + timedelta(days=9)),
        },
        format="json",
    )
    assert call.status_code == 201
    proposal = {
        "organisation": roles.other_organisation.pk,
        "call": call.json()["id"],
        "title": "Pilot",
        "goal": "g",
        "what_is_tested": "w",
        "start_date": str(today + timedelta(days=5)),
        "end_date": str(today + timedelta(days=50)),
    }
    assert (
        client_for(None)
        .post(f"/api/v1/living-labs/{lab.pk}/pilots/", proposal, format="json")
        .status_code
        == 401
    )
    bad = client_for(roles.other).post(
        f"/api/v1/living-labs/{lab.pk}/pilots/", {**proposal, "end_date": str(today)}, format="json"
    )
    assert bad.status_code == 400 and Pilot.objects.count() == 0
    created = client_for(roles.other).post(
        f"/api/v1/living-labs/{lab.pk}/pilots/", proposal, format="json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    url = f"/api/v1/living-labs/pilots/{pk}/transitions/"
    assert client_for(roles.other).post(url, {"to": "accepted"}, format="json").status_code == 403
    assert client_for(roles.member).get(f"/api/v1/living-labs/pilots/{pk}/").status_code == 403
    assert client_for(roles.admin).post(url, {"to": "accepted"}, format="json").status_code == 200
    incomplete = client_for(roles.admin).post(url, {"to": "completed"}, format="json")
    assert incomplete.status_code == 400
    done = client_for(roles.admin).post(
        url,
        {"to": "completed", "solution_developed": True, "result_summary": "Gelukt"},
        format="json",
    )
    assert done.status_code == 200 and done.json()["solution_developed"] is True
    assert (
        client_for(roles.admin)
        .post(url, {"to": "declined", "reason": "x"}, format="json")
        .status_code
        == 409
    )
    listed = client_for(roles.other).get("/api/v1/living-labs/pilots/").json()["results"]
    assert [p["id"] for p in listed] == [pk]
    public = client_for(None).get(f"/api/v1/living-labs/{lab.pk}/").json()
    assert public["calls"][0]["title"] == "Oproep"


def test_designated_manager_can_decide(world):
    roles = world["roles"]
    from kennisbrug.facilities import services

    services.facility_manager_add(facility=world["facility"], actor=roles.admin, user=roles.member)
    other_member = MembershipFactory(organisation=roles.other_organisation)
    pk = (
        client_for(other_member.user)
        .post(
            f"/api/v1/facilities/{world['facility'].pk}/bookings/",
            booking_body(world),
            format="json",
        )
        .json()["id"]
    )
    response = client_for(roles.member).post(
        f"/api/v1/facilities/bookings/{pk}/transitions/",
        {"to": "rejected", "reason": "Onderhoud"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "rejected"


# --- a quote reveals nothing about an organisation the user is not a member of ----------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("other", True), ("member", False), ("admin", False), ("secretariat", False)],
)
def test_quote_only_for_own_organisation(world, role, allowed):
    # booking_body names other_organisation, of which only `other` is a member.
    user = world["roles"].as_dict()[role]
    response = api_client_for(user, language="en").post(
        f"/api/v1/facilities/{world['facility'].pk}/quote/", booking_body(world), format="json"
    )
    if allowed:
        assert response.status_code == 200
        assert response.json()["customer_class"]
        return
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert "active member" in body["detail"]
    assert "customer_class" not in body and "amount" not in body


def test_quote_for_foreign_organisation_hides_its_customer_class_and_tariff(world):
    # Whatever the organisation's class, a non-member gets the very same answer.
    roles = world["roles"]
    response = client_for(roles.member).post(
        f"/api/v1/facilities/{world['facility'].pk}/quote/",
        booking_body(world, roles.other_organisation),
        format="json",
    )
    other_answer = client_for(roles.member).post(
        f"/api/v1/facilities/{world['facility'].pk}/quote/",
        booking_body(world, OrganisationFactory(type="large_enterprise")),
        format="json",
    )
    assert response.status_code == other_answer.status_code == 403
    assert response.json() == other_answer.json()


def test_quote_for_foreign_organisation_on_a_taken_slot_is_403_not_409(world):
    roles = world["roles"]
    facility = world["facility"]
    start = world["start"]
    BookingFactory(facility=facility, start=start, end=start + timedelta(hours=2))
    response = client_for(roles.member).post(
        f"/api/v1/facilities/{facility.pk}/quote/", booking_body(world), format="json"
    )
    assert response.status_code == 403
    assert "alternatives" not in response.json()


def test_quote_page_offers_only_own_organisations(client, world):
    roles = world["roles"]
    log_in(client, roles.member)
    url = f"/facilities/{world['facility'].pk}/book/"
    page = client.get(url).content.decode()
    assert roles.organisation.name in page and roles.other_organisation.name not in page
    body = booking_body(world)
    response = client.post(
        url,
        {
            "organisation": str(roles.other_organisation.pk),
            "start": body["start"][:16],
            "end": body["end"][:16],
            "purpose": "x",
        },
    )
    assert response.status_code == 200
    assert response.context["quote"] is None
    assert response.context["form"].errors["organisation"]
