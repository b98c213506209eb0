"""The plain-text rule, checked directly, on models, through a page and through the API."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework.test import APIClient
from tests.clients import log_in

from kennisbrug.core.validators import (
    PlainTextValidator,
    multi_line_text,
    single_line_text,
    strip_control_characters,
)
from kennisbrug.innovation.models import InnovationQuestion
from kennisbrug.organisations.models import Organisation
from kennisbrug.organisations.tests.factories import OrganisationFactory

NUL, BELL, ESC, DEL = "\x00", "\x07", "\x1b", "\x7f"
C1_NEL, C1_CSI = "\x85", "\x9b"
RTL_OVERRIDE = "\u202e"
HOSTILE = [NUL, BELL, ESC, DEL, C1_NEL, C1_CSI]


@pytest.mark.parametrize("char", HOSTILE)
@pytest.mark.parametrize("validator", [single_line_text, multi_line_text])
def test_control_characters_are_refused(validator, char):
    with pytest.raises(ValidationError) as exc:
        validator(f"laser{char}snijden")
    assert exc.value.code == "control_characters"
    with translation.override("en"):
        assert str(exc.value.message) == "The text contains control characters; remove them."
    with translation.override("nl"):
        assert str(exc.value.message) == "De tekst bevat stuurtekens; haal ze weg."


@pytest.mark.parametrize("char", ["\t", "\n", "\r"])
def test_line_controls_only_in_multi_line_text(char):
    multi_line_text(f"regel een{char}regel twee")
    with pytest.raises(ValidationError):
        single_line_text(f"regel een{char}regel twee")


@pytest.mark.parametrize(
    "text",
    ["Fotonica & lasersnijden", "<script>alert(1)</script>", "ÉÎÕ ß 東京", f"a{RTL_OVERRIDE}b", ""],
)
def test_printable_text_markup_and_format_characters_pass(text):
    # Markup is stored as text and escaped on output; the right-to-left override is a
    # format character (Cf), which none of the earlier checks refused either.
    single_line_text(text)
    multi_line_text(text)


def test_validator_deconstructs_for_migrations():
    path, args, kwargs = PlainTextValidator(multiline=True).deconstruct()
    assert path == "kennisbrug.core.validators.PlainTextValidator"
    assert (args, kwargs) == ((), {"multiline": True})
    assert PlainTextValidator(multiline=True) == multi_line_text != single_line_text


def test_strip_for_imports_keeps_line_breaks_only_where_allowed():
    assert strip_control_characters(f"a{NUL}b{C1_CSI}c\nd") == "abc\nd"
    assert strip_control_characters("a\tb\nc", multiline=False) == "abc"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("name", f"Acme{NUL}"), ("city", "Gent\nZuid"), ("description", f"x{C1_CSI}31m")],
)
def test_model_full_clean_refuses_hostile_text(field, value):
    org = OrganisationFactory()
    setattr(org, field, value)
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert [e.code for e in exc.value.error_dict[field]] == ["control_characters"]
    # Nothing was written: the stored row still holds the earlier text.
    assert getattr(Organisation.objects.get(pk=org.pk), field) != value


@pytest.mark.django_db
@pytest.mark.parametrize("char", [NUL, C1_NEL, ESC])
def test_page_form_refuses_hostile_text(client, roles, char):
    log_in(client, roles.member)
    response = client.post(
        "/questions/new/",
        {
            "organisation": roles.organisation.pk,
            "title": f"Laser{char}snijden",
            "description": "Wij zoeken kennis.",
            "budget": "unknown",
            "timeframe": "3m",
            "visibility": "public",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert not InnovationQuestion.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "char"), [("title", NUL), ("description", C1_CSI)])
def test_api_refuses_hostile_text(roles, field, char):
    api = APIClient()
    api.force_authenticate(roles.member)
    body = {"title": "Lasersnijden", "description": "Wij zoeken kennis over RVS."}
    body[field] = body[field].replace(" ", char, 1) if " " in body[field] else f"a{char}b"
    response = api.post("/api/v1/questions/", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in response.json()["errors"]
    assert not InnovationQuestion.objects.exists()


@pytest.mark.django_db
def test_api_keeps_line_breaks_in_multi_line_text(roles):
    api = APIClient()
    api.force_authenticate(roles.member)
    body = {"title": "Lasersnijden", "description": "Regel een\nRegel twee\tmet tab"}
    response = api.post("/api/v1/questions/", body, format="json")
    assert response.status_code == 201, response.json()
    assert InnovationQuestion.objects.get().description == body["description"]


def test_plausible_dates_refuse_year_one_and_9999():
    import datetime as dt

    from django.core.exceptions import ValidationError

    from kennisbrug.core.validators import PlausibleDateValidator, plausible_event_date

    for value in (dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1999, 12, 31)):
        with pytest.raises(ValidationError) as caught:
            plausible_event_date(value)
        assert caught.value.code == "implausible_date"
    plausible_event_date(dt.date(2026, 6, 1))
    plausible_event_date(dt.datetime(2100, 12, 31, 23, 59, tzinfo=dt.UTC))
    plausible_event_date(None)  # emptiness is the field's own business
    assert PlausibleDateValidator() == PlausibleDateValidator(earliest_year=1900)
    assert PlausibleDateValidator() != plausible_event_date


@pytest.mark.django_db
def test_a_voucher_page_refuses_an_implausible_date():
    from django.test import Client

    from kennisbrug.vouchers.models import Application
    from kennisbrug.vouchers.tests.factories import Cast

    cast = Cast()
    client = Client()
    log_in(client, cast.applicant_member)
    response = client.post(
        f"/vouchers/schemes/{cast.scheme.pk}/apply/",
        {
            "applicant": cast.applicant.pk,
            "provider": cast.provider.pk,
            "title": "Lasrobot",
            "assignment_description": "Kalibratie",
            "quote_amount": "7500.00",
            "requested_amount": "5250.00",
            "planned_start": "9999-01-01",
            "planned_end": "9999-01-02",
            "de_minimis_declared": "on",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "between the years 2000 and 2100" in response.content.decode()
    assert Application.objects.count() == 0
