"""End-to-end journeys in a real browser, every page checked with axe-core.

Run: uv run pytest tests/e2e -m e2e
"""

import re

import pytest

from tests.browser import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "ondernemer@example.org"
PASSWORD = "een sterk wachtwoord 2024"
ORGANISATION = "Lasertechniek Gent BV"


def visit(page, path: str):
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    check_accessibility(page)


def test_register_confirm_log_in_and_register_an_organisation(page, live_server, mailoutbox):
    visit(page, "/")
    page.get_by_role("link", name="Registreren").first.click()
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Registreren"
    check_accessibility(page)

    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert "Verifieer je e-mailadres" in page.get_by_role("heading", level=1).inner_text()
    check_accessibility(page)

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    visit(page, link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check_accessibility(page)

    if "/accounts/login/" not in page.url:
        visit(page, "/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/account/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Mijn Kennisbrug"
    check_accessibility(page)

    visit(page, "/account/tokens/")
    page.fill("input[name=name]", "e2e script")
    page.get_by_role("button", name="Token aanmaken").click()
    assert page.locator("#new-token").input_value().startswith("kb_")
    check_accessibility(page)

    visit(page, "/organisations/new/")
    page.fill("[name=name]", ORGANISATION)
    page.select_option("[name=type]", "sme")
    page.select_option("[name=country]", "BE")
    page.fill("[name=postcode]", "9000")
    page.fill("[name=city]", "Gent")
    page.get_by_role("button", name="Organisatie aanmaken").click()
    page.wait_for_load_state()
    assert ORGANISATION in page.get_by_role("heading", level=1).inner_text()
    check_accessibility(page)

    visit(page, f"/organisations/?q={ORGANISATION.replace(' ', '+')}")
    assert page.get_by_role("link", name=ORGANISATION).count() == 1

    visit(page, "/account/")
    row = page.get_by_role("row").filter(
        has=page.get_by_role("link", name=ORGANISATION, exact=True)
    )
    assert row.count() == 1
    assert "0 personen wachten" in row.inner_text()


def test_language_switch_changes_the_page_language(page, live_server):
    visit(page, "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    dutch = page.get_by_role("heading", level=1).inner_text()
    assert "kennis en vaardigheden" in dutch
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() != dutch
    assert "knowledge and skills" in page.get_by_role("heading", level=1).inner_text()
    check_accessibility(page)
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == dutch


def test_public_and_account_pages_are_accessible(page, live_server):
    for path in [
        "/accounts/login/",
        "/accounts/password/reset/",
        "/organisations/",
        "/accounts/password/reset/key/1-bad/",
    ]:
        visit(page, path)


def test_accessibility_check_reports_violations(page):
    """The axe helper is live: a page without lang and with an unlabelled input fails."""
    page.set_content("<html><body><main><input type=text><img src=x></main></body></html>")
    with pytest.raises(pytest.fail.Exception) as excinfo:
        check_accessibility(page)
    assert "html-has-lang" in str(excinfo.value)
    assert "label" in str(excinfo.value)
