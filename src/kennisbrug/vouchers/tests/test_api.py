"""API: shapes, idempotency, transitions, problem details, permission matrix."""

from decimal import Decimal

import pytest
from tests.clients import api_client_for

from kennisbrug.vouchers.constants import ApplicationStatus
from kennisbrug.vouchers.models import Application, Attachment, LedgerEntry, Scheme

from .factories import Cast, pdf, today

pytestmark = pytest.mark.django_db
S = ApplicationStatus
BASE = "/api/v1/vouchers"


@pytest.fixture
def cast():
    return Cast()


def api(user=None):
    return api_client_for(user, language="en")


def _payload(cast, **overrides):
    data = {
        "scheme": cast.scheme.pk,
        "applicant": cast.applicant.pk,
        "provider": cast.provider.pk,
        "title": "Lasrobot",
        "assignment_description": "Kalibratie",
        "quote_amount": "7500.00",
        "requested_amount": "5250.00",
        "planned_start": today().isoformat(),
        "planned_end": today().isoformat(),
        "de_minimis_declared": True,
    }
    data.update(overrides)
    return data


def test_create_is_idempotent_with_the_header(cast):
    client = api(cast.applicant_member)
    first = client.post(
        f"{BASE}/applications/", _payload(cast), format="json", HTTP_IDEMPOTENCY_KEY="retry-1"
    )
    again = client.post(
        f"{BASE}/applications/", _payload(cast), format="json", HTTP_IDEMPOTENCY_KEY="retry-1"
    )
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["requested_amount"] == "5250.00"
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("requested_amount", "-1.00", "cannot be negative"),
        ("requested_amount", "0", "more than zero"),
        ("requested_amount", "1.005", "decimal places"),
        ("requested_amount", "99999", "exceeds the maximum"),
        ("quote_amount", "1000", "at most 70 % of the quote"),
        ("requested_amount", "1e400", "14 digits"),
        ("planned_end", "2001-01-01", "cannot be before"),
        ("title", "<script>alert(1)</script>", "HTML markup"),
        ("title", "a\x07b", "control characters"),
        ("title", "x" * 500, "no more than 200"),
        ("provider", "1 OR 1=1", "Incorrect type"),
    ],
)
def test_bad_input_is_a_problem_and_writes_nothing(cast, field, value, message):
    response = api(cast.applicant_member).post(
        f"{BASE}/applications/", _payload(cast, **{field: value}), format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    errors = body["errors"]
    key = "requested_amount" if field == "quote_amount" else field
    assert message in " ".join(str(e) for e in errors[key]), errors
    assert Application.objects.count() == 0


def test_full_flow_over_the_api(cast):
    created = (
        api(cast.applicant_member)
        .post(f"{BASE}/applications/", _payload(cast), format="json")
        .json()
    )
    url = f"{BASE}/applications/{created['id']}/transitions/"
    assert (
        api(cast.applicant_member).post(url, {"action": "submit"}, format="json").json()["status"]
        == "submitted"
    )
    api(cast.reviewer).post(url, {"action": "review", "reason": "ok"}, format="json")
    denied = api(cast.reviewer).post(url, {"action": "approve"}, format="json")
    assert denied.status_code == 403
    assert api(cast.approver).post(url, {"action": "approve"}, format="json").status_code == 200
    api(cast.provider_member).post(url, {"action": "start"}, format="json")
    upload = api(cast.provider_member).post(
        f"{BASE}/applications/{created['id']}/attachments/",
        {"kind": "invoice", "file": pdf()},
        format="multipart",
    )
    assert upload.status_code == 201
    api(cast.provider_member).post(
        url, {"action": "deliver", "invoice_amount": "7500.00"}, format="json"
    )
    paid = api(cast.reviewer).post(url, {"action": "pay", "amount": "5000.00"}, format="json")
    assert paid.json()["status"] == "paid" and paid.json()["paid_amount"] == "5000.00"
    ledger = api(cast.reviewer).get(f"{BASE}/schemes/{cast.scheme.pk}/ledger/").json()
    assert ledger["disbursed"] == "5000.00" and ledger["released"] == "250.00"
    assert [e["kind"] for e in ledger["entries"]] == ["commitment", "disbursement", "release"]
    history = api(cast.applicant_member).get(f"{BASE}/applications/{created['id']}/history/")
    assert [h["to_state"] for h in history.json() if h["to_state"]][-1] == "paid"
    again = api(cast.reviewer).post(url, {"action": "approve"}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "transition_not_allowed"


def test_api_cannot_expire(cast):
    app = cast.advance(cast.draft(), S.APPROVED)
    response = api(cast.reviewer).post(
        f"{BASE}/applications/{app.pk}/transitions/", {"action": "expire"}, format="json"
    )
    assert response.status_code == 403


def test_submit_not_eligible_lists_reasons(cast):
    app = cast.draft(de_minimis_declared=False)
    response = api(cast.applicant_member).post(
        f"{BASE}/applications/{app.pk}/transitions/", {"action": "submit"}, format="json"
    )
    assert response.status_code == 400
    assert (
        "The de minimis self-declaration is missing: ✗" in response.json()["errors"]["eligibility"]
    )


def test_scheme_create_and_bad_rules(cast):
    data = {
        "name": "KMO-portefeuille grensoverschrijdend",
        "type": "innovation_advice",
        "total_budget": "50000.00",
        "opens_on": "2026-01-01",
        "closes_on": "2026-12-31",
        "min_amount": "500.00",
        "max_amount": "7500.00",
        "aid_intensity": "30.00",
        "intensity_by_size_class": {"medium": "20.00"},
        "eligible_size_classes": ["micro", "small", "medium"],
        "provider_rule": "accredited",
        "accredited_providers": [cast.provider.pk],
        "max_vouchers_per_applicant": 3,
        "applicant_annual_cap": "7500.00",
        "validity_months": 12,
        "aid_regime": "de_minimis",
    }
    created = api(cast.reviewer).post(f"{BASE}/schemes/", data, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["intensity_by_size_class"] == {"medium": "20.00"}
    count = Scheme.objects.count()
    for bad in [
        {"aid_intensity": "120"},
        {"closes_on": "2025-01-01"},
        {"eligible_size_classes": ["huge"]},
        {"accredited_providers": []},
        {"total_budget": "-5"},
        {"name": "<b>x</b>"},
    ]:
        response = api(cast.reviewer).post(f"{BASE}/schemes/", {**data, **bad}, format="json")
        assert response.status_code == 400, bad
    assert Scheme.objects.count() == count


def test_suggestions_endpoint(cast):
    cast.provider.expertise = "Robotica en lasrobots"
    cast.provider.save()
    response = api(cast.applicant_member).get(
        f"{BASE}/provider-suggestions/", {"applicant": cast.applicant.pk, "need": "lasrobot"}
    )
    assert response.status_code == 200
    assert response.json()[0]["organisation"]["name"] == "Fontys Lectoraat"
    explanation = response.json()[0]["explanation"]
    assert "Shared terms: lasrobot" in explanation and "Cross-border: provider in" in explanation
    other = api(cast.outsider).get(
        f"{BASE}/provider-suggestions/", {"applicant": cast.applicant.pk, "need": "lasrobot"}
    )
    assert other.status_code == 404


# --- permission matrix ---------------------------------------------------------


@pytest.fixture
def world(roles):
    cast = Cast(applicant=roles.organisation)
    cast.applicant_member = roles.member
    app = cast.advance(cast.draft(), S.APPROVED)
    people = {**roles.as_dict(), "provider": cast.provider_member}
    return cast, app, people


# The provider comes last: its allowed "start" changes the status for whoever follows.
WHO = ["anonymous", "other", "member", "admin", "secretariat", "provider"]
MATRIX = {
    ("get", "/schemes/"): [200, 200, 200, 200, 200, 200],
    ("get", "/schemes/{scheme}/"): [200, 200, 200, 200, 200, 200],
    ("post", "/schemes/"): [401, 403, 403, 403, 400, 403],
    ("patch", "/schemes/{scheme}/"): [401, 403, 403, 403, 200, 403],
    ("get", "/schemes/{scheme}/ledger/"): [401, 403, 403, 403, 200, 403],
    ("get", "/applications/"): [401, 200, 200, 200, 200, 200],
    ("get", "/applications/{app}/"): [401, 404, 200, 200, 200, 200],
    ("patch", "/applications/{app}/"): [401, 404, 403, 403, 403, 403],
    ("get", "/applications/{app}/eligibility/"): [401, 404, 200, 200, 200, 200],
    ("get", "/applications/{app}/history/"): [401, 404, 200, 200, 200, 200],
    ("post", "/applications/{app}/transitions/"): [401, 404, 403, 403, 403, 200],
    ("get", "/aid-register/"): [401, 200, 200, 200, 200, 200],
}


@pytest.mark.parametrize("endpoint", list(MATRIX), ids=lambda e: f"{e[0]} {e[1]}")
def test_api_permission_matrix(world, endpoint):
    cast, app, people = world
    method, path = endpoint
    url = BASE + path.format(scheme=cast.scheme.pk, app=app.pk)
    body = {"action": "start"} if "transitions" in path else {"name": "Nieuwe naam"}
    for who, expected in zip(WHO, MATRIX[endpoint], strict=True):
        client = api(people[who])
        response = (
            getattr(client, method)(url, body, format="json")
            if method != "get"
            else (client.get(url))
        )
        assert response.status_code == expected, (endpoint, who, response.content[:300])
    assert LedgerEntry.objects.count() == 1  # nobody but the approval booked anything


def test_attachment_upload_matrix(world):
    _cast, app, people = world
    url = f"{BASE}/applications/{app.pk}/attachments/"
    expected = {
        "anonymous": 401,
        "other": 404,
        "member": 403,
        "admin": 403,
        "provider": 201,
        "secretariat": 403,
    }
    for who, status in expected.items():
        response = api(people[who]).post(
            url, {"kind": "invoice", "file": pdf()}, format="multipart"
        )
        assert response.status_code == status, who
    assert Attachment.objects.count() == 1
    bad = api(people["provider"]).post(
        url, {"kind": "invoice", "file": pdf("x.pdf", b"GIF89a")}, format="multipart"
    )
    assert bad.status_code == 400
    assert Decimal(app.requested_amount) == Decimal("5250.00")


def test_an_idempotency_key_reused_for_other_content_is_refused(cast):
    client = api(cast.applicant_member)
    first = client.post(
        f"{BASE}/applications/", _payload(cast), format="json", HTTP_IDEMPOTENCY_KEY="retry-2"
    )
    other = client.post(
        f"{BASE}/applications/",
        _payload(cast, requested_amount="5000.00"),
        format="json",
        HTTP_IDEMPOTENCY_KEY="retry-2",
    )
    assert first.status_code == 201
    assert other.status_code == 422
    assert other["Content-Type"].startswith("application/problem+json")
    assert other.json()["code"] == "idempotency_key_reused"
    assert "different content" in other.json()["detail"]
    assert Application.objects.get().requested_amount == Decimal("5250.00")


def test_the_same_key_from_another_person_is_another_request(cast):
    """Keys belong to their sender: someone else's key never returns their application."""
    payload = _payload(cast)
    mine = api(cast.applicant_member).post(
        f"{BASE}/applications/", payload, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    theirs = api(cast.outsider).post(
        f"{BASE}/applications/", payload, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert mine.status_code == 201
    assert theirs.status_code in (403, 404)
    assert Application.objects.count() == 1


@pytest.mark.parametrize("key", ["x" * 65, "a\x00b"])
def test_an_oversized_or_hostile_idempotency_key_is_refused(cast, key):
    response = api(cast.applicant_member).post(
        f"{BASE}/applications/", _payload(cast), format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert Application.objects.count() == 0


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_implausible_dates_are_refused(cast, value):
    response = api(cast.applicant_member).post(
        f"{BASE}/applications/",
        _payload(cast, planned_start=value, planned_end=value),
        format="json",
    )
    assert response.status_code == 400
    assert "between the years" in str(response.json()["errors"]["planned_start"])
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "language, created, submitted, draft",
    [("nl", "Aanvraag aangemaakt", "Indienen", "concept"), ("en", None, "Submit", "draft")],
)
def test_history_gives_labels_in_the_readers_language_next_to_the_codes(
    cast, language, created, submitted, draft
):
    created_app = api(cast.applicant_member).post(
        f"{BASE}/applications/", _payload(cast), format="json"
    )
    app_id = created_app.json()["id"]
    api(cast.applicant_member).post(
        f"{BASE}/applications/{app_id}/transitions/", {"action": "submit"}, format="json"
    )
    client = api_client_for(cast.applicant_member, language=language)
    history = client.get(f"{BASE}/applications/{app_id}/history/").json()
    first, last = history[0], history[-1]
    assert first["action"] == "voucher_application_created"  # the code stays for machines
    if created:
        assert first["action_label"] == created
    assert first["action_label"] != first["action"]
    assert (last["action"], last["from_state"], last["to_state"]) == (
        "voucher_submit",
        "draft",
        "submitted",
    )
    assert last["action_label"] == submitted and last["from_state_label"] == draft
    assert last["to_state_label"] == {"nl": "ingediend", "en": "submitted"}[language]
