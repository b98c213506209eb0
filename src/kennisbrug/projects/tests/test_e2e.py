"""Browser test: write an idea, run the fit check, add a proposed partner (Debian's Chromium, headless)."""

import os

import pytest
from django.conf import settings
from django.test import Client

from kennisbrug.organisations.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page(live_server, roles, fit_checker):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    client = Client()
    client.force_login(roles.member)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(locale="en-GB")
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        yield pg
        browser.close()


def test_write_idea_fit_check_and_add_proposed_partner(page, live_server, roles):
    OrganisationFactory(
        name="Laserlab Eindhoven",
        dutch=True,
        knowledge_institution=True,
        expertise="lasersnijden en fotonica voor kmo's",
    )
    page.goto(f"{live_server.url}/projects/ideas/new/")
    page.select_option("#id_lead_organisation", str(roles.organisation.pk))
    page.fill("#id_title", "Lasersnijden voor kleine series")
    page.fill(
        "#id_summary",
        "Vlaamse en Nederlandse kmo's ontwikkelen grensoverschrijdend met een kennisinstelling "
        "een prototype voor lasersnijden van kleine series en testen het in een proeftuin.",
    )
    page.locator("form button[type=submit]").last.click()
    page.wait_for_selector("h1:has-text('Lasersnijden voor kleine series')")

    page.locator("form[action$='/fit-check/'] button").click()
    page.wait_for_selector("#fit-report-title")
    report = page.locator(".fit-report").inner_text()
    assert "A1" in report
    assert "Programme rules" in report or "Programmaregels" in report

    page.locator("a[href$='/consortium/']").click()
    page.fill("#id_needs", "lasersnijden")
    page.locator("main form[method=get] button").click()
    page.wait_for_selector("#proposal")
    row = page.locator("#proposal tr", has_text="Laserlab Eindhoven")
    row.locator("button[value=add]").click()
    page.wait_for_selector("#partners")
    assert "Laserlab Eindhoven" in page.locator("#partners").inner_text()
