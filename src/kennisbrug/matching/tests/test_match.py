"""match(): filters, explanations in words, bad input; the API, the command and the search page."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation
from rest_framework.test import APIClient

from kennisbrug.matching import index
from kennisbrug.matching.services import match
from kennisbrug.matching.testing import matching_index, semantic_index  # noqa: F401
from kennisbrug.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(db):
    asker = OrganisationFactory(name="Metaalbedrijf Gent", description="Wij maken trailers.")
    nl_ki = OrganisationFactory(
        name="Photonics Institute Eindhoven",
        dutch=True,
        knowledge_institution=True,
        description="Research on photonics and laser cutting of thin metal sheets.",
    )
    nl_ki.sectors.set(["fotonica"])
    be_sme = OrganisationFactory(
        name="Lasertech Antwerpen",
        postcode="2000",
        city="Antwerpen",
        description="Wij doen lasersnijden en fotonica voor kmo's.",
    )
    outside = OrganisationFactory(
        name="Amsterdam Optics",
        country_id="NL",
        postcode="1011",
        city="Amsterdam",
        description="Fotonica en lasersnijden in Amsterdam.",
    )
    bakery = OrganisationFactory(name="Bakkerij", description="Brood en banket.")
    return {"asker": asker, "nl_ki": nl_ki, "be_sme": be_sme, "outside": outside, "bakery": bakery}


def titles(results):
    return [r.title for r in results]


def test_match_ranks_and_explains_in_dutch(orgs):
    with translation.override("nl"):
        results = match(
            text="Wie helpt met lasersnijden en fotonica?",
            asker_organisation=orgs["asker"],
            concepts=["sector:fotonica"],
        )
    assert "Bakkerij" not in titles(results)
    assert "Metaalbedrijf Gent" not in titles(results)  # the asker itself
    nl_ki = next(r for r in results if r.title == "Photonics Institute Eindhoven")
    assert "Gedeelde begrippen: fotonica" in nl_ki.reasons
    assert "Grensoverschrijdend: aanbieder in Nederland" in nl_ki.reasons
    assert "Sectorfit: fotonica" in nl_ki.reasons
    be = next(r for r in results if r.title == "Lasertech Antwerpen")
    assert any(r.startswith("Gedeelde termen: ") and "lasersnijden" in r for r in be.reasons)
    assert not any(r.startswith("Grensoverschrijdend") for r in be.reasons)
    assert be.url is None or be.url.startswith("/")


def test_match_explains_in_english(orgs):
    with translation.override("en"):
        results = match(text="fotonica", asker_organisation=orgs["asker"])
    reasons = {reason for r in results for reason in r.reasons}
    assert "Cross-border: provider in the Netherlands" in reasons or any(
        x.startswith("Cross-border: provider in") for x in reasons
    )


def test_filters(orgs):
    text = "fotonica lasersnijden"
    asker = orgs["asker"]
    assert set(
        titles(match(text=text, asker_organisation=asker, filters={"cross_border": True}))
    ) == {"Photonics Institute Eindhoven", "Amsterdam Optics"}
    assert titles(
        match(
            text=text,
            asker_organisation=asker,
            filters={"cross_border": "true", "programme_area": "1"},
        )
    ) == ["Photonics Institute Eindhoven"]
    assert titles(match(text=text, filters={"organisation_type": "knowledge_institution"})) == [
        "Photonics Institute Eindhoven"
    ]
    assert titles(match(text=text, filters={"sector": ["fotonica"]})) == [
        "Photonics Institute Eindhoven"
    ]
    assert titles(match(text=text, filters={"country": "be"})) == ["Lasertech Antwerpen"]
    assert match(text=text, filters={"kind": "question"}) == []


@pytest.mark.parametrize(
    ("text", "filters"),
    [
        ("", None),
        ("   \n\t ", None),
        ("!!! ??? ...", None),
        ("a" * 50_000, None),
        ("fotonica", {"colour": "red"}),
        ("fotonica", {"country": "XX"}),
        ("fotonica", {"kind": "<script>"}),
        ("fotonica", {"sector": "'; DROP TABLE core_sector; --"}),
        ("fotonica", {"organisation_type": "alien"}),
        ("fotonica", {"cross_border": "maybe"}),
        ("fotonica", {"country": {"nested": 1}}),
        (None, None),
        (12345, None),
    ],
)
def test_bad_input_is_a_validation_error(orgs, text, filters):
    with pytest.raises(ValidationError):
        match(text=text, filters=filters)


def test_cross_border_needs_a_border_country(orgs):
    with pytest.raises(ValidationError):
        match(text="fotonica", filters={"cross_border": True})  # no asker


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script> fotonica",
        "fotonica' OR 1=1 --",
        "foto\x00nica \x1b[31m",
        "ФОТОНИКА 光子",
    ],
)
def test_hostile_text_gives_a_sane_result(orgs, text):
    results = match(text=text)
    assert isinstance(results, list)


def test_typo_and_compound_tolerance(orgs):
    assert "Lasertech Antwerpen" in titles(match(text="lasersnijtechniek"))  # compound
    assert "Lasertech Antwerpen" in titles(match(text="laser snijden fotonika"))


# ----- API -----
@pytest.fixture
def api(orgs):
    from kennisbrug.organisations.tests.factories import MembershipFactory

    client = APIClient()
    client.force_authenticate(MembershipFactory(organisation=orgs["asker"]).user)
    return client


def test_match_api(api):
    response = api.post(
        "/api/v1/match",
        {"text": "lasersnijden fotonica", "filters": {"cross_border": True}},
        format="json",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == len(data["results"]) >= 1
    hit = data["results"][0]
    assert {"kind", "id", "title", "score", "reasons", "explanation", "components"} <= set(hit)
    assert {"type": "cross_border", "country": "NL"} in hit["explanation"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": "   "},
        {"text": "x" * 50_000},
        {"text": "fotonica", "filters": {"unknown": 1}},
        {"text": "fotonica", "filters": "country=BE"},
        {"text": "fotonica", "kinds": ["rocket"]},
        {"text": "fotonica", "limit": 0},
        {"text": "fotonica", "limit": 10_000},
        {"text": ["fotonica"]},
        {"text": "\x00\x01\x02"},
    ],
)
def test_match_api_bad_input(api, body):
    response = api.post("/api/v1/match/", body, format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/problem+json")


def test_match_api_not_json(api):
    response = api.generic("POST", "/api/v1/match/", "text=x", content_type="text/plain")
    assert response.status_code == 415


# ----- command -----
def test_rebuild_and_query_commands(orgs, capsys):
    call_command("matching", "rebuild", verbosity=0)
    out = capsys.readouterr().out
    assert "Indexed 5 documents" in out
    call_command("matching", "query", "lasersnijden", "--kind", "organisation", "--json")
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(h["kind"] == "organisation" for h in hits)
    assert {"title", "score", "reasons"} <= set(hits[0])


def test_query_command_bad_input(orgs):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("matching", "query", "   ")
    with pytest.raises(CommandError):
        call_command("matching", "query", "x", "--kind", "rocket")


# ----- search page -----
def test_search_page(client, orgs):
    response = client.get("/matching/search/", {"q": "lasersnijden"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lasertech Antwerpen" in body and "Waarom dit past" in body
    assert client.get("/matching/search/").status_code == 200


@pytest.mark.parametrize(
    "params",
    [{"q": ""}, {"q": "   "}, {"q": "x" * 50_000}, {"q": "ok", "country": "XX"}, {"q": "a\x00b"}],
)
def test_search_page_bad_input(client, orgs, params):
    response = client.get("/matching/search/", params)
    assert response.status_code == 400


def test_search_page_escapes_html(client, orgs):
    OrganisationFactory(name="<b>Evil</b> fotonica", description="fotonica")
    response = client.get("/matching/search/", {"q": "<script>alert(1)</script> fotonica"})
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;b&gt;Evil&lt;/b&gt;" in body


def test_search_box_partial_renders():
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    html = render_to_string("matching/_search_box.html", request=RequestFactory().get("/?q=x"))
    assert 'action="/matching/search/"' in html and 'role="search"' in html


# ----- the real sentence-embedding model -----
@pytest.mark.usefixtures("semantic_index")
def test_cross_lingual_dutch_question_finds_english_only_profile(db):
    asker = OrganisationFactory(name="Zuivelboer", description="Melkveehouderij.")
    english = OrganisationFactory(
        name="Dairy Sensing Lab",
        dutch=True,
        knowledge_institution=True,
        description="We develop optical sensors that measure milk quality on dairy farms.",
    )
    OrganisationFactory(name="Software House", dutch=True, description="We build web shops.")
    with translation.override("nl"):
        results = match(
            text="Wij willen de kwaliteit van melk meten met een sensor in de melkrobot.",
            asker_organisation=asker,
        )
    assert results[0].title == "Dairy Sensing Lab"
    assert any(r.startswith("Inhoudelijk verwant (semantisch 0,") for r in results[0].reasons)
    assert results[0].components["semantic"] > 0.3
    assert english.pk  # an English-only profile, found by a Dutch question


@pytest.mark.usefixtures("semantic_index")
def test_semantic_index_survives_a_restart(db):
    OrganisationFactory(
        name="Hydrogen Storage BV",
        dutch=True,
        description="Storage of green hydrogen in salt caverns.",
    )
    index.rebuild()
    index.reset()
    results = match(text="opslag van waterstof")
    assert results and results[0].title == "Hydrogen Storage BV"


# ----- what people type; weak matches said plainly (page, API and command agree) -----
@pytest.fixture
def greenhouse(db):
    return OrganisationFactory(
        name="Westland Tuinbouwtechniek",
        description="Wij leveren oplossingen voor de glastuinbouw: klimaatsensoren en LED.",
    )


def test_a_flemish_word_finds_the_dutch_document_with_a_reason_in_words(greenhouse):
    with translation.override("nl"):
        results = match(text="serres")
    assert titles(results)[:1] == ["Westland Tuinbouwtechniek"]
    assert results[0].strong
    reasons = " ".join(results[0].reasons)
    assert "serres" in reasons and "glastuinbouw" in reasons
    assert "leveren" not in reasons and "oplossingen" not in reasons


def test_explanations_never_name_filler_words(greenhouse):
    with translation.override("nl"):
        results = match(text="Wie levert oplossingen voor klimaatsensoren in de glastuinbouw?")
    assert results
    reasons = " ".join(results[0].reasons)
    assert "glastuinbouw" in reasons
    for filler in ("levert", "oplossingen", "wie", "voor"):
        assert filler not in reasons.lower().split(": ", 1)[-1].split(", ")


def test_weak_match_on_page_api_and_command(client, api, greenhouse, capsys):
    text = "aardappelen langer bewaren zonder kiemremmer in de kas"
    assert not any(r.strong for r in match(text=text))

    with translation.override("nl"):
        page = client.get("/matching/search/", {"q": text}, HTTP_ACCEPT_LANGUAGE="nl")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Geen sterke match" in body and "Westland Tuinbouwtechniek" in body
    assert not re.search(r"\d+ match(es)?</p>", body)

    data = api.post("/api/v1/match", {"text": text}, format="json").json()
    assert data["strong_match"] is False and data["message"]
    assert data["results"] and not any(h["strong"] for h in data["results"])

    call_command("matching", "query", text)
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(("No strong match", "Geen sterke match"))


def test_strong_match_on_page_and_api(client, api, greenhouse):
    data = api.post("/api/v1/match", {"text": "greenhouse sensors"}, format="json").json()
    assert data["strong_match"] is True and data["message"] == ""
    assert data["results"][0]["title"] == "Westland Tuinbouwtechniek"
    body = client.get("/matching/search/", {"q": "kassen"}).content.decode()
    assert "Geen sterke match" not in body and "Westland Tuinbouwtechniek" in body
