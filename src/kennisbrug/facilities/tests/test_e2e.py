"""Browser test: a company member books a slot and sees the quote; a manager approves it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from tests.browser import session_cookie

from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.models import Booking
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import FacilityFactory, next_weekday


@pytest.mark.e2e
def test_book_see_quote_and_manager_approves(live_server, transactional_db, new_context):
    from playwright.sync_api import expect

    facility = FacilityFactory(name="Trekbanklab")
    manager = MembershipFactory(organisation=facility.owner, admin=True).user
    company = MembershipFactory(organisation=OrganisationFactory(name="Lasbedrijf BV"))
    start = timezone.localtime(next_weekday(1, 9))
    end = start + timedelta(hours=2, minutes=30)

    context = new_context(locale="nl-BE", timeout=30_000)
    context.add_cookies([session_cookie(company.user, live_server)])
    page = context.new_page()
    page.goto(f"{live_server.url}/facilities/{facility.pk}/book/")
    expect(page.get_by_label("Boeken voor organisatie")).to_have_value(str(company.organisation.pk))
    page.get_by_label("Doel").fill("Trekproeven op lasnaden")
    page.get_by_label("Begin").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Einde").fill(end.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Toon de prijs").click()
    # SME tariff: 80.00 per hour × 2.5 hours.
    expect(page.get_by_test_id("quote-amount")).to_have_text("€ 200,00")
    assert Booking.objects.count() == 0
    page.get_by_role("button", name="Boekingsaanvraag bevestigen").click()
    expect(page.get_by_test_id("booking-status")).to_have_text("aangevraagd")
    booking = Booking.objects.get()
    context.close()

    context = new_context(locale="nl-BE", timeout=30_000)
    context.add_cookies([session_cookie(manager, live_server)])
    page = context.new_page()
    page.goto(f"{live_server.url}/facilities/bookings/manage/")
    page.get_by_role("link", name="Trekbanklab").click()
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_test_id("booking-status")).to_have_text("goedgekeurd")
    context.close()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED and booking.decided_by == manager
    assert booking.price == 200
