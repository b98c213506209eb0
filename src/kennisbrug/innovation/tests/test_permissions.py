"""Permission matrix: every page and endpoint as anonymous, other, member, admin, secretariat."""

import pytest
from rest_framework.test import APIClient
from tests.clients import log_in

from kennisbrug.innovation.constants import IntroductionState
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import IntroductionFactory, QuestionFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other", "member", "admin", "secretariat"]
LOGIN = 302


@pytest.fixture
def world(roles):
    provider = OrganisationFactory(name="Kennisinstelling", knowledge_institution=True, dutch=True)
    MembershipFactory(organisation=provider)
    q = QuestionFactory(organisation=roles.organisation, title="Publieke vraag")
    pq = QuestionFactory(organisation=roles.organisation, title="Geheime vraag", private=True)
    outgoing = IntroductionFactory(question=q, provider_organisation=provider)
    incoming = IntroductionFactory(
        question=QuestionFactory(organisation=roles.other_organisation),
        provider_organisation=roles.organisation,
    )
    return {"roles": roles, "q": q, "pq": pq, "outgoing": outgoing, "incoming": incoming}


def _client(client, roles, role):
    user = roles.as_dict()[role]
    if user is not None:
        log_in(client, user)
    return client


PAGES = {
    "/questions/": [LOGIN, 200, 200, 200, 200],
    "/questions/new/": [LOGIN, 200, 200, 200, 403],
    "/questions/{q}/": [LOGIN, 200, 200, 200, 200],
    "/questions/{pq}/": [LOGIN, 404, 200, 200, 200],
    "/questions/{q}/matches/": [LOGIN, 403, 200, 200, 200],
    "/questions/{pq}/matches/": [LOGIN, 404, 200, 200, 200],
    "/questions/{q}/edit/": [LOGIN, 403, 200, 200, 403],
    "/questions/for-you/": [LOGIN, 200, 200, 200, 403],
    "/questions/introductions/": [LOGIN, 200, 200, 200, 200],
    "/questions/introductions/{outgoing}/": [LOGIN, 404, 200, 200, 200],
    "/questions/introductions/{incoming}/": [LOGIN, 200, 200, 200, 200],
}


@pytest.mark.parametrize("url", list(PAGES))
def test_page_matrix(client, world, url):
    ids = {k: v.pk for k, v in world.items() if k != "roles"}
    for role, expected in zip(ROLES, PAGES[url], strict=True):
        client.logout()
        response = _client(client, world["roles"], role).get(url.format(**ids))
        assert response.status_code == expected, (url, role, response.status_code)
        if expected == LOGIN:
            assert "/accounts/login/" in response["Location"]


def test_private_question_seen_by_provider_it_asked(client, world):
    pq = world["pq"]
    provider_member = MembershipFactory(organisation=world["outgoing"].provider_organisation).user
    log_in(client, provider_member)
    assert client.get(f"/questions/{pq.pk}/").status_code == 404
    IntroductionFactory(
        question=pq,
        provider_organisation=world["outgoing"].provider_organisation,
        target_id="other",
    )
    assert client.get(f"/questions/{pq.pk}/").status_code == 200
    # the provider sees the question, not its matches
    assert client.get(f"/questions/{pq.pk}/matches/").status_code == 403


@pytest.mark.parametrize(
    ("action", "intro_key", "allowed"),
    [
        ("accept", "incoming", {"member", "admin"}),
        ("decline", "incoming", {"member", "admin"}),
        ("withdraw", "outgoing", {"member", "admin"}),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_transition_page_matrix(client, world, action, intro_key, allowed, role):
    intro = world[intro_key]
    response = _client(client, world["roles"], role).post(
        f"/questions/introductions/{intro.pk}/{action}/", {"message": "ok"}
    )
    intro.refresh_from_db()
    if role in allowed:
        assert intro.state != IntroductionState.REQUESTED
    else:
        assert intro.state == IntroductionState.REQUESTED
        assert response.status_code in {302, 403, 404}


API = {
    ("get", "/api/v1/questions/"): [401, 200, 200, 200, 200],
    ("get", "/api/v1/questions/{q}/"): [401, 200, 200, 200, 200],
    ("get", "/api/v1/questions/{pq}/"): [401, 404, 200, 200, 200],
    ("get", "/api/v1/questions/{q}/matches/"): [401, 403, 200, 200, 200],
    ("patch", "/api/v1/questions/{q}/"): [401, 403, 200, 200, 403],
    ("get", "/api/v1/introductions/"): [401, 200, 200, 200, 200],
    ("get", "/api/v1/introductions/{outgoing}/"): [401, 404, 200, 200, 200],
    ("post", "/api/v1/match/"): [401, 200, 200, 200, 200],
}
BODIES = {"patch": {"title": "Nieuwe titel"}, "post": {"text": "lasersnijden"}}


@pytest.mark.parametrize("key", list(API))
def test_api_matrix(world, key):
    method, url = key
    ids = {k: v.pk for k, v in world.items() if k != "roles"}
    for role, expected in zip(ROLES, API[key], strict=True):
        client = APIClient()
        user = world["roles"].as_dict()[role]
        if user:
            client.force_authenticate(user)
        response = getattr(client, method)(url.format(**ids), BODIES.get(method), format="json")
        code = response.status_code
        assert code == expected or (expected == 401 and code == 403), (key, role, code)


@pytest.mark.parametrize(
    ("action", "intro_key", "allowed"),
    [
        ("accept", "incoming", {"member", "admin"}),
        ("decline", "incoming", {"member", "admin"}),
        ("withdraw", "outgoing", {"member", "admin"}),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_api_transition_matrix(world, action, intro_key, allowed, role):
    intro = world[intro_key]
    client = APIClient()
    user = world["roles"].as_dict()[role]
    if user:
        client.force_authenticate(user)
    response = client.post(f"/api/v1/introductions/{intro.pk}/{action}/", {}, format="json")
    intro.refresh_from_db()
    if role in allowed:
        assert response.status_code == 200
        assert intro.state != IntroductionState.REQUESTED
    else:
        assert response.status_code in {401, 403, 404}
        assert intro.state == IntroductionState.REQUESTED


def test_private_question_not_listed_for_others(world):
    client = APIClient()
    client.force_authenticate(world["roles"].other)
    titles = {q["title"] for q in client.get("/api/v1/questions/").json()["results"]}
    assert "Publieke vraag" in titles and "Geheime vraag" not in titles
    client.force_authenticate(world["roles"].member)
    titles = {q["title"] for q in client.get("/api/v1/questions/").json()["results"]}
    assert {"Publieke vraag", "Geheime vraag"} <= titles
