"""The application page speaks the reader's language: history steps and states,
size classes and the legal basis in words, never as stored codes."""

import pytest
from django.utils import translation
from tests.clients import log_in

from kennisbrug.core.audit import audit_trail

from .factories import Cast

pytestmark = pytest.mark.django_db


def _history(app, language):
    with translation.override(language):
        return [
            (r.action_display, r.from_state_display, r.to_state_display)
            for r in audit_trail(app).order_by("pk")
        ]


def test_history_names_steps_and_states_in_words():
    cast = Cast()
    app = cast.draft()
    cast.advance(app, "submitted")
    assert _history(app, "nl") == [
        ("Aanvraag aangemaakt", "", "concept"),
        ("Indienen", "concept", "ingediend"),
    ]
    assert _history(app, "en") == [
        ("Application created", "", "draft"),
        ("Submit", "draft", "submitted"),
    ]


def test_unknown_actions_and_states_never_show_a_code():
    cast = Cast()
    app = cast.draft()
    record = audit_trail(app).get()
    record.action, record.to_state = "something_new", "unheard_of"
    with translation.override("nl"):
        assert record.action_display == "Gewijzigd"
    # A state no model knows is shown as stored: there is no better word for it.
    assert record.to_state_display == "unheard_of"


def test_application_page_in_dutch_has_no_codes(client):
    cast = Cast()
    app = cast.draft()
    cast.advance(app, "submitted")
    log_in(client, cast.applicant_member)
    client.cookies["django_language"] = "nl"
    html = client.get(f"/vouchers/applications/{app.pk}/").content.decode()
    assert "Aanvraag aangemaakt" in html and "<td>ingediend</td>" in html
    for code in ("voucher_application_created", ">draft<", ">submitted<", ">submit<"):
        assert code not in html


def test_scheme_page_names_size_classes():
    cast = Cast(intensity_by_size_class={"small": "60"})
    with translation.override("nl"):
        labels = cast.scheme.eligible_size_class_labels
        intensities = cast.scheme.intensity_by_size_class_labels
    assert labels == ["micro-onderneming", "kleine onderneming", "middelgrote onderneming"]
    assert intensities == [("kleine onderneming", "60")]


def test_aid_register_names_the_regulation_in_the_page_language(client):
    cast = Cast()
    log_in(client, cast.reviewer)
    client.cookies["django_language"] = "nl"
    html = client.get("/vouchers/aid-register/").content.decode()
    assert "Verordening (EU) 2023/2831" in html
    assert "13 Dec" not in html


def test_a_stored_check_reads_in_the_language_of_whoever_opens_it():
    from kennisbrug.vouchers.eligibility import check_application, render_reason

    cast = Cast()
    app = cast.draft()
    with translation.override("nl"):
        stored = [r.as_dict() for r in check_application(app)]
    amount = next(r for r in stored if r["code"] == "amount")
    assert amount["parts"][0]["key"] == "amount"
    assert tuple(amount["parts"][0]["params"]["amount"]) == ("money", "5250.00")
    with translation.override("en"):
        assert render_reason(amount).startswith("Requested €5,250.00")
    with translation.override("nl"):
        assert render_reason(amount).startswith("Gevraagd € 5.250,00")


def test_legacy_rows_with_only_text_stay_readable():
    from kennisbrug.vouchers.eligibility import render_reason

    legacy = {"code": "budget", "passed": True, "message": "Budget nog beschikbaar: ✓"}
    assert render_reason(legacy) == "Budget nog beschikbaar: ✓"
    # A key this version does not know falls back to the stored text too.
    odd = {**legacy, "parts": [{"key": "gone", "params": {}}]}
    assert render_reason(odd) == "Budget nog beschikbaar: ✓"


def test_api_gives_reason_keys_and_text_in_the_request_language(api_client_for):
    cast = Cast()
    app = cast.draft()
    url = f"/api/v1/vouchers/applications/{app.pk}/eligibility/"
    english = api_client_for(cast.applicant_member, language="en").get(url).json()
    dutch = api_client_for(cast.applicant_member, language="nl").get(url).json()
    size_en = next(r for r in english if r["code"] == "applicant_size")
    size_nl = next(r for r in dutch if r["code"] == "applicant_size")
    assert size_en["parts"] == size_nl["parts"]
    assert size_en["parts"][0]["key"] == "applicant_size"
    assert "small enterprise" in size_en["message"] or "micro enterprise" in size_en["message"]
    assert "onderneming" in size_nl["message"]
