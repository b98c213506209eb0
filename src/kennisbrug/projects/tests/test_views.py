"""Pages: forms call the services, errors are shown and write nothing, exports are well-formed."""

import io
import json
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from tests.clients import log_in

from kennisbrug.projects.models import IdeaPartner, ProjectIdea

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db

VOID = {"meta", "link", "br", "input", "img", "hr", "col", "source", "area", "base", "wbr"}


class Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append((tag, list(self.stack)))
        else:
            self.stack.pop()


def login(user):
    c = Client()
    log_in(c, user)
    return c


def test_create_idea_page(roles):
    c = login(roles.member)
    r = c.post(
        "/projects/ideas/new/",
        {
            "lead_organisation": roles.organisation.pk,
            "title": "Sensor",
            "summary": "Kmo's bouwen een sensor.",
            "visibility": "private",
        },
    )
    assert r.status_code == 302
    assert ProjectIdea.objects.get().title == "Sensor"


def test_create_idea_page_bad_input(roles):
    c = login(roles.member)
    r = c.post(
        "/projects/ideas/new/",
        {
            "lead_organisation": roles.organisation.pk,
            "title": " ",
            "summary": "",
            "visibility": "private",
        },
    )
    assert r.status_code == 200
    assert "field__error" in r.content.decode()
    assert ProjectIdea.objects.count() == 0


def test_add_partner_page_errors(roles):
    idea = IdeaFactory(lead_organisation=roles.organisation)
    c = login(roles.member)
    r = c.post(
        f"/projects/ideas/{idea.pk}/partners/",
        {
            "name": "X",
            "country": "NL",
            "org_type": "sme",
            "role": "partner",
            "budget": "100",
            "erdf": "150",
        },
    )
    assert r.status_code == 400
    assert "100" in r.content.decode()
    assert IdeaPartner.objects.count() == 1


def test_fit_check_page(fit_checker):
    r = Client().post(
        "/projects/fit-check/",
        {
            "text": "Werkzoekenden uit grensgemeenten vinden werk over "
            "de grens via een gezamenlijk bemiddelingspunt."
        },
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Een socialer Europa" in html or "A more social Europe" in html
    r = Client().post("/projects/fit-check/", {"text": "   "})
    assert "field__error" in r.content.decode()


def test_exports(roles, fit_checker):
    idea = IdeaFactory(lead_organisation=roles.organisation, title="Lasrobot <b>x</b> | test")
    c = login(roles.member)
    c.post(f"/projects/ideas/{idea.pk}/fit-check/")
    html = c.get(f"/projects/ideas/{idea.pk}/export.html").content.decode()
    parser = Balance()
    parser.feed(html)
    assert parser.errors == [] and parser.stack == []
    assert "&lt;b&gt;" in html and "<caption>" in html
    r = c.get(f"/projects/ideas/{idea.pk}/export.md")
    assert r["Content-Type"].startswith("text/markdown")
    md = r.content.decode()
    assert md.startswith("# Lasrobot")
    assert "| Eigen Organisatie |" in md
    assert c.get(f"/projects/ideas/{idea.pk}/export.pdf").status_code == 404


def test_markdown_export_escapes_user_html_and_links(roles, fit_checker):
    idea = IdeaFactory(
        lead_organisation=roles.organisation,
        title="Robot [klik](javascript:alert(1))",
        summary="<script>alert(1)</script>\n![pixel](https://evil.example/p.png)\n# kop",
    )
    IdeaPartner.objects.create(
        idea=idea,
        organisation=roles.other_organisation,
        name="<b>Partner</b> | x",
        org_type="sme",
        country_id="BE",
    )
    md = login(roles.member).get(f"/projects/ideas/{idea.pk}/export.md").content.decode()
    assert md.startswith("# Robot \\[klik\\]\\(javascript:alert\\(1\\)\\)")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "![" not in md and "\\!\\[pixel\\]" in md
    assert "\n# kop" not in md and "\n\\# kop" in md
    assert "<b>" not in md and "| &lt;b&gt;Partner&lt;/b&gt; \\| x |" in md


def test_consortium_page_adds_partner(roles):
    from kennisbrug.organisations.tests.factories import OrganisationFactory

    idea = IdeaFactory(lead_organisation=roles.organisation)
    OrganisationFactory(
        name="Laserlab NL", dutch=True, knowledge_institution=True, expertise="lasersnijden"
    )
    c = login(roles.member)
    r = c.get(
        f"/projects/ideas/{idea.pk}/consortium/",
        {"needs": "lasersnijden", "max_size": 4, "min_smes": 1, "min_knowledge": 1},
    )
    assert "Laserlab NL" in r.content.decode()
    assert 'value="invite"' not in r.content.decode()  # only lead admins invite
    r_admin = login(roles.admin).get(
        f"/projects/ideas/{idea.pk}/consortium/",
        {"needs": "lasersnijden", "max_size": 4, "min_smes": 1, "min_knowledge": 1},
    )
    assert 'value="invite"' in r_admin.content.decode()
    lab = IdeaPartner.objects.model._meta.get_field("organisation").related_model.objects.get(
        name="Laserlab NL"
    )
    r = c.post(f"/projects/ideas/{idea.pk}/invite/", {"organisation": lab.pk, "action": "add"})
    assert r.status_code == 403 and not idea.partners.filter(organisation=lab).exists()
    r = login(roles.admin).post(
        f"/projects/ideas/{idea.pk}/invite/", {"organisation": lab.pk, "action": "add"}
    )
    assert idea.partners.get(organisation=lab).status == "invited"


def test_cli_fitcheck_json(monkeypatch, fit_checker):
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO(
            "Opleiding tot onderhoudstechnicus voor werknemers uit de "
            "industrie, met bijscholing en omscholing naar knelpuntberoepen."
        ),
    )
    out = io.StringIO()
    call_command("projects", "fitcheck", "--json", stdout=out)
    assert json.loads(out.getvalue())["verdict"]["code"] == "A2"


def test_cli_rejects_empty_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    with pytest.raises(CommandError) as exc:
        call_command("projects", "fitcheck", "--json")
    assert "text" in str(exc.value)


def test_cli_input_json_with_partners(monkeypatch, fit_checker):
    body = {
        "text": "Kmo's innoveren grensoverschrijdend met een prototype.",
        "partners": [
            {
                "name": "A",
                "country": "BE",
                "nuts3": "BE211",
                "type": "sme",
                "budget": "10",
                "erdf": "20",
            }
        ],
    }
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(body)))
    with pytest.raises(CommandError):
        call_command("projects", "fitcheck", "--json", "--input-json")


SAME_TEXTS = [
    "Kmo's en een hogeschool ontwikkelen een prototype van een lasrobot en testen die in een proeftuin.",
    "Werkzoekenden krijgen een omscholing tot technicus voor knelpuntberoepen in de maakindustrie.",
    "Municipalities insulate social housing and install heat pumps to cut energy use and emissions.",
]


@pytest.mark.parametrize("text", SAME_TEXTS)
def test_page_api_and_cli_give_the_same_verdict(monkeypatch, fit_checker, text):
    """One service behind the three: same objective, confidence and close alternative."""
    from rest_framework.test import APIClient

    from kennisbrug.projects.fitcheck import fit_check

    expected = fit_check(text)["verdict"]
    api = APIClient().post("/api/v1/projects/fit-check", {"text": text}, format="json").json()
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    out = io.StringIO()
    call_command("projects", "fitcheck", "--json", stdout=out)
    cli = json.loads(out.getvalue())["verdict"]
    page = Client().post("/projects/fit-check/", {"text": text})
    for verdict in (api["verdict"], cli):
        assert verdict["code"] == expected["code"]
        assert verdict["confidence_label"] == expected["confidence_label"]
        assert (verdict["alternative"] or {}).get("code") == (expected["alternative"] or {}).get(
            "code"
        )
    assert page.context["report"]["verdict"]["code"] == expected["code"]
    html = page.content.decode()
    assert f"— {expected['code']}:" in html
    if expected["alternative"]:
        assert f"— {expected['alternative']['code']}:" in html


def test_consortium_page_speaks_in_words_and_names_the_gap(roles):
    from kennisbrug.organisations.tests.factories import OrganisationFactory

    idea = IdeaFactory(lead_organisation=roles.organisation)
    OrganisationFactory(
        name="Laserlab NL",
        dutch=True,
        knowledge_institution=True,
        expertise="lasersnijden en machinebouw",
    )
    OrganisationFactory(name="Snijkmo", expertise="lasersnijden van metaal")
    r = login(roles.member).get(
        f"/projects/ideas/{idea.pk}/consortium/",
        {
            "needs": "lasersnijden machines\nkwantumcomputer cryogeen",
            "max_size": 4,
            "min_smes": 1,
            "min_knowledge": 1,
        },
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "Laserlab NL" in html and "Snijkmo" in html
    proposal = r.context["proposal"]
    assert proposal["status"] == "partial"
    assert 'id="gaps"' in html and "kwantumcomputer cryogeen" in html
    assert "/projects/challenges/new/" in html  # the suggestion to open a challenge
    for member in proposal["members"]:
        assert member["why"]
        for c in member["covers"]:
            assert c["why"]
    for internal in ("solver", "grens van de solver", "Objective", "Doelfunctie", "machin,", "(-"):
        assert internal not in html, internal
