import json

import pytest
from tests.clients import api_client_for

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.organisations.models import Membership, Organisation

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/organisations/"
NEW = {
    "name": "Optiek Leuven",
    "type": "sme",
    "country": "BE",
    "postcode": "3000",
    "city": "Leuven",
    "kbo_number": "0403.170.701",
    "sectors": ["fotonica"],
    "staff_headcount": 5,
    "annual_turnover": "900000.00",
}


def client_for(user=None, language="nl"):
    return api_client_for(user, language=language)


def test_anonymous_reads_list_and_detail_without_contact():
    org = OrganisationFactory(email="x@example.org")
    body = client_for().get(LIST).json()
    assert body["count"] == 1 and body["results"][0]["slug"] == org.slug
    assert body["results"][0]["email"] is None
    detail = client_for().get(f"{LIST}{org.slug}/").json()
    assert detail["nuts3"] == "BE234" and detail["province"] == "BE23"
    assert detail["in_programme_area"] is True
    assert client_for(UserFactory()).get(f"{LIST}{org.slug}/").json()["email"] == "x@example.org"


def test_create_and_patch():
    user = UserFactory()
    response = client_for(user).post(LIST, NEW, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kbo_number"], body["size_class"], body["sectors"]) == (
        "0403170701",
        "micro",
        ["fotonica"],
    )
    assert Membership.objects.get(organisation__slug=body["slug"]).user == user
    patch = client_for(user).patch(f"{LIST}{body['slug']}/", {"offers": "Laserlab"}, format="json")
    assert patch.status_code == 200 and patch.json()["offers"] == "Laserlab"


def test_filters_match_the_page():
    OrganisationFactory(name="A", dutch=True)
    OrganisationFactory(name="B")
    OrganisationFactory(name="C", brussels=True)
    get = lambda **q: [o["name"] for o in client_for().get(LIST, q).json()["results"]]  # noqa: E731
    assert get(country="NL") == ["A"]
    assert get(in_programme_area="false") == ["C"]
    assert get(province="BE23") == ["B"]
    assert get(q="b") == ["B"]


@pytest.mark.parametrize(
    "language,message",
    [
        ("en", "Select a valid choice. That choice is not one of the available choices."),
        ("nl", "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."),
    ],
)
def test_unknown_filter_value_is_400(language, message):
    response = client_for(language=language).get(LIST, {"country": "ZZ"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]["country"] == [message]


@pytest.mark.parametrize(
    "content_type,body",
    [
        ("text/plain", "name=x"),
        ("application/x-www-form-urlencoded", "name=x&type=sme"),
        ("application/xml", "<name>x</name>"),
    ],
)
def test_wrong_content_type_is_415(content_type, body):
    response = client_for(UserFactory()).post(LIST, body, content_type=content_type)
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    "language,message",
    [
        ("en", "This KBO/BCE number has wrong check digits; please check it."),
        ("nl", "De controlecijfers van dit KBO-nummer kloppen niet; kijk het na."),
    ],
)
def test_bad_identifier_is_400_translated(language, message):
    response = client_for(UserFactory(), language).post(
        LIST, {**NEW, "kbo_number": "0403170702"}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]["kbo_number"] == [message]
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    "bad",
    [
        {"name": "x" * 201},
        {"description": "<script>" * 1000},
        {"type": "spaceship"},
        {"country": "ZZ"},
        {"postcode": "9999"},
        {"sectors": ["nope"]},
        {"staff_headcount": -1},
        {"annual_turnover": "1e30"},
        {"website": "javascript:alert(1)"},
        {"offers": "nul\u0000byte"},
        {"name": None},
    ],
)
def test_bad_input_writes_nothing(bad):
    response = client_for(UserFactory()).post(LIST, {**NEW, **bad}, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert Organisation.objects.count() == 0 and Membership.objects.count() == 0


def test_malformed_json_is_400():
    response = client_for(UserFactory()).post(LIST, "{not json", content_type="application/json")
    assert response.status_code == 400


def test_existing_kbo_becomes_a_membership_request_not_a_copy():
    existing = OrganisationFactory(kbo_number="0403170701", name="Optiek Leuven NV")
    response = client_for(UserFactory(), "en").post(LIST, NEW, format="json")
    assert response.status_code == 202, response.content
    assert response.json()["organisation"] == existing.slug
    assert Organisation.objects.count() == 1


def test_patch_bad_input_changes_nothing(roles):
    response = client_for(roles.admin).patch(
        f"{LIST}{roles.organisation.slug}/", {"name": "", "postcode": "0000"}, format="json"
    )
    assert response.status_code == 400
    roles.organisation.refresh_from_db()
    assert roles.organisation.name == "Eigen Organisatie"


def test_html_is_returned_as_plain_text():
    org = OrganisationFactory(description="<b>vet</b>")
    assert client_for().get(f"{LIST}{org.slug}/").json()["description"] == "<b>vet</b>"


def test_membership_request_api(roles):
    person = UserFactory()
    url = f"{LIST}{roles.organisation.slug}/membership-requests/"
    response = client_for(person).post(url, {"message": "Hallo"}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "pending"
    again = client_for(person, "en").post(url, {}, format="json")
    assert again.status_code == 400
    assert "already waiting" in json.dumps(again.json())
    assert (
        client_for(UserFactory()).post(url, {"message": "x" * 1001}, format="json").status_code
        == 400
    )
