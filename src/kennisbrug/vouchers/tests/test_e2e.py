"""Browser test: an application from draft to paid, by the four people involved."""

import datetime as dt

import pytest
from tests.clients import log_in

from kennisbrug.vouchers.constants import ApplicationStatus
from kennisbrug.vouchers.models import Application

from .factories import PDF, Cast


@pytest.mark.e2e
def test_application_from_draft_to_paid(reference_data, live_server, client, browser, tmp_path):
    cast = Cast()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)

    def login_as(user):
        log_in(client, user)
        context.clear_cookies()
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )

    def act(button_name, **fields):
        page.goto(f"{live_server.url}/vouchers/applications/{app_id}/")
        form = page.locator(f"form[aria-label='{button_name}']")
        for selector, value in fields.items():
            form.locator(selector).fill(value)
        form.get_by_role("button", name=button_name).click()
        page.wait_for_load_state()

    # The applicant drafts with provider suggestions, then submits.
    login_as(cast.applicant_member)
    cast.provider.expertise = "lasrobots en kalibratie"
    cast.provider.save()
    page.goto(f"{live_server.url}/vouchers/schemes/{cast.scheme.pk}/apply/")
    page.fill("#id_title", "Lasrobot kalibreren")
    page.fill("#id_assignment_description", "Wij willen onze lasrobot kalibreren.")
    page.get_by_role("button", name="Suggest providers").click()
    assert "Fontys Lectoraat" in page.locator("#suggestions-title + ul").inner_text()
    page.select_option("#id_provider", str(cast.provider.pk))
    page.fill("#id_quote_amount", "7500.00")
    page.fill("#id_requested_amount", "5250.00")
    start = dt.date.today() + dt.timedelta(days=7)
    page.fill("#id_planned_start", start.isoformat())
    page.fill("#id_planned_end", (start + dt.timedelta(days=60)).isoformat())
    page.check("#id_de_minimis_declared")
    page.fill("#id_de_minimis_other_aid", "0")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/vouchers/applications/*/")
    app_id = Application.objects.get().pk
    assert "cross-border ✓" in page.locator("#eligibility").inner_text()
    act("Submit")
    assert "submitted" in page.locator("#status").inner_text()

    login_as(cast.reviewer)
    act("Recommend approval")
    assert "reviewed" in page.locator("#status").inner_text()
    login_as(cast.approver)
    act("Approve")
    assert "approved" in page.locator("#status").inner_text()

    login_as(cast.provider_member)
    act("Confirm the assignment started")
    invoice = tmp_path / "factuur.pdf"
    invoice.write_bytes(PDF)
    page.select_option("#id_kind", "invoice")
    page.set_input_files("#id_file", str(invoice))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    act("Confirm delivery with invoice", **{"input[name=invoice_amount]": "7500.00"})
    assert "delivered" in page.locator("#status").inner_text()

    login_as(cast.reviewer)
    act("Pay", **{"input[name=amount]": "5250.00"})
    assert "paid" in page.locator("#status").inner_text()
    application = Application.objects.get(pk=app_id)
    assert application.status == ApplicationStatus.PAID
    assert str(application.paid_amount) == "5250.00"
    context.close()
