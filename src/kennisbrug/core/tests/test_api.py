import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path,count,key",
    [
        ("countries", 5, "code"),
        ("provinces", 23, "code"),
        ("nuts3-regions", 84, "code"),
        ("sectors", 10, "code"),
        ("technologies", 22, "code"),
        ("objectives", 2, "code"),
        ("target-groups", 6, "code"),
    ],
)
def test_reference_lists(path, count, key):
    response = APIClient().get(f"/api/v1/reference/{path}/")
    assert response.status_code == 200
    assert len(response.json()) == count and key in response.json()[0]


def test_objectives_carry_activity_types():
    body = APIClient().get("/api/v1/reference/objectives/").json()
    assert sum(len(o["activity_types"]) for o in body) == 12


def test_resolve_postcode():
    body = (
        APIClient()
        .get("/api/v1/reference/postcodes/resolve/", {"country": "BE", "postcode": "9000"})
        .json()
    )
    assert body["nuts3"]["code"] == "BE234" and body["province"]["code"] == "BE23"
    assert body["municipality"]["name"] == "Gent" and body["in_programme_area"] is True
    nl = (
        APIClient()
        .get("/api/v1/reference/postcodes/resolve/", {"country": "NL", "postcode": "5611AB"})
        .json()
    )
    assert (nl["postcode"], nl["nuts3"]["code"], nl["municipality"]) == ("5611 AB", "NL414", None)


@pytest.mark.parametrize(
    "language,message",
    [
        ("en", "Unknown Belgian postcode 9999."),
        ("nl", "Onbekende Belgische postcode 9999."),
    ],
)
def test_resolve_unknown_is_400_translated(language, message):
    response = APIClient(HTTP_ACCEPT_LANGUAGE=language).get(
        "/api/v1/reference/postcodes/resolve/", {"country": "BE", "postcode": "9999"}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]["postcode"] == [message]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"country": "BE"},
        {"country": "BE", "postcode": "x" * 50},
        {"country": "<script>", "postcode": "9000"},
    ],
)
def test_resolve_bad_queries(query):
    assert APIClient().get("/api/v1/reference/postcodes/resolve/", query).status_code == 400


def test_reference_is_read_only():
    assert APIClient().post("/api/v1/reference/countries/", {}, format="json").status_code in (
        401,
        403,
        405,
    )
