"""Browser test: write an idea, run the fit check, invite a proposed partner (Debian's Chromium, headless).

The lead organisation's admin writes the idea, because only lead admins may invite registry partners."""

import pytest
from tests.browser import session_cookie

from kennisbrug.organisations.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(new_context, live_server, roles, fit_checker):
    context = new_context(locale="en-GB", timeout=60_000)
    context.add_cookies([session_cookie(roles.admin, live_server)])
    return context.new_page()


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
    partners = page.locator("#partners").inner_text()
    assert "Laserlab Eindhoven" in partners
    assert "invited" in partners
