"""Browser test: open the dashboard, change a filter, download an export (Debian's Chromium)."""

import pytest
from tests.clients import log_in


@pytest.fixture
def browser_page(new_context):
    return new_context(locale=None, accept_downloads=True)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_dashboard_filter_and_export(browser_page, live_server, world, people, client, tmp_path):
    log_in(client, people.secretariat)
    browser_page.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = browser_page.new_page()
    page.goto("/indicators/")
    assert page.locator("h1").inner_text() in ("Programma-indicatoren", "Programme indicators")
    assert page.locator('td[data-code="RCO01"]').inner_text() == "4"
    assert page.locator("svg.kb-map path title").count() > 5

    page.select_option("#id_country", "NL")
    page.locator("form.kb-filter-form button[type=submit]").click()
    page.wait_for_url("**country=NL**")
    assert page.locator('td[data-code="RCO01"]').inner_text() == "2"

    with page.expect_download() as info:
        page.locator('a[href^="/indicators/RCO02/export.csv"]').click()
    download = info.value
    assert download.suggested_filename == "kennisbrug-rco02.csv"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    text = target.read_text(encoding="utf-8")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 3  # header + the three vouchers behind RCO02 for NL
    assert "Eindhovense Mkb" in text and "Gentse Kmo" not in text
