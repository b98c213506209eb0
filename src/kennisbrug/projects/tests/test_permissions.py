"""Permission matrix: every page and endpoint tried as anonymous, other, member, admin and secretariat."""

import pytest
from django.test import Client
from tests.clients import api_client_for, log_in

from kennisbrug.projects.constants import Visibility

from .factories import ChallengeFactory, IdeaFactory, NetworkFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other", "member", "admin", "secretariat"]


def _page(roles, role):
    c = Client()
    user = roles.as_dict()[role]
    if user:
        log_in(c, user)
    return c


def _api(roles, role):
    return api_client_for(roles.as_dict()[role])


def _ok(code):
    return code < 400


# expected outcome per role: True = allowed, False = refused (403/404/302-to-login)
PAGE_MATRIX = [
    ("index", "get", "/projects/", [True, True, True, True, True]),
    ("fit check", "get", "/projects/fit-check/", [True, True, True, True, True]),
    ("idea list", "get", "/projects/ideas/", [True, True, True, True, True]),
    ("idea create", "get", "/projects/ideas/new/", [False, True, True, True, True]),
    ("private idea", "get", "/projects/ideas/{idea}/", [False, False, True, True, True]),
    ("public idea", "get", "/projects/ideas/{public}/", [True, True, True, True, True]),
    ("edit idea", "get", "/projects/ideas/{idea}/edit/", [False, False, True, True, False]),
    ("consortium", "get", "/projects/ideas/{idea}/consortium/", [False, False, True, True, False]),
    ("export html", "get", "/projects/ideas/{idea}/export.html", [False, False, True, True, True]),
    ("export md", "get", "/projects/ideas/{idea}/export.md", [False, False, True, True, True]),
    (
        "fit check idea",
        "post",
        "/projects/ideas/{idea}/fit-check/",
        [False, False, True, True, False],
    ),
    ("networks", "get", "/projects/networks/", [True, True, True, True, True]),
    ("network", "get", "/projects/networks/{network}/", [True, True, True, True, True]),
    ("network create", "get", "/projects/networks/new/", [False, True, True, True, True]),
    ("challenges", "get", "/projects/challenges/", [True, True, True, True, True]),
    ("draft challenge", "get", "/projects/challenges/{draft}/", [False, False, True, True, True]),
    ("open challenge", "get", "/projects/challenges/{open}/", [True, True, True, True, True]),
    ("challenge create", "get", "/projects/challenges/new/", [False, True, True, True, True]),
]

API_MATRIX = [
    (
        "fit check",
        "post",
        "/api/v1/projects/fit-check",
        {"text": "Kmo's innoveren grensoverschrijdend."},
        [True, True, True, True, True],
    ),
    (
        "consortium",
        "post",
        "/api/v1/projects/consortium",
        {"requirements": [{"kind": "text", "value": "x"}]},
        [False, True, True, True, True],
    ),
    ("ideas", "get", "/api/v1/projects/ideas", None, [True, True, True, True, True]),
    (
        "private idea",
        "get",
        "/api/v1/projects/ideas/{idea}",
        None,
        [False, False, True, True, True],
    ),
    (
        "registered idea",
        "get",
        "/api/v1/projects/ideas/{registered}",
        None,
        [False, True, True, True, True],
    ),
    (
        "patch idea",
        "patch",
        "/api/v1/projects/ideas/{idea}",
        {"title": "Nieuw"},
        [False, False, True, True, False],
    ),
    (
        "patch public idea",
        "patch",
        "/api/v1/projects/ideas/{public}",
        {"title": "Nieuw"},
        [False, False, True, True, False],
    ),
    (
        "add partner",
        "post",
        "/api/v1/projects/ideas/{idea}/partners",
        {"name": "X", "country": "NL", "org_type": "sme"},
        [False, False, True, True, False],
    ),
    (
        "idea consortium",
        "post",
        "/api/v1/projects/ideas/{idea}/consortium",
        {},
        [False, False, True, True, False],
    ),
    ("networks", "get", "/api/v1/projects/networks", None, [True, True, True, True, True]),
    ("network", "get", "/api/v1/projects/networks/{network}", None, [True, True, True, True, True]),
    ("challenges", "get", "/api/v1/projects/challenges", None, [True, True, True, True, True]),
    (
        "draft challenge",
        "get",
        "/api/v1/projects/challenges/{draft}",
        None,
        [False, False, True, True, True],
    ),
    (
        "publish",
        "post",
        "/api/v1/projects/challenges/{draft}/transition",
        {"to": "open"},
        [False, False, True, True, False],
    ),
    (
        "delete idea",
        "delete",
        "/api/v1/projects/ideas/{idea}",
        None,
        [False, False, True, True, False],
    ),
]


@pytest.fixture
def objects(roles, fit_checker):
    return {
        "idea": IdeaFactory(lead_organisation=roles.organisation).pk,
        "public": IdeaFactory(
            lead_organisation=roles.organisation, visibility=Visibility.PUBLIC
        ).pk,
        "registered": IdeaFactory(
            lead_organisation=roles.organisation, visibility=Visibility.REGISTERED
        ).pk,
        "network": NetworkFactory(owner_organisation=roles.organisation).pk,
        "draft": ChallengeFactory(owner_organisation=roles.organisation).pk,
        "open": ChallengeFactory(owner_organisation=roles.organisation, open=True).pk,
    }


@pytest.mark.parametrize(
    ("name", "method", "url", "expected"), PAGE_MATRIX, ids=[r[0] for r in PAGE_MATRIX]
)
def test_pages(roles, objects, name, method, url, expected):
    for role, allowed in zip(ROLES, expected, strict=True):
        response = getattr(_page(roles, role), method)(url.format(**objects))
        if method == "post" and allowed:
            assert response.status_code == 302 and "/login" not in response.url, (
                role,
                response.status_code,
            )
            continue
        got = response.status_code == 200
        assert got == allowed, (name, role, response.status_code)


@pytest.mark.parametrize(
    ("name", "method", "url", "body", "expected"), API_MATRIX, ids=[r[0] for r in API_MATRIX]
)
def test_api(roles, objects, name, method, url, body, expected):
    for role, allowed in zip(ROLES, expected, strict=True):
        kwargs = {"format": "json"} if body is not None else {}
        response = getattr(_api(roles, role), method)(url.format(**objects), body, **kwargs)
        if name in ("delete idea", "publish") and allowed and role != "member":
            continue  # a one-time action, done by the member already
        assert _ok(response.status_code) == allowed, (name, role, response.status_code)
        if not allowed:
            assert response.status_code in (401, 403, 404)


def test_private_ideas_are_not_listed_for_others(roles, objects):
    for role, sees in zip(ROLES, [False, False, True, True, True], strict=True):
        ids = {
            row["id"] for row in _api(roles, role).get("/api/v1/projects/ideas").json()["results"]
        }
        assert (objects["idea"] in ids) == sees, role
        assert objects["public"] in ids
