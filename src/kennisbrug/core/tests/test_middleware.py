"""NUL bytes are refused at the door with 400, on both faces, before any database query."""

import pytest
from django.test import Client
from tests.clients import api_client_for, log_in

from kennisbrug.accounts.models import User
from kennisbrug.core.middleware import request_holds_nul

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _is_problem(response) -> bool:
    return response.status_code == 400 and response["Content-Type"].startswith(PROBLEM)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/vouchers/applications/?status=a%00b",
        "/api/v1/organisations/?q=%00",
        "/api/v1/organisations/?a%00b=1",
        "/api/v1/organisations/a%00b/",
    ],
)
def test_a_nul_in_the_api_url_is_a_problem(roles, url):
    response = api_client_for(roles.member, language="en").get(url)
    assert _is_problem(response)
    assert response.json()["code"] == "nul_character"
    assert "NUL" in response.json()["detail"]


def test_a_nul_in_a_header_is_a_problem(roles):
    response = api_client_for(roles.member).get(
        "/api/v1/organisations/", HTTP_IDEMPOTENCY_KEY="k\x00"
    )
    assert _is_problem(response)


def test_a_nul_in_an_api_form_field_is_a_problem(roles):
    response = api_client_for(roles.member).post(
        "/api/v1/vouchers/applications/", {"title": "a\x00b"}, format="multipart"
    )
    assert _is_problem(response)


def test_a_nul_on_a_page_gets_the_site_error_page(roles):
    client = Client()
    log_in(client, roles.member)
    response = client.get("/organisations/?q=fo%00o")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_a_nul_in_a_form_post_changes_nothing():
    before = User.objects.count()
    response = Client().post(
        "/accounts/signup/",
        {"email": "nul\x00@example.org", "password1": "x", "password2": "x"},
    )
    assert response.status_code == 400
    assert User.objects.count() == before


def test_ordinary_requests_pass(roles):
    assert api_client_for(roles.member).get("/api/v1/organisations/?q=gent").status_code == 200


def test_the_check_sees_every_place(rf):
    assert request_holds_nul(rf.get("/", {"q": "a\x00"}))
    assert request_holds_nul(rf.get("/", HTTP_USER_AGENT="x\x00"))
    assert request_holds_nul(rf.post("/", {"name": "\x00"}))
    assert not request_holds_nul(rf.post("/", {"name": "Gent"}))
    assert not request_holds_nul(rf.post("/", "\x00", content_type="application/json"))
