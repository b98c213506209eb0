"""Pages: quote then confirm, publishing with bad input, catalogue filters, reports, pilots."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.clients import log_in

from kennisbrug.core.models import Sector
from kennisbrug.facilities.constants import BookingStatus, PilotStatus
from kennisbrug.facilities.models import Booking, Facility, Pilot

from .factories import FacilityFactory, LivingLabFactory, next_weekday

pytestmark = pytest.mark.django_db


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def facility(roles):
    return FacilityFactory(owner=roles.organisation)


def test_book_shows_quote_first_then_confirms(client, roles, facility):
    log_in(client, roles.other)
    start = next_weekday(1, 9)
    data = {
        "organisation": roles.other_organisation.pk,
        "start": local_input(start),
        "end": local_input(start + timedelta(hours=3)),
        "purpose": "Trekproeven",
    }
    url = reverse("facilities:book", kwargs={"pk": facility.pk})
    preview = client.post(url, data)
    assert preview.status_code == 200 and preview.context["quote"].amount == 240
    assert "€ 240,00" in preview.content.decode()  # Dutch number format
    assert Booking.objects.count() == 0
    confirmed = client.post(url, {**data, "confirm": "1"})
    booking = Booking.objects.get()
    assert confirmed["Location"] == reverse("facilities:booking_detail", kwargs={"pk": booking.pk})
    assert booking.price == 240 and booking.start == start


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end": "2000-01-01T10:00"}, "after the start"),
        ({"start": "garbage"}, "Enter a valid date/time"),
        ({"purpose": ""}, "This field is required"),
        ({"purpose": "x" * 2001}, "at most 2000"),
    ],
)
def test_book_bad_input_shows_error_and_writes_nothing(client, roles, facility, change, message):
    from django.utils import translation

    log_in(client, roles.other)
    start = next_weekday(1, 9)
    data = {
        "organisation": roles.other_organisation.pk,
        "start": local_input(start),
        "end": local_input(start + timedelta(hours=2)),
        "purpose": "x",
        "confirm": "1",
        **change,
    }
    with translation.override("en"):
        response = client.post(
            reverse("facilities:book", kwargs={"pk": facility.pk}), data, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert Booking.objects.count() == 0
    assert response.context["form"].errors


def test_book_other_organisation_is_not_offered(client, roles, facility):
    log_in(client, roles.other)
    start = next_weekday(1, 9)
    response = client.post(
        reverse("facilities:book", kwargs={"pk": facility.pk}),
        {
            "organisation": roles.organisation.pk,
            "start": local_input(start),
            "end": local_input(start + timedelta(hours=2)),
            "purpose": "x",
            "confirm": "1",
        },
    )
    assert "organisation" in response.context["form"].errors and Booking.objects.count() == 0


def facility_post(roles, **change):
    data = {
        "owner": roles.organisation.pk,
        "name": "Windtunnel",
        "category": "test_bed",
        "description": "Een windtunnel.",
        "postcode": "2000",
        "city": "Antwerpen",
        "country": "BE",
        "min_duration_minutes": 60,
        "max_duration_minutes": 480,
        "lead_time_hours": 24,
        "max_advance_days": 90,
        "operator_assisted": "on",
        "opens_0": "08:00",
        "closes_0": "17:00",
        "hourly_sme": "75.00",
        "daily_large": "1200",
    }
    data.update(change)
    return data


def test_publish_facility_page(client, roles):
    log_in(client, roles.admin)
    response = client.post(reverse("facilities:create"), facility_post(roles))
    facility = Facility.objects.get()
    assert response["Location"] == reverse("facilities:detail", kwargs={"pk": facility.pk})
    assert facility.nuts3_id == "BE211" and facility.opening_hours.count() == 1
    assert {t.customer_class for t in facility.tariffs.all()} == {"sme", "large"}


@pytest.mark.parametrize(
    "change",
    [
        {"postcode": "0000"},
        {"hourly_sme": "-1"},
        {"opens_0": "08:00", "closes_0": ""},
        {"opens_0": "18:00", "closes_0": "08:00"},
        {"name": ""},
        {"owner": "999999"},
        {"min_duration_minutes": "600", "max_duration_minutes": "60"},
    ],
)
def test_publish_facility_bad_input(client, roles, change):
    log_in(client, roles.admin)
    response = client.post(reverse("facilities:create"), facility_post(roles, **change))
    assert response.status_code == 200 and Facility.objects.count() == 0
    assert response.context["form"].errors


def test_edit_keeps_hours_and_tariffs_in_form(client, roles, facility):
    log_in(client, roles.admin)
    form = client.get(reverse("facilities:edit", kwargs={"pk": facility.pk})).context["form"]
    assert str(form["opens_0"].initial) == "08:00:00" and form["hourly_sme"].initial == 80


def test_catalogue_filters(client, roles):
    agro = Sector.objects.get(code="agrofood")
    dutch = FacilityFactory(name="Kas Venlo", country_id="NL", postcode="5611", nuts3_id="NL414")
    dutch.sectors.add(agro)
    FacilityFactory(name="Cleanroom Gent", category="cleanroom")
    names = lambda r: [f.name for f in r.context["page"]]  # noqa: E731
    assert names(client.get(reverse("facilities:list"), {"country": "NL"})) == ["Kas Venlo"]
    assert names(client.get(reverse("facilities:list"), {"sector": "agrofood"})) == ["Kas Venlo"]
    assert names(client.get(reverse("facilities:list"), {"category": "cleanroom"})) == [
        "Cleanroom Gent"
    ]
    assert names(client.get(reverse("facilities:list"), {"q": "venlo"})) == ["Kas Venlo"]
    assert names(client.get(reverse("facilities:list"), {"province": "NL41"})) == ["Kas Venlo"]
    assert names(client.get(reverse("facilities:list"), {"q": "<script>'--"})) == []


def test_catalogue_available_in_period(client, roles, facility):
    start = next_weekday(1, 8)
    Booking.objects.create(
        facility=facility,
        requester=roles.other,
        organisation=roles.other_organisation,
        customer_class="sme",
        start=start,
        end=start + timedelta(hours=10),
        purpose="x",
        hours=10,
        price=800,
        status=BookingStatus.APPROVED,
    )
    free = FacilityFactory(name="Vrij lab")
    params = {
        "available_start": local_input(start),
        "available_end": local_input(start + timedelta(hours=10)),
    }
    names = [f.name for f in client.get(reverse("facilities:list"), params).context["page"]]
    assert names == [free.name]
    sunday = {
        "available_start": local_input(next_weekday(6, 9)),
        "available_end": local_input(next_weekday(6, 12)),
    }
    assert list(client.get(reverse("facilities:list"), sunday).context["page"]) == []


def test_report_csv(client, roles, facility):
    log_in(client, roles.admin)
    today = timezone.localdate()
    response = client.get(
        reverse("facilities:report", kwargs={"pk": facility.pk}),
        {"start": str(today - timedelta(days=7)), "end": str(today), "format": "csv"},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("facility_id;")
    bad = client.get(
        reverse("facilities:report", kwargs={"pk": facility.pk}), {"start": "x", "end": "y"}
    )
    assert bad.status_code == 200 and bad.context["form"].errors


def test_report_csv_neutralises_a_dde_payload(client, roles, facility):
    calc = "=cmd|' /C calc'!A0"
    facility.name = calc
    facility.save()
    log_in(client, roles.admin)
    today = timezone.localdate()
    response = client.get(
        reverse("facilities:report", kwargs={"pk": facility.pk}),
        {"start": str(today - timedelta(days=7)), "end": str(today), "format": "csv"},
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][1] == "'" + calc
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_reject_via_page_needs_reason(client, roles, facility):
    start = next_weekday(1, 9)
    booking = Booking.objects.create(
        facility=facility,
        requester=roles.other,
        organisation=roles.other_organisation,
        customer_class="sme",
        start=start,
        end=start + timedelta(hours=1),
        purpose="x",
        hours=1,
        price=80,
    )
    log_in(client, roles.admin)
    url = reverse("facilities:booking_action", kwargs={"pk": booking.pk, "action": "rejected"})
    client.post(url, {"reason": ""})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    client.post(url, {"reason": "Onderhoud"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REJECTED


def test_propose_and_complete_pilot_pages(client, roles):
    lab = LivingLabFactory(owner=roles.organisation)
    log_in(client, roles.other)
    today = timezone.localdate()
    response = client.post(
        reverse("facilities:pilot_propose", kwargs={"pk": lab.pk}),
        {
            "organisation": roles.other_organisation.pk,
            "title": "Slimme kade",
            "goal": "g",
            "what_is_tested": "w",
            "start_date": str(today + timedelta(days=3)),
            "end_date": str(today + timedelta(days=30)),
        },
    )
    pilot = Pilot.objects.get()
    assert response["Location"] == reverse("facilities:pilot_detail", kwargs={"pk": pilot.pk})
    log_in(client, roles.admin)
    client.post(reverse("facilities:pilot_action", kwargs={"pk": pilot.pk, "action": "accepted"}))
    client.post(
        reverse("facilities:pilot_action", kwargs={"pk": pilot.pk, "action": "completed"}),
        {"solution_developed": "yes", "summary": "Oplossing ontwikkeld"},
    )
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.COMPLETED and pilot.solution_developed is True
    page = client.get(reverse("facilities:lab_detail", kwargs={"pk": lab.pk})).content.decode()
    assert "Slimme kade" in page
