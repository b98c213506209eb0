"""403 and 404 are pages of the site: layout, navigation, a way to log in, both languages."""

import json

import pytest
from tests.clients import log_in

pytestmark = pytest.mark.django_db


def test_404_in_the_site_layout_dutch_and_english(client):
    page = client.get("/bestaat-niet/", HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 404
    html = page.content.decode()
    assert "Pagina niet gevonden" in html and "/accounts/login/" in html and "<nav" in html
    english = client.get("/does-not-exist/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Page not found" in english


def test_403_offers_login_to_anonymous_and_no_login_to_members(client, roles):
    log_in(client, roles.member)
    page = client.get("/secretariat/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 403
    html = page.content.decode()
    assert "No access" in html and "<nav" in html and "My Kennisbrug" in html
    dutch = client.get("/secretariat/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Geen toegang" in dutch


@pytest.mark.urls("kennisbrug.core.tests.urls_failing")
@pytest.mark.parametrize(
    "language, title, body",
    [
        ("nl", "Er ging iets mis", "Probeer het zo dadelijk opnieuw."),
        ("en", "Something went wrong", "Please try again in a moment."),
    ],
)
def test_500_in_the_site_layout(client, roles, language, title, body):
    client.raise_request_exception = False
    log_in(client, roles.member)
    page = client.get("/boom/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 500
    html = page.content.decode()
    assert f"<h1>{title}</h1>" in html and body in html
    assert f'<html lang="{language}">' in html
    assert "<nav" in html and "/accounts/login/" in html and 'href="/"' in html
    assert "language-switch" not in html  # it would post without a CSRF token


@pytest.mark.django_db(False)
def test_500_page_needs_no_database_request_or_context_processors(rf, settings):
    from kennisbrug.core.views import server_error

    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"]}}
    ]
    settings.TEMPLATES[0]["OPTIONS"]["context_processors"] = []
    # pytest-django refuses every query in a test without the db mark
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500 and "site-header" in html and "<nav" in html


def test_500_falls_back_to_a_bare_page_when_the_layout_fails(rf):
    from kennisbrug.core.views import server_error

    response = server_error(rf.get("/"), template_name="does-not-exist.html")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in html and "Something went wrong" in html


@pytest.mark.parametrize("language, title", [("nl", "Ongeldig verzoek"), ("en", "Bad request")])
def test_400_in_the_site_layout(client, language, title):
    page = client.get("/", {"q": "a\x00b"}, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 400
    html = page.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert "<nav" in html and "/accounts/login/" in html


@pytest.mark.parametrize("path", ["/api/v1/facilities/not-a-number/", "/api/v1/no-such-endpoint/"])
def test_api_addresses_that_match_no_route_answer_problem_json(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["code"] == "not_found"
    assert body["title"] == "Niet gevonden."


@pytest.mark.django_db(False)
def test_api_server_errors_answer_problem_json(rf):
    from kennisbrug.core.views import server_error

    response = server_error(rf.get("/api/v1/organisations/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["code"] == "server_error"
