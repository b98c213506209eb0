"""Browser test: a company member books a slot and sees the quote; a manager approves it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from kennisbrug.facilities.constants import BookingStatus
from kennisbrug.facilities.models import Booking
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import FacilityFactory, next_weekday

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


@pytest.mark.e2e
def test_book_see_quote_and_manager_approves(live_server, transactional_db, monkeypatch):
    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM checks here are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    facility = FacilityFactory(name="Trekbanklab")
    manager = MembershipFactory(organisation=facility.owner, admin=True).user
    company = MembershipFactory(organisation=OrganisationFactory(name="Lasbedrijf BV"))
    start = timezone.localtime(next_weekday(1, 9))
    end = start + timedelta(hours=2, minutes=30)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="nl-BE")
            context.add_cookies([session_cookie(company.user, live_server)])
            page = context.new_page()
            page.goto(f"{live_server.url}/facilities/{facility.pk}/book/")
            expect(page.get_by_label("Boeken voor organisatie")).to_have_value(
                str(company.organisation.pk)
            )
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

            context = browser.new_context(locale="nl-BE")
            context.add_cookies([session_cookie(manager, live_server)])
            page = context.new_page()
            page.goto(f"{live_server.url}/facilities/bookings/manage/")
            page.get_by_role("link", name="Trekbanklab").click()
            page.get_by_role("button", name="Goedkeuren").click()
            expect(page.get_by_test_id("booking-status")).to_have_text("goedgekeurd")
            context.close()
        finally:
            browser.close()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPROVED and booking.decided_by == manager
    assert booking.price == 200
