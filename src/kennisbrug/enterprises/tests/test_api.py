import pytest
from django.core.cache import cache

from kennisbrug.enterprises.importer import kbo_import

from .helpers import GENT, SAMPLE

pytestmark = pytest.mark.django_db
URL = "/api/v1/enterprises/{}/"


@pytest.fixture
def register():
    kbo_import(path=SAMPLE)


@pytest.mark.parametrize("role", ["other", "member", "admin", "secretariat"])
def test_signed_in_users_get_the_register_entry(register, roles, api_client_for, role):
    response = api_client_for(roles.as_dict()[role], language="en").get(URL.format("0503.267.276"))
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == "0503.267.276"
    assert body["name"] == "Fotonix Gent"
    assert body["legal_form"] == {"code": "014", "label": "Naamloze vennootschap"}
    assert body["status"] == {"code": "active", "label": "active"}
    assert (body["postcode"], body["city"], body["nuts3"], body["country"]) == (
        "9000",
        "Gent",
        "BE234",
        "BE",
    )
    assert body["start_date"] == "2012-09-01"
    assert [s["code"] for s in body["sectors"]] == ["fotonica", "digitale-technologieen"]
    main = body["activities"][0]
    assert (main["code"], main["nace_version"], main["classification"]) == (
        "26700",
        "2008",
        "main activity",
    )
    assert main["label"].startswith("Vervaardiging van optische instrumenten")
    assert body["register_snapshot"] == "2026-01-02"


def test_number_forms_are_accepted(register, roles, api_client_for):
    client = api_client_for(roles.member)
    for number in (GENT, "BE0503267276", "0503 267 276"):
        assert client.get(URL.format(number)).status_code == 200


def test_anonymous_users_are_refused(register, api_client):
    response = api_client.get(URL.format(GENT))
    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("number", ["0503267277", "12345", "abc", "0" * 200, "%C3%A9%20"])
def test_malformed_numbers_are_a_translated_400(register, roles, api_client_for, number):
    response = api_client_for(roles.member, language="nl").get(URL.format(number))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "ondernemingsnummer" in response.content.decode()


def test_a_nul_byte_is_refused(register, roles, api_client_for):
    assert api_client_for(roles.member).get(URL.format("%00")).status_code == 400


def test_unknown_and_left_out_numbers_are_404(register, roles, api_client_for):
    client = api_client_for(roles.member)
    assert client.get(URL.format("0403.170.701")).status_code == 404
    assert client.get(URL.format("0603.056.324")).status_code == 404  # Liège: not mirrored


def test_lookups_are_throttled(register, roles, api_client_for, settings):
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], register_lookup="3/min")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    cache.clear()
    client = api_client_for(roles.member)
    codes = [client.get(URL.format(GENT)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
