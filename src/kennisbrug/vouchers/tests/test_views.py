"""Pages: forms call the services, bad input is refused, exports are safe."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from tests.clients import log_in

from kennisbrug.core.exports import safe_text as safe
from kennisbrug.vouchers.constants import ApplicationStatus
from kennisbrug.vouchers.models import Application, Attachment, Scheme

from .factories import Cast, pdf, today

pytestmark = pytest.mark.django_db
S = ApplicationStatus
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def cast():
    return Cast()


def _form(cast, **overrides):
    data = {
        "applicant": cast.applicant.pk,
        "title": "Lasrobot",
        "provider": cast.provider.pk,
        "assignment_description": "Kalibratie van een lasrobot.",
        "quote_amount": "7500.00",
        "requested_amount": "5250.00",
        "planned_start": today().isoformat(),
        "planned_end": today().isoformat(),
        "de_minimis_declared": "on",
        "de_minimis_other_aid": "0",
        "idempotency_key": "form-key-1",
    }
    data.update(overrides)
    return data


def test_draft_form_double_click_creates_one_application(client, cast):
    log_in(client, cast.applicant_member)
    url = reverse("vouchers:application_create", args=[cast.scheme.pk])
    assert 'name="idempotency_key"' in client.get(url).content.decode()
    first = client.post(url, _form(cast))
    second = client.post(url, _form(cast))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("requested_amount", "-10", "cannot be negative"),
        ("requested_amount", "0", "more than zero"),
        ("requested_amount", "10.123", "2 decimal places"),
        ("requested_amount", "9000", "exceeds the maximum"),
        ("quote_amount", "5000", "at most 70 % of the quote"),
        ("requested_amount", "'; DROP TABLE x;--", "Enter a number"),
        ("planned_end", "2000-01-01", "cannot be before"),
        ("title", "<b>bold</b>", "HTML markup"),
        ("title", "", "required"),
        ("assignment_description", "x" * 10001, "10000 characters"),
    ],
)
def test_bad_form_input_shows_a_message_and_writes_nothing(client, cast, field, value, message):
    log_in(client, cast.applicant_member)
    response = client.post(
        reverse("vouchers:application_create", args=[cast.scheme.pk]),
        _form(cast, **{field: value}),
        **EN,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Application.objects.count() == 0


def test_suggest_button_lists_cross_border_providers(client, cast):
    cast.provider.expertise = "Lasrobots, kalibratie en robotica"
    cast.provider.save()
    log_in(client, cast.applicant_member)
    response = client.post(
        reverse("vouchers:application_create", args=[cast.scheme.pk]),
        {**_form(cast), "suggest": "1"},
        **EN,
    )
    body = response.content.decode()
    assert "Fontys Lectoraat" in body and "Cross-border: provider in" in body
    assert Application.objects.count() == 0


def test_submit_shows_every_failed_rule(client, cast):
    app = cast.draft(de_minimis_other_aid=Decimal("299000"))
    log_in(client, cast.applicant_member)
    response = client.post(
        reverse("vouchers:application_transition", args=[app.pk, "submit"]), follow=True, **EN
    )
    assert "De minimis headroom €1,000.00 &lt; requested: ✗" in response.content.decode()
    app.refresh_from_db()
    assert app.status == S.DRAFT


def test_detail_shows_status_next_step_and_history(client, cast):
    app = cast.advance(cast.draft(), S.APPROVED)
    log_in(client, cast.provider_member)
    body = client.get(reverse("vouchers:application_detail", args=[app.pk]), **EN).content
    body = body.decode()
    assert "approved" in body
    assert "The provider confirms that the assignment has started." in body
    assert "<td>Approve</td>" in body and "voucher_approve" not in body  # steps in words
    assert "Confirm the assignment started" in body


def test_invoice_upload_and_download(client, cast):
    app = cast.advance(cast.draft(), S.IN_PROGRESS)
    log_in(client, cast.provider_member)
    url = reverse("vouchers:attachment_upload", args=[app.pk])
    client.post(url, {"kind": "invoice", "file": pdf()})
    attachment = Attachment.objects.get()
    assert attachment.file.name.startswith(f"vouchers/{app.pk}/invoice-")
    response = client.get(reverse("vouchers:attachment_download", args=[app.pk, attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    client.post(url, {"kind": "invoice", "file": pdf("evil.html", b"<script>")})
    assert Attachment.objects.count() == 1


def test_scheme_form_refuses_bad_rules(client, cast):
    log_in(client, cast.reviewer)
    data = {
        "name": "MIT-achtig",
        "type": "knowledge_voucher",
        "total_budget": "100000",
        "opens_on": "2026-01-01",
        "closes_on": "2025-01-01",
        "min_amount": "1000",
        "max_amount": "500",
        "aid_intensity": "170",
        "eligible_size_classes": ["small"],
        "provider_rule": "cross_border_ki",
        "max_vouchers_per_applicant": "1",
        "validity_months": "12",
        "aid_regime": "de_minimis",
    }
    count = Scheme.objects.count()
    response = client.post(reverse("vouchers:scheme_create"), data, **EN)
    assert response.status_code == 200
    assert "A percentage cannot exceed 100." in response.content.decode()
    data["aid_intensity"] = "70"
    response = client.post(reverse("vouchers:scheme_create"), data, **EN)
    assert "cannot be below the minimum" in response.content.decode() or (
        "closing date" in response.content.decode()
    )
    data.update(closes_on="2026-12-31", max_amount="5250")
    response = client.post(reverse("vouchers:scheme_create"), data, **EN)
    assert response.status_code == 302
    assert Scheme.objects.count() == count + 1


def _paid_scheme(cast):
    app = cast.draft(title='=HYPERLINK("http://evil")')
    cast.advance(app, S.PAID)
    return app


def test_csv_exports_are_decimal_and_formula_safe(client, cast):
    _paid_scheme(cast)
    log_in(client, cast.reviewer)
    response = client.get(
        reverse("vouchers:scheme_export", args=[cast.scheme.pk, "applications", "csv"]), **EN
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Reference"
    assert rows[1][1].startswith("'=HYPERLINK")
    assert rows[1][rows[0].index("Paid (EUR)")] == "5250,00"
    response = client.get(
        reverse("vouchers:scheme_export", args=[cast.scheme.pk, "payments", "csv"]), **EN
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    kinds = [row[2] for row in rows[1:]]
    assert kinds == ["commitment", "disbursement"]


def test_xlsx_exports_are_decimal_and_formula_safe(client, cast):
    _paid_scheme(cast)
    log_in(client, cast.reviewer)
    response = client.get(
        reverse("vouchers:scheme_export", args=[cast.scheme.pk, "applications", "xlsx"]), **EN
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[1].startswith("'=")
    paid = sheet.cell(row=2, column=header.index("Paid (EUR)") + 1)
    assert paid.value == 5250 and paid.number_format == "#,##0.00"


CALC = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("what", ["applications", "payments"])
def test_exports_neutralise_a_dde_payload(client, cast, what):
    app = cast.draft(title=CALC)
    cast.advance(app, S.PAID)
    app.applicant.name = CALC
    app.applicant.save()
    log_in(client, cast.reviewer)
    url = reverse("vouchers:scheme_export", args=[cast.scheme.pk, what, "csv"])
    text = client.get(url, **EN).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert "'" + CALC in {cell for row in rows for cell in row}
    assert not any(cell.startswith("=") for row in rows for cell in row)
    url = reverse("vouchers:scheme_export", args=[cast.scheme.pk, what, "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url, **EN).content)).active
    assert "'" + CALC in {c.value for row in sheet.iter_rows() for c in row}
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1"])
def test_safe_prefixes_formula_starts(value):
    assert safe(value) == "'" + value


def test_dashboard_shows_ledger_totals(client, cast):
    _paid_scheme(cast)
    log_in(client, cast.reviewer)
    body = client.get(reverse("vouchers:scheme_dashboard", args=[cast.scheme.pk]), **EN)
    body = body.content.decode()
    assert "94,750.00" in body  # available
    assert "5,250.00" in body  # disbursed


def test_aid_register_lists_undertaking(client, cast):
    cast.advance(cast.draft(), S.APPROVED)
    log_in(client, cast.reviewer)
    body = client.get(reverse("vouchers:aid_register"), **EN).content.decode()
    assert "BE0417497106" in body and "294,750.00" in body
    log_in(client, cast.outsider)
    assert "BE0417497106" not in client.get(reverse("vouchers:aid_register")).content.decode()


def _provider_options(html: str) -> str:
    return html.split('name="provider"', 1)[1].split("</select>", 1)[0]


def test_provider_picker_lists_only_eligible_providers_and_searches(client, cast):
    from kennisbrug.organisations.tests.factories import OrganisationFactory

    OrganisationFactory(name="Gemeente Terneuzen", type="government", dutch=True)
    OrganisationFactory(name="Fotonica Hogeschool", knowledge_institution=True, dutch=True)
    log_in(client, cast.applicant_member)
    url = reverse("vouchers:application_create", args=[cast.scheme.pk])
    options = _provider_options(client.get(url, **EN).content.decode())
    assert "Fontys Lectoraat" in options and "Fotonica Hogeschool" in options
    assert "Gemeente Terneuzen" not in options  # a municipality is no knowledge provider
    assert cast.applicant.name not in options  # nor an SME
    response = client.post(url, {**_form(cast), "provider_q": "fotonica", "find_provider": "1"})
    options = _provider_options(response.content.decode())
    assert "Fotonica Hogeschool" in options and "Fontys Lectoraat" not in options
    assert 'value="Lasrobot"' in response.content.decode()  # what was typed stays
    for hostile in ("<script>", "%", "x" * 500, "' OR 1=1 --"):
        response = client.post(url, {**_form(cast), "provider_q": hostile, "find_provider": "1"})
        assert response.status_code == 200 and "<script>" not in _provider_options(
            response.content.decode()
        )
    assert Application.objects.count() == 0


def test_a_suggested_provider_is_chosen_with_one_click(client, cast):
    cast.provider.expertise = "Lasrobots, kalibratie en robotica"
    cast.provider.save()
    log_in(client, cast.applicant_member)
    url = reverse("vouchers:application_create", args=[cast.scheme.pk])
    body = client.post(url, {**_form(cast, provider=""), "suggest": "1"}, **EN).content.decode()
    assert f'name="pick_provider" value="{cast.provider.pk}"' in body
    body = client.post(
        url, {**_form(cast, provider=""), "pick_provider": str(cast.provider.pk)}, **EN
    ).content.decode()
    assert f'<option value="{cast.provider.pk}" selected>' in _provider_options(body)
    # hostile or unknown picks choose nothing and save nothing
    for bad in ("abc", "999999", "<script>"):
        body = client.post(url, {**_form(cast, provider=""), "pick_provider": bad}).content
        assert b"selected>" not in _provider_options(body.decode()).encode()
    assert Application.objects.count() == 0
    # saving a provider the call does not accept is refused
    from kennisbrug.organisations.tests.factories import OrganisationFactory

    town = OrganisationFactory(name="Gemeente Sluis", type="government", dutch=True)
    response = client.post(url, _form(cast, provider=town.pk), **EN)
    assert "Select a valid choice" in response.content.decode()
    assert Application.objects.count() == 0


def test_enter_in_the_form_searches_providers_and_saves_nothing(client, cast):
    """Browsers press a form's first submit button on Enter: in the application form that
    is the provider search, so Enter in the search field narrows the list (the browser
    journey presses Enter for real)."""
    import re

    log_in(client, cast.applicant_member)
    url = reverse("vouchers:application_create", args=[cast.scheme.pk])
    html = client.get(url, **EN).content.decode()
    form = html.split('<form method="post" novalidate>', 1)[1]
    first_submit = re.search(r"<button[^>]*type=\"submit\"[^>]*>", form).group(0)
    assert 'name="find_provider"' in first_submit
    assert Application.objects.count() == 0


def test_dashboard_names_countries_in_the_readers_language(client, cast):
    from kennisbrug.core.models import Country

    cast.draft()
    country = Country.objects.get(pk=cast.draft().applicant.country_id)
    assert country.name_en and country.name_en != country.name_nl
    log_in(client, cast.reviewer)
    url = reverse("vouchers:scheme_dashboard", args=[cast.scheme.pk])
    en = client.get(url, **EN).content.decode()
    assert country.name_en in en and country.name_nl not in en
    nl = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert country.name_nl in nl and country.name_en not in nl
