"""The JSON API: permissions, figures, records, bad input as problem+json."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api_client):
    return api_client


@pytest.mark.parametrize("url", ["/api/v1/indicators/", "/api/v1/indicators/RCO01/"])
def test_permission_matrix(api, roles, people, url):
    expected = {"anonymous": 401, "other": 403, "member": 403, "admin": 403, "secretariat": 200}
    for name, user in roles.as_dict().items():
        api.force_authenticate(user)
        assert api.get(url).status_code == expected[name], name
    api.force_authenticate(people.intermediary)
    assert api.get(url).status_code == 200


@pytest.mark.parametrize(
    "url", ["/api/v1/indicators/region-summary/", "/api/v1/indicators/labour-market/"]
)
def test_public_endpoints(api, roles, url):
    for _name, user in roles.as_dict().items():
        api.force_authenticate(user)
        assert api.get(url).status_code == 200


def test_list(api, world, people):
    api.force_authenticate(people.secretariat)
    data = api.get("/api/v1/indicators/", {"country": "NL"}).json()
    assert data["filters"] == {"country": "NL"}
    by_code = {r["code"]: r for r in data["results"]}
    assert by_code["RCO01"]["value"] == 2
    assert by_code["RCO01"]["outside_programme_area"] == 1
    assert by_code["RCO01"]["name_nl"].startswith("Ondersteunde ondernemingen")
    assert by_code["RCO85"]["value"] == 0


def test_detail_has_units_and_breakdown(api, world, people):
    api.force_authenticate(people.secretariat)
    data = api.get("/api/v1/indicators/RCO02/").json()
    assert data["value"] == 1
    assert {u["organisation"] for u in data["units"]} == {"Eindhovense Mkb", "Amsterdamse Mkb"}
    eindhoven = next(u for u in data["units"] if u["organisation"] == "Eindhovense Mkb")
    assert [e["record_id"] for e in eindhoven["evidence"]] == [1, 2]
    assert eindhoven["size_class"] == "medium"
    assert data["breakdown"]["by_size_class"]["medium"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "yesterday"},
        {"country": "<b>"},
        {"objective": "A1' OR 1=1"},
        {"nuts3": "\x00"},
    ],
)
def test_bad_filters_are_problem_json(api, people, params):
    api.force_authenticate(people.secretariat)
    response = api.get("/api/v1/indicators/", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_unknown_code_404(api, people):
    api.force_authenticate(people.secretariat)
    assert api.get("/api/v1/indicators/RCO999/").status_code == 404


def test_region_summary_hides_small_groups(api, world):
    data = api.get("/api/v1/indicators/region-summary/").json()
    assert data["min_group_size"] == 5
    be23 = next(r for r in data["rows"] if r["province"] == "BE23")
    assert be23["figures"]["introductions"] is None  # 1 < 5: hidden
    assert be23["figures"]["bookings"] == 0


@pytest.mark.parametrize("year", ["abc", "1800", "-1", "2024; DROP TABLE"])
def test_labour_market_bad_year(api, year):
    assert api.get("/api/v1/indicators/labour-market/", {"year": year}).status_code == 400
