"""The projects API: fit check and consortium endpoints, idea CRUD, bad input, nothing written on error."""

import pytest
from tests.clients import api_client_for

from kennisbrug.core.models import AuditLog
from kennisbrug.organisations.tests.factories import OrganisationFactory
from kennisbrug.projects.models import IdeaPartner, ProjectIdea

pytestmark = pytest.mark.django_db

FIT = "/api/v1/projects/fit-check"
TEXT = (
    "Vlaamse en Nederlandse kmo's ontwikkelen grensoverschrijdend met een universiteit een prototype van "
    "een lasrobot voor de maakindustrie en testen het in een proeftuin."
)


def client(user=None):
    return api_client_for(user)


def test_fit_check_anonymous(fit_checker):
    r = client().post(FIT, {"text": TEXT}, format="json")
    assert r.status_code == 200
    body = r.json()
    assert body["verdict"]["code"] == "A1"
    assert {x["code"] for x in body["rules"]} >= {"erdf_total", "cross_border_value"}


def test_fit_check_with_partners(roles, fit_checker):
    body = {
        "text": TEXT,
        "total_budget": "300.00",
        "partners": [
            {"organisation": roles.organisation.pk, "budget": "100.00", "erdf": "50.00"},
            {
                "name": "TU/e",
                "country": "NL",
                "nuts3": "NL414",
                "type": "knowledge_institution",
                "budget": "200.00",
                "erdf": "100.00",
            },
        ],
    }
    r = client().post(FIT, body, format="json")
    assert r.status_code == 200, r.json()
    rules = {x["code"]: x["status"] for x in r.json()["rules"]}
    assert rules["partners_both_countries"] == "pass"
    assert rules["erdf_total"] == "pass"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({"text": "12345 !!!"}, "text"),
        ({}, "text"),
        ({"text": "x" * 20001}, "text"),
        ({"text": TEXT, "partners": [{"name": "A", "country": "NL", "budget": "-1"}]}, "partners"),
        (
            {
                "text": TEXT,
                "partners": [{"name": "A", "country": "NL", "budget": "100", "erdf": "101"}],
            },
            "partners",
        ),
        ({"text": TEXT, "partners": [{"organisation": 999999}]}, "partners"),
        ({"text": TEXT, "partners": [{"name": "A", "country": "XX"}]}, "partners"),
        (
            {
                "text": TEXT,
                "total_budget": "100",
                "partners": [{"name": "A", "country": "NL", "budget": "160"}],
            },
            "partners",
        ),
        ({"text": TEXT, "sectors": ["<script>"]}, "sectors"),
        ({"text": TEXT, "partners": "' OR 1=1 --"}, "partners"),
    ],
)
def test_fit_check_bad_input(body, field):
    r = client().post(FIT, body, format="json")
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/problem+json")
    assert field in r.json()["errors"]


def test_consortium_endpoint(roles):
    OrganisationFactory(
        name="Fotonica NL", dutch=True, knowledge_institution=True, expertise="fotonica lasers"
    )
    OrganisationFactory(name="Laser kmo", expertise="lasers en fotonica voor voedsel")
    body = {
        "requirements": [{"kind": "text", "value": "fotonica lasers"}],
        "constraints": {"max_size": 3, "min_smes": 1, "min_knowledge": 1},
    }
    r = client(roles.member).post("/api/v1/projects/consortium", body, format="json")
    assert r.status_code == 200, r.json()
    names = {m["name"] for m in r.json()["members"]}
    assert {"Fotonica NL", "Laser kmo"} <= names
    assert r.json()["status"] == "optimal"


def test_consortium_uncoverable_need_is_a_named_gap(roles):
    OrganisationFactory(
        name="Fotonica NL", dutch=True, knowledge_institution=True, expertise="fotonica lasers"
    )
    OrganisationFactory(name="Laser kmo", expertise="lasers en fotonica voor voedsel")
    body = {
        "requirements": [
            {"kind": "text", "value": "fotonica lasers"},
            {"kind": "text", "value": "kwantumcomputer"},
        ],
        "constraints": {"max_size": 3, "min_smes": 1, "min_knowledge": 1},
    }
    r = client(roles.member).post("/api/v1/projects/consortium", body, format="json")
    assert r.status_code == 200
    data = r.json()
    assert data["status"] == "partial" and data["complete"] is False
    assert {"Fotonica NL", "Laser kmo"} <= {m["name"] for m in data["members"]}
    assert data["gaps"][0]["need"] == "kwantumcomputer"
    assert {s["code"] for s in data["gaps"][0]["suggestions"]} >= {"open_challenge"}
    for m in data["members"]:
        assert m["why"]
        for c in m["covers"]:
            assert c["why"] and "score" not in c
    assert "objective" not in data and "bound" not in data


def test_consortium_infeasible_constraint_is_explained(roles):
    OrganisationFactory(name="Laser kmo", expertise="lasers en fotonica voor voedsel")
    body = {
        "requirements": [{"kind": "text", "value": "lasers"}],
        "constraints": {"max_size": 3, "min_knowledge": 0, "min_smes": 5},
    }
    r = client(roles.member).post("/api/v1/projects/consortium", body, format="json")
    assert r.status_code == 200
    assert r.json()["status"] == "infeasible"
    assert r.json()["problems"][0]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"requirements": []},
        {"requirements": [{"kind": "sector", "value": "nope"}]},
        {"requirements": [{"kind": "text", "value": "x"}], "constraints": {"max_size": 0}},
        {"requirements": [{"kind": "text", "value": "x"}], "constraints": {"existing": [987654]}},
        {"requirements": [{"kind": "magic", "value": "x"}]},
    ],
)
def test_consortium_bad_input(roles, body):
    r = client(roles.member).post("/api/v1/projects/consortium", body, format="json")
    assert r.status_code == 400


def test_idea_crud(roles, fit_checker):
    c = client(roles.member)
    r = c.post(
        "/api/v1/projects/ideas",
        {
            "lead_organisation": roles.organisation.pk,
            "title": "Lasrobot",
            "summary": TEXT,
            "sectors": ["slimme-maakindustrie"],
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    r = client(roles.admin).post(
        f"/api/v1/projects/ideas/{pk}/partners",
        {"organisation": roles.other_organisation.pk, "budget": "100", "erdf": "50"},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["status"] == "invited"
    r = c.post(f"/api/v1/projects/ideas/{pk}/fit-check", format="json")
    assert r.status_code == 200 and r.json()["verdict"]["code"] == "A1"
    r = c.patch(f"/api/v1/projects/ideas/{pk}", {"visibility": "public"}, format="json")
    assert r.status_code == 200 and r.json()["visibility"] == "public"
    assert client().get(f"/api/v1/projects/ideas/{pk}").status_code == 200
    r = c.post(f"/api/v1/projects/ideas/{pk}/consortium", {"max_size": 4}, format="json")
    assert r.status_code == 200
    invited = {"organisation": OrganisationFactory(dutch=True).pk}
    r = c.post(f"/api/v1/projects/ideas/{pk}/invitations", invited, format="json")
    assert r.status_code == 403  # a plain member of the lead may not invite
    r = client(roles.admin).post(f"/api/v1/projects/ideas/{pk}/invitations", invited, format="json")
    assert r.status_code == 201 and r.json()["introduction"]
    assert c.delete(f"/api/v1/projects/ideas/{pk}").status_code == 204
    assert not ProjectIdea.objects.filter(pk=pk).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"title": "", "summary": "x"},
        {"title": "t", "summary": ""},
        {"title": "t" * 201, "summary": "x"},
        {"title": "t", "summary": "x", "total_budget": "-1"},
        {"title": "t", "summary": "x", "sectors": ["unknown"]},
        {"title": "t", "summary": "x", "visibility": "world"},
    ],
)
def test_idea_create_bad_input_writes_nothing(roles, body):
    before = (ProjectIdea.objects.count(), IdeaPartner.objects.count(), AuditLog.objects.count())
    r = client(roles.member).post(
        "/api/v1/projects/ideas",
        {"lead_organisation": roles.organisation.pk, **body},
        format="json",
    )
    assert r.status_code == 400
    assert (
        ProjectIdea.objects.count(),
        IdeaPartner.objects.count(),
        AuditLog.objects.count(),
    ) == before


def test_challenge_and_network_api(roles):
    c = client(roles.member)
    r = c.post(
        "/api/v1/projects/challenges",
        {
            "owner_organisation": roles.organisation.pk,
            "title": "Vochtsensor",
            "problem": "p",
            "requirements": "r",
            "deadline": "2099-01-01T12:00:00+01:00",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert client().get(f"/api/v1/projects/challenges/{pk}").status_code == 404  # draft is private
    r = c.post(f"/api/v1/projects/challenges/{pk}/transition", {"to": "open"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "open"
    r = c.post(f"/api/v1/projects/challenges/{pk}/transition", {"to": "awarded"}, format="json")
    assert r.status_code == 400
    r = c.post(
        "/api/v1/projects/networks",
        {
            "owner_organisation": roles.organisation.pk,
            "kind": "network",
            "name": "Water",
            "description": "d",
            "theme": "water",
        },
        format="json",
    )
    assert r.status_code == 201
    r = client().get(f"/api/v1/projects/networks/{r.json()['id']}")
    assert r.json()["helix"]["business"] == 1
