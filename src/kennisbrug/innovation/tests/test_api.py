import pytest
from rest_framework.test import APIClient
from tests.clients import api_client_for

from kennisbrug.innovation.models import InnovationQuestion, Introduction
from kennisbrug.organisations.tests.factories import OrganisationFactory

from .factories import IntroductionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(roles):
    return api_client_for(roles.member)


@pytest.fixture
def provider(db):
    org = OrganisationFactory(
        name="Fotonica Kenniscentrum",
        dutch=True,
        knowledge_institution=True,
        description="Onderzoek naar fotonica en lasersnijden van metaal.",
    )
    org.sectors.set(["fotonica"])
    return org


def test_question_crud(api, roles):
    body = {
        "title": "Lasersnijden",
        "description": "Wij zoeken kennis over lasersnijden van RVS.",
        "sectors": ["fotonica"],
        "technologies": ["ket2012-photonics"],
        "budget": "10k-50k",
        "visibility": "matched_only",
    }
    created = api.post("/api/v1/questions/", body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["organisation"] == roles.organisation.pk
    assert data["sectors"] == ["fotonica"] and data["visibility"] == "matched_only"
    url = f"/api/v1/questions/{data['id']}/"
    assert api.get(url).json()["title"] == "Lasersnijden"
    patched = api.patch(url, {"status": "closed", "title": "Nieuw"}, format="json")
    assert patched.status_code == 200 and patched.json()["title"] == "Nieuw"
    assert api.delete(url).status_code == 204
    assert not InnovationQuestion.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": "", "description": "x"},
        {"title": "   ", "description": "   "},
        {"title": "t", "description": "d" * 50_000},
        {"title": "t\x00", "description": "d"},
        {"title": "t", "description": "d\x1b[31m"},
        {"title": "t", "description": "d", "sectors": ["no-such-sector"]},
        {"title": "t", "description": "d", "budget": "' OR 1=1 --"},
        {"title": "t", "description": "d", "organisation": 999999},
        {"title": ["list"], "description": {"a": 1}},
    ],
)
def test_question_bad_input(api, body):
    response = api.post("/api/v1/questions/", body, format="json")
    assert response.status_code in {400, 403}
    assert response["Content-Type"].startswith("application/problem+json")
    assert InnovationQuestion.objects.count() == 0


def test_question_matches_are_explained(api, roles, provider):
    q = QuestionFactory(
        organisation=roles.organisation,
        title="Lasersnijden van dunne platen",
        description="Wie helpt ons met fotonica en lasersnijden?",
    )
    q.sectors.set(["fotonica"])
    response = api.get(f"/api/v1/questions/{q.pk}/matches/")
    assert response.status_code == 200
    hits = response.json()["results"]
    assert hits[0]["kind"] == "organisation" and hits[0]["id"] == str(provider.pk)
    types = {r["type"] for r in hits[0]["explanation"]}
    assert {"terms", "concepts", "cross_border", "sector_fit"} <= types
    assert "Grensoverschrijdend: aanbieder in Nederland" in hits[0]["reasons"]
    # the asking organisation itself is never a match
    assert str(roles.organisation.pk) not in {h["id"] for h in hits if h["kind"] == "organisation"}


@pytest.mark.parametrize(
    "query",
    [
        "?country=XX",
        "?kind=spaceship",
        "?sector=<script>",
        "?organisation_type=' OR 1=1",
        "?colour=red",
        "?cross_border=maybe",
        "?limit=abc",
        "?limit=100000",
    ],
)
def test_question_matches_bad_filters(api, roles, query):
    q = QuestionFactory(organisation=roles.organisation)
    response = api.get(f"/api/v1/questions/{q.pk}/matches/{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/problem+json")


def test_question_matches_filters(api, roles, provider):
    OrganisationFactory(
        name="Gents Fotonica Bedrijf", description="Fotonica en lasersnijden in Gent."
    )
    q = QuestionFactory(organisation=roles.organisation, description="fotonica lasersnijden")
    all_hits = api.get(f"/api/v1/questions/{q.pk}/matches/").json()["results"]
    assert {h["country"] for h in all_hits} == {"BE", "NL"}
    cross = api.get(f"/api/v1/questions/{q.pk}/matches/?cross_border=true").json()["results"]
    assert cross and {h["country"] for h in cross} == {"NL"}
    ki = api.get(
        f"/api/v1/questions/{q.pk}/matches/?organisation_type=knowledge_institution"
    ).json()["results"]
    assert [h["title"] for h in ki] == ["Fotonica Kenniscentrum"]


def test_introduction_flow_with_contacts(api, roles, provider):
    from kennisbrug.organisations.tests.factories import MembershipFactory

    provider.email = "info@fotonica.example"
    provider.save()
    provider_user = MembershipFactory(organisation=provider).user
    q = QuestionFactory(organisation=roles.organisation)
    created = api.post(
        "/api/v1/introductions/",
        {"question": q.pk, "kind": "organisation", "target_id": str(provider.pk), "message": "Hoi"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    intro_id = created.json()["id"]
    assert created.json()["contacts"] is None
    provider_api = APIClient()
    provider_api.force_authenticate(provider_user)
    assert provider_api.get(f"/api/v1/introductions/{intro_id}/").json()["contacts"] is None
    accepted = provider_api.post(
        f"/api/v1/introductions/{intro_id}/accept/", {"message": "Welkom"}, format="json"
    )
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    contacts = api.get(f"/api/v1/introductions/{intro_id}/").json()["contacts"]
    assert {c["organisation_email"] for c in contacts} >= {"info@fotonica.example"}
    assert roles.member.email in {c["email"] for c in contacts}
    # the private question is now visible to the provider it asked
    assert provider_api.get(f"/api/v1/questions/{q.pk}/").status_code == 200
    # a second accept is a clear 400, not a 500
    again = provider_api.post(f"/api/v1/introductions/{intro_id}/accept/", {}, format="json")
    assert again.status_code == 400
    assert "kan niet" in str(again.json()["errors"])


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"question": "abc", "target_id": "1", "message": "x"},
        {"question": 999999, "target_id": "1", "message": "x"},
        {"question": None, "kind": "rocket", "target_id": "1", "message": "x"},
        {"question": "Q", "target_id": "1", "message": "m" * 5000},
        {"question": "Q", "target_id": "99999", "message": "x"},
        {"question": "Q", "target_id": "1", "message": "\x00"},
        {"question": "Q", "target_id": "1", "message": ""},
    ],
)
def test_introduction_bad_input(api, roles, body):
    q = QuestionFactory(organisation=roles.organisation)
    body = {k: (q.pk if v == "Q" else v) for k, v in body.items()}
    response = api.post("/api/v1/introductions/", body, format="json")
    assert response.status_code == 400, response.content
    assert Introduction.objects.count() == 0


def test_introduction_list_directions(api, roles):
    out = IntroductionFactory(question=QuestionFactory(organisation=roles.organisation))
    inc = IntroductionFactory(
        question=QuestionFactory(organisation=roles.other_organisation),
        provider_organisation=roles.organisation,
    )

    def ids(d):
        return {i["id"] for i in api.get(f"/api/v1/introductions/?direction={d}").json()["results"]}

    assert ids("incoming") == {inc.pk}
    assert ids("outgoing") == {out.pk}


def test_introduction_without_recipient_says_the_secretariat_forwards_it(api, roles, provider):
    from kennisbrug.organisations.tests.factories import MembershipFactory

    q = QuestionFactory(organisation=roles.organisation)
    body = {"question": q.pk, "kind": "organisation", "target_id": str(provider.pk)}
    created = api.post("/api/v1/introductions/", {**body, "message": "Hoi"}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["without_recipient"] is True
    assert "secretariaat" in created.json()["notice"]
    assert "Fotonica Kenniscentrum" in created.json()["notice"]
    MembershipFactory(organisation=provider)
    again = api.get(f"/api/v1/introductions/{created.json()['id']}/").json()
    assert again["without_recipient"] is False and again["notice"] == ""
