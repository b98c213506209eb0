"""403 and 404 are pages of the site: layout, navigation, a way to log in, both languages."""

import pytest

pytestmark = pytest.mark.django_db


def test_404_in_the_site_layout_dutch_and_english(client):
    page = client.get("/bestaat-niet/", HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 404
    html = page.content.decode()
    assert "Pagina niet gevonden" in html and "/accounts/login/" in html and "<nav" in html
    english = client.get("/does-not-exist/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Page not found" in english


def test_403_offers_login_to_anonymous_and_no_login_to_members(client, roles):
    client.force_login(roles.member)
    page = client.get("/secretariat/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 403
    html = page.content.decode()
    assert "No access" in html and "<nav" in html and "My Kennisbrug" in html
    dutch = client.get("/secretariat/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Geen toegang" in dutch
