"""A taken slot is refused at the quote, with the next free periods of the same length."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.clients import api_client_for, log_in

from kennisbrug.facilities import booking_rules, services
from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.models import Booking

from .factories import BookingFactory, FacilityFactory, next_weekday

pytestmark = pytest.mark.django_db
H = timedelta(hours=1)


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_fitting_periods_round_up_and_follow_one_another():
    lo = datetime(2026, 3, 3, 9, 10, tzinfo=UTC)
    free = [(lo, lo + 4 * H), (lo + 5 * H, lo + 7 * H)]
    periods = booking_rules.fitting_periods(free, 90 * timedelta(minutes=1), count=3)
    starts = [p[0].strftime("%H:%M") for p in periods]
    assert starts == ["09:30", "11:00", "14:30"]  # 12:30 would end after 13:10
    assert all(end - start == timedelta(minutes=90) for start, end in periods)
    assert booking_rules.fitting_periods(free, 4 * H, count=3) == []


@pytest.fixture
def taken(roles):
    """Tuesday 09:00–11:00 approved at a facility open Mon–Fri 08:00–18:00."""
    facility = FacilityFactory(owner=roles.organisation)
    start = next_weekday(1, 9)
    BookingFactory(facility=facility, start=start, end=start + 2 * H, status=BookingStatus.APPROVED)
    return facility, start


def test_quote_refuses_a_taken_slot_with_the_next_free_periods(roles, taken):
    facility, start = taken
    with pytest.raises(services.BookingConflict) as caught:
        services.booking_quote(
            facility=facility,
            requester=roles.other,
            organisation=roles.other_organisation,
            start=start + H,
            end=start + 3 * H,
        )
    assert caught.value.code == "conflict"
    assert caught.value.alternatives == [
        (start + 2 * H, start + 4 * H),
        (start + 4 * H, start + 6 * H),
        (start + 6 * H, start + 8 * H),
    ]


def test_free_periods_skip_closed_hours_and_pending_requests(roles, taken):
    facility, start = taken
    evening = start + 7 * H  # Tuesday 16:00–18:00
    BookingFactory(facility=facility, start=evening, end=evening + 2 * H)  # requested: blocks
    with pytest.raises(services.BookingConflict) as caught:
        services.booking_quote(
            facility=facility,
            requester=roles.other,
            organisation=roles.other_organisation,
            start=evening,
            end=evening + 2 * H,
        )
    wednesday = evening + timedelta(days=1) - 8 * H  # 08:00, when it opens again
    assert caught.value.alternatives[0] == (wednesday, wednesday + 2 * H)


def test_no_alternatives_beyond_the_advance_limit(roles, taken):
    facility, start = taken
    facility.max_advance_days = 3
    facility.save()
    now = start + 2 * H - timedelta(days=3)  # bookable until Tuesday 11:00, which is taken
    with pytest.raises(services.BookingConflict) as caught:
        services.booking_quote(
            facility=facility,
            requester=roles.other,
            organisation=roles.other_organisation,
            start=start,
            end=start + H,
            now=now,
        )
    assert caught.value.alternatives == []
    assert "no period of the same length is free" in caught.value.messages[0]


def test_booking_page_offers_free_periods_and_quotes_the_one_chosen(client, roles, taken):
    facility, start = taken
    log_in(client, roles.other)
    url = reverse("facilities:book", kwargs={"pk": facility.pk})
    data = {
        "organisation": roles.other_organisation.pk,
        "start": local_input(start),
        "end": local_input(start + 2 * H),
        "purpose": "Trekproeven",
    }
    refused = client.post(url, data)
    html = refused.content.decode()
    assert refused.context["quote"] is None
    assert "Dit tijdstip is al bezet" in html and 'id="free-periods"' in html
    assert "Volgende vrije periodes" in html and "dinsdag" in html
    slot = f"{local_input(start + 2 * H)}|{local_input(start + 4 * H)}"
    assert f'name="slot" value="{slot}"' in html
    chosen = client.post(url, {**data, "slot": slot})
    assert chosen.context["quote"].amount == 160
    assert chosen.context["form"].cleaned_data["start"] == start + 2 * H
    assert chosen.context["form"].cleaned_data["purpose"] == "Trekproeven"
    assert Booking.objects.count() == 1  # only the one that was there
    hostile = client.post(url, {**data, "slot": "<script>|x"})
    assert hostile.status_code == 200 and hostile.context["form"].errors
    assert "<script>" not in hostile.content.decode()


def test_booking_page_in_english(client, roles, taken):
    facility, start = taken
    log_in(client, roles.other)
    data = {
        "organisation": roles.other_organisation.pk,
        "start": local_input(start),
        "end": local_input(start + 2 * H),
        "purpose": "Trekproeven",
    }
    url = reverse("facilities:book", kwargs={"pk": facility.pk})
    html = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This time is already taken" in html
    assert "Next free periods" in html and "Tuesday" in html


def test_quote_api_answers_409_with_free_periods(roles, taken):
    facility, start = taken
    body = {
        "organisation": roles.other_organisation.pk,
        "start": (start + H).isoformat(),
        "end": (start + 2 * H).isoformat(),
    }
    response = api_client_for(roles.other).post(
        f"/api/v1/facilities/{facility.pk}/quote/", body, format="json"
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    data = response.json()
    assert data["code"] == "conflict" and len(data["alternatives"]) == 3
    first = datetime.fromisoformat(data["alternatives"][0]["start"])
    assert first == start + 2 * H
    free = api_client_for(roles.other).post(
        f"/api/v1/facilities/{facility.pk}/quote/",
        {**body, "start": data["alternatives"][0]["start"], "end": data["alternatives"][0]["end"]},
        format="json",
    )
    assert free.status_code == 200 and free.json()["amount"] == "80.00"
