"""Pages: flows, permission matrix and bad input (no embedding model needed here)."""

import csv
import io
import json

import pytest
from django.conf import settings
from tests.clients import log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog
from kennisbrug.skills import services
from kennisbrug.skills.models import (
    BottleneckOccupation,
    Occupation,
    Profile,
    ProfileOccupation,
    ProfileSkill,
    Training,
    Vacancy,
    VacancyContact,
)

from .conftest import occupation_uri, skill_uri
from .factories import TrainingFactory

pytestmark = pytest.mark.django_db
HOSTILE = [
    "<script>alert(1)</script>",
    "'; DROP TABLE skills_training; --",
    "a\x01b\x07c",
]  # NUL: refused at the door (core.middleware)


@pytest.fixture
def person(taxonomy):
    user = UserFactory(full_name="Aylin Demir", email="aylin@example.org")
    profile = services.profile_create(
        user=user, consent=True, postcode="9000", max_travel_km=100, languages=["nl"]
    )
    services.profile_add_skills(
        profile=profile, skill_uris=[skill_uri("weld-mig"), skill_uri("read-drawings")]
    )
    services.profile_set_past_occupations(
        profile=profile, occupation_uris=[occupation_uri("sheet-metal")]
    )
    return profile


@pytest.fixture
def market(roles, person):
    welder = Occupation.objects.get(uri=occupation_uri("welder"))
    BottleneckOccupation.objects.create(
        occupation=welder,
        country_id="BE",
        province_id="BE23",
        region_code="BE23",
        year=2025,
        source="VDAB",
        is_bottleneck=True,
    )
    training = TrainingFactory(
        provider=roles.organisation,
        title="Lassen TIG",
        teaches=list(welder.skills.all()),
        nuts3_id="BE234",
    )
    hidden = TrainingFactory(provider=roles.organisation, title="Verborgen", is_published=False)
    vacancy = Vacancy.objects.create(
        organisation=roles.organisation, occupation=welder, title="Lasser gezocht", nuts3_id="BE234"
    )
    return {"welder": welder, "training": training, "hidden": hidden, "vacancy": vacancy}


def _client(client, user):
    client.logout()
    if user is not None:
        log_in(client, user)
    return client


def test_start_profile_requires_consent_and_login(client, taxonomy):
    assert client.post("/skills/", {"consent": "on"}).status_code == 302
    assert Profile.objects.count() == 0
    user = UserFactory()
    log_in(client, user)
    page = client.get("/skills/")
    assert (
        "Nobody else sees it" in page.content.decode() or "Niemand anders" in page.content.decode()
    )
    response = client.post("/skills/", {"experience_text": ""})
    assert response.status_code == 200 and Profile.objects.count() == 0
    response = client.post("/skills/", {"consent": "on"})
    assert response.status_code == 302 and Profile.objects.filter(user=user).count() == 1


def test_profile_wizard_steps(client, person):
    log_in(client, person.user)
    assert client.get("/skills/profile/").status_code == 200
    r = client.post("/skills/profile/", {"step": "skill", "skill": skill_uri("weld-tig")})
    assert r.status_code == 302
    r = client.post("/skills/profile/", {"step": "skill", "skill": "tig-lassen uitvoeren"})
    assert r.status_code == 302
    assert person.profile_skills.filter(skill__uri=skill_uri("weld-tig"), confirmed=True).exists()
    r = client.post("/skills/profile/", {"step": "occupation", "occupation": "welder"})
    assert r.status_code == 302 and person.profile_occupations.count() == 2
    data = {
        "step": "details",
        "qualification_level": "4",
        "languages": ["nl", "en"],
        "postcode": "5611",
        "country": "",
        "max_travel_km": "80",
        "cross_border": "on",
        "context": "refugee",
        "open_to_employers": "on",
    }
    assert client.post("/skills/profile/", data).status_code == 302
    person.refresh_from_db()
    assert (person.country_id, person.max_travel_km, person.open_to_employers) == ("NL", 80, True)
    sid = person.profile_skills.get(skill__uri=skill_uri("weld-tig")).skill_id
    client.post("/skills/profile/", {"step": "remove-skill", "skill": sid})
    assert not person.profile_skills.filter(skill_id=sid).exists()


def test_suggestions_cover_dutch_and_english_labels(client, taxonomy):
    en = client.get("/skills/suggest/skills/", {"skill": "weld"}).content.decode()
    assert "<option" in en and "MIG" in en
    occ = client.get("/skills/suggest/occupations/", {"occupation": "lasser"}).content.decode()
    assert "welder" in occ
    assert client.get("/skills/suggest/skills/", {"q": "<script>"}).content.decode().strip() == ""


@pytest.mark.parametrize(
    "data, message",
    [
        ({"step": "skill", "skill": ""}, "required"),
        ({"step": "skill", "skill": "no such skill"}, "suggestions"),
        ({"step": "skill", "skill": HOSTILE[0]}, "suggestions"),
        ({"step": "skill", "skill": "x" * 400}, "300"),
        ({"step": "occupation", "occupation": HOSTILE[1]}, "suggestions"),
        ({"step": "text", "experience_text": "x" * 5001}, "5000"),
        ({"step": "text", "experience_text": HOSTILE[2]}, "control characters"),
        ({"step": "details", "postcode": "99999", "max_travel_km": "10"}, "four digits"),
        ({"step": "details", "postcode": "1234AB", "country": "BE", "max_travel_km": "10"}, ""),
        ({"step": "details", "postcode": "9000", "max_travel_km": "100000"}, "300"),
        ({"step": "details", "max_travel_km": "abc"}, "number"),
        ({"step": "details", "max_travel_km": "10", "languages": ["xx"]}, "field--invalid"),
        ({"step": "details", "max_travel_km": "10", "qualification_level": "99"}, "field--invalid"),
        ({"step": "details", "max_travel_km": "10", "context": HOSTILE[0]}, "field--invalid"),
    ],
)
def test_bad_profile_input_changes_nothing(client, person, data, message):
    log_in(client, person.user)
    before = (person.profile_skills.count(), person.profile_occupations.count())
    snapshot = Profile.objects.filter(pk=person.pk).values().get()
    response = client.post("/skills/profile/", data)
    assert response.status_code == 200
    assert message in response.content.decode() or message == ""
    assert (person.profile_skills.count(), person.profile_occupations.count()) == before
    after = Profile.objects.filter(pk=person.pk).values().get()
    after.pop("updated_at"), snapshot.pop("updated_at")
    assert after == snapshot


def test_unknown_step_is_rejected(client, person):
    log_in(client, person.user)
    assert client.post("/skills/profile/", {"step": "drop"}).status_code == 400
    assert (
        client.post("/skills/profile/", {"step": "remove-skill", "skill": "x"}).status_code == 400
    )


def test_matches_occupation_and_learning_path_pages(client, person, market):
    log_in(client, person.user)
    page = client.get("/skills/matches/").content.decode()
    assert "welder" in page.lower() or "lasser" in page.lower()
    assert "VDAB" in page
    welder = market["welder"]
    page = client.get(f"/skills/occupations/{welder.pk}/").content.decode()
    assert "<progress" in page and "VDAB" in page and "Lasser gezocht" in page
    page = client.get(f"/skills/occupations/{welder.pk}/learning-path/?optimise=duration")
    assert page.status_code == 200 and "Lassen TIG" in page.content.decode()
    bad = client.get(f"/skills/occupations/{welder.pk}/learning-path/?optimise=<script>")
    assert bad.status_code == 200 and "<script>" not in bad.content.decode().split("<main")[1]


def test_matches_without_skills_explains(client, taxonomy):
    user = UserFactory()
    services.profile_create(user=user, consent=True)
    log_in(client, user)
    page = client.get("/skills/matches/").content.decode()
    assert "skills first" in page or "vaardigheden" in page


def test_export_and_delete_pages(client, person, market, roles):
    VacancyContact.objects.create(vacancy=market["vacancy"], profile=person)
    log_in(client, person.user)
    response = client.get("/skills/profile/export/")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert {s["uri"] for s in data["skills"]} == {skill_uri("weld-mig"), skill_uri("read-drawings")}
    assert data["contact_requests"][0]["vacancy"] == "Lasser gezocht"
    assert client.post("/skills/profile/delete/", {}).status_code == 200
    assert Profile.objects.filter(pk=person.pk).exists()
    assert client.post("/skills/profile/delete/", {"confirm": "on"}).status_code == 302
    assert not Profile.objects.filter(pk=person.pk).exists()
    assert ProfileSkill.objects.filter(profile_id=person.pk).count() == 0
    assert ProfileOccupation.objects.filter(profile_id=person.pk).count() == 0
    assert VacancyContact.objects.filter(profile_id=person.pk).count() == 0
    log = AuditLog.objects.filter(action="skills_profile_deleted").get()
    assert "weld" not in json.dumps(getattr(log, "data", {}) or {})


# --- permission matrix -----------------------------------------------------------------

OWN_PROFILE_PAGES = [
    "/skills/profile/",
    "/skills/profile/confirm/",
    "/skills/matches/",
    "/skills/profile/export/",
    "/skills/profile/delete/",
]


@pytest.mark.parametrize("role", ["anonymous", "other", "member", "admin", "secretariat"])
def test_nobody_else_sees_a_profile(client, roles, person, market, role):
    user = roles.as_dict()[role]
    c = _client(client, user)
    for url in OWN_PROFILE_PAGES:
        response = c.get(url)
        body = response.content.decode()
        assert "aylin" not in body.lower(), url
        if user is None:
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:  # they have no profile of their own: sent to the start page, never Aylin's
            assert response.status_code == 302 and response["Location"] == "/skills/"
    vacancy_page = c.get(f"/skills/vacancies/{market['vacancy'].pk}/").content.decode()
    assert "Aylin" not in vacancy_page and "aylin@example.org" not in vacancy_page
    assert "Aylin" not in c.get("/skills/labour-market/").content.decode()
    assert "Aylin" not in c.get("/skills/labour-market/?format=csv").content.decode()


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("other", 403), ("member", 200), ("admin", 200), ("secretariat", 403)],
)
def test_training_and_vacancy_edit_matrix(client, roles, market, role, expected):
    c = _client(client, roles.as_dict()[role])
    for url in (
        f"/skills/trainings/{market['training'].pk}/edit/",
        f"/skills/vacancies/{market['vacancy'].pk}/edit/",
    ):
        assert c.get(url).status_code == expected, url
    new_expected = {"anonymous": 302, "other": 200, "member": 200, "admin": 200, "secretariat": 403}
    for url in ("/skills/trainings/new/", "/skills/vacancies/new/"):
        assert c.get(url).status_code == new_expected[role], url


@pytest.mark.parametrize("role", ["anonymous", "other", "member", "admin", "secretariat"])
def test_public_pages_for_everyone(client, roles, market, role):
    c = _client(client, roles.as_dict()[role])
    for url in (
        "/skills/",
        "/skills/trainings/",
        "/skills/vacancies/",
        "/skills/labour-market/",
        f"/skills/occupations/{market['welder'].pk}/",
        f"/skills/vacancies/{market['vacancy'].pk}/",
    ):
        assert c.get(url).status_code == 200, url
    catalogue = c.get("/skills/trainings/").content.decode()
    assert "Lassen TIG" in catalogue
    assert ("Verborgen" in catalogue) == (role in ("member", "admin"))
    path = c.get(f"/skills/occupations/{market['welder'].pk}/learning-path/")
    # learning paths need a profile of one's own
    assert path.status_code == 302


def test_employer_sees_only_opted_in_people_anonymised_until_accepted(
    client, roles, person, market
):
    vacancy = market["vacancy"]
    url = f"/skills/vacancies/{vacancy.pk}/"
    log_in(client, roles.member)
    assert "Candidate #1" not in client.get(url).content.decode()  # not opted in yet
    assert client.post(url, {"profile": person.pk}).status_code == 404
    services.profile_update(profile=person, actor=person.user, open_to_employers=True)
    page = client.get(url).content.decode()
    assert "#1" in page and "Aylin" not in page
    for role in ("other", "secretariat", None):
        c = _client(client, getattr(roles, role) if role else None)
        assert "#1" not in c.get(url).content.decode()
        assert c.post(url, {"profile": person.pk}).status_code in (302, 403)
        assert VacancyContact.objects.count() == 0
    c = _client(client, roles.member)
    assert c.post(url, {"profile": person.pk, "message": "Welkom"}).status_code == 302
    contact = VacancyContact.objects.get()
    assert "Aylin" not in c.get(url).content.decode()
    # nobody but the person answers
    c = _client(client, roles.admin)
    assert (
        c.post(f"/skills/profile/contacts/{contact.pk}/", {"answer": "accept"}).status_code == 403
    )
    c = _client(client, person.user)
    assert "Welkom" in c.get("/skills/profile/").content.decode()
    assert c.post(f"/skills/profile/contacts/{contact.pk}/", {"answer": "maybe"}).status_code == 400
    assert (
        c.post(f"/skills/profile/contacts/{contact.pk}/", {"answer": "accept"}).status_code == 302
    )
    contact.refresh_from_db()
    assert contact.status == "accepted"
    c = _client(client, roles.member)
    assert "aylin@example.org" in c.get(url).content.decode()
    c = _client(client, roles.other)
    assert "aylin@example.org" not in c.get(url).content.decode()


def test_declined_contact_keeps_identity_hidden(client, roles, person, market):
    services.profile_update(profile=person, actor=person.user, open_to_employers=True)
    contact = services.contact_request(user=roles.member, vacancy=market["vacancy"], profile=person)
    log_in(client, person.user)
    client.post(f"/skills/profile/contacts/{contact.pk}/", {"answer": "decline"})
    log_in(client, roles.member)
    page = client.get(f"/skills/vacancies/{market['vacancy'].pk}/").content.decode()
    assert "aylin@example.org" not in page


def test_training_form_create_and_bad_input(client, roles, taxonomy):
    log_in(client, roles.member)
    good = {
        "provider": str(roles.organisation.pk),
        "title": "PLC basis",
        "skills": skill_uri("plc-program"),
        "language": "nl",
        "mode": "on_site",
        "nuts3": "BE234",
        "cost": "450.00",
        "duration_hours": "40",
        "start_dates": "2026-09-01, 2027-01-15",
        "audiences": ["sme_managers"],
        "sectors": ["slimme-maakindustrie"],
        "is_published": "on",
    }
    bad_cases = [
        {"title": ""},
        {"title": HOSTILE[2]},
        {"title": "x" * 201},
        {"skills": "unknown skill"},
        {"skills": ""},
        {"cost": "-1"},
        {"cost": "abc"},
        {"cost": "1e12"},
        {"duration_hours": "0"},
        {"start_dates": "tomorrow"},
        {"mode": "teleport"},
        {"nuts3": "", "mode": "on_site"},
        {"provider": str(roles.other_organisation.pk)},
        {"audiences": ["<script>"]},
        {"nuts3": "XX999"},
        {"sectors": ["'; DROP TABLE x; --"]},
    ]
    for change in bad_cases:
        response = client.post("/skills/trainings/new/", {**good, **change})
        assert response.status_code == 200, change
        assert Training.objects.count() == 0, change
    assert client.post("/skills/trainings/new/", good).status_code == 302
    training = Training.objects.get()
    assert training.start_dates == ["2026-09-01", "2027-01-15"]
    assert str(training.cost) == "450.00"
    log_in(client, roles.other)
    assert client.post(f"/skills/trainings/{training.pk}/edit/", good).status_code == 403
    log_in(client, roles.admin)
    r = client.post(f"/skills/trainings/{training.pk}/edit/", {**good, "title": "PLC gevorderd"})
    assert r.status_code == 302
    training.refresh_from_db()
    assert training.title == "PLC gevorderd"


def test_vacancy_form_create_and_bad_input(client, roles, taxonomy):
    log_in(client, roles.member)
    good = {
        "organisation": str(roles.organisation.pk),
        "title": "Lasser",
        "occupation": "welder",
        "nuts3": "NL414",
        "level": "3",
        "status": "open",
    }
    for change in (
        {"title": ""},
        {"occupation": "astronaut"},
        {"occupation": HOSTILE[0]},
        {"nuts3": ""},
        {"status": "deleted"},
        {"level": "12"},
        {"title": HOSTILE[2]},
        {"organisation": str(roles.other_organisation.pk)},
        {"description": "x" * 5001},
    ):
        assert client.post("/skills/vacancies/new/", {**good, **change}).status_code == 200, change
        assert Vacancy.objects.count() == 0
    assert client.post("/skills/vacancies/new/", good).status_code == 302
    assert Vacancy.objects.get().occupation.uri == occupation_uri("welder")


def test_contact_request_bad_input(client, roles, person, market):
    services.profile_update(profile=person, actor=person.user, open_to_employers=True)
    log_in(client, roles.member)
    url = f"/skills/vacancies/{market['vacancy'].pk}/"
    for data in (
        {"profile": "abc"},
        {"profile": person.pk, "message": "x" * 2001},
        {"profile": person.pk, "message": HOSTILE[2]},
        {},
    ):
        assert client.post(url, data).status_code == 200
    assert client.post(url, {"profile": 999999}).status_code == 404
    assert VacancyContact.objects.count() == 0


def test_labour_market_suppresses_small_groups(client, roles, person, market):
    page = client.get("/skills/labour-market/").content.decode()
    assert "Sheet metal" in page or "sheet metal" in page or "plaat" in page.lower()
    csv_text = client.get("/skills/labour-market/?format=csv").content.decode("utf-8-sig")
    header, *rows = csv_text.strip().splitlines()
    assert header.startswith("occupation_uri;")
    minimum = settings.KENNISBRUG_MIN_GROUP_SIZE
    sheet = [r for r in rows if r.startswith(occupation_uri("sheet-metal"))]
    assert sheet and f"<{minimum}" in sheet[0]  # one person: suppressed
    welder = [r for r in rows if r.startswith(occupation_uri("welder") + ";")]
    assert any(";yes;" in r for r in welder)


def test_labour_market_csv_neutralises_an_imported_dde_payload(client, roles, person, market):
    calc = "=cmd|' /C calc'!A0"
    BottleneckOccupation.objects.filter(occupation=market["welder"]).update(source=calc)
    market["welder"].label_en = "+" + calc
    market["welder"].save()
    data = client.get("/skills/labour-market/?format=csv").content
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    welder = [r for r in rows if r[0] == occupation_uri("welder")]
    assert welder and welder[0][1] == "'+" + calc and welder[0][-1].startswith("'" + calc)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_labour_market_shows_groups_at_threshold(client, taxonomy, settings):
    settings.KENNISBRUG_MIN_GROUP_SIZE = 2
    for _ in range(2):
        p = services.profile_create(user=UserFactory(), consent=True, postcode="2000")
        services.profile_set_past_occupations(profile=p, occupation_uris=[occupation_uri("welder")])
    rows = client.get("/skills/labour-market/?format=csv").content.decode("utf-8-sig")
    welder = [r for r in rows.splitlines() if r.startswith(occupation_uri("welder") + ";")]
    assert welder and ";BE21;BE;2;" in welder[0]


def test_pages_speak_dutch_by_default(client, taxonomy, settings):
    settings.LANGUAGE_CODE = "nl"
    page = client.get("/skills/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Vaardigheden en knelpuntberoepen" in page
    page = client.get("/skills/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Skills and bottleneck occupations" in page


def test_shortage_is_shown_on_both_sides_of_the_border_everywhere(client, person, market):
    """Four Belgian listings used to fill the match list's four places, hiding the Dutch
    one that the occupation page showed: every place now names both countries."""
    welder = market["welder"]
    for region in ("BE21", "BE22", "BE25", "BE10"):
        BottleneckOccupation.objects.create(
            occupation=welder,
            country_id="BE",
            province_id=region,
            region_code=region,
            year=2025,
            source="VDAB",
            is_bottleneck=True,
        )
    BottleneckOccupation.objects.create(
        occupation=welder,
        country_id="NL",
        province_id="NL34",
        region_code="NL34",
        year=2025,
        source="UWV",
        is_bottleneck=True,
    )
    person.max_travel_km = 200
    person.save()
    log_in(client, person.user)

    def shortage_block(html: str, start: str) -> str:
        return html.split(start, 1)[1].split("</ul>", 1)[0]

    matches = client.get("/skills/matches/").content.decode()
    block = shortage_block(matches, "Shortage in:")
    assert "Belgium:" in block and "Netherlands:" in block
    assert "Zeeland (NL) (2025, UWV" in block and "and 1 more region" in block
    assert "NL34" not in block  # regions by name, never by code
    occupation = client.get(f"/skills/occupations/{welder.pk}/").content.decode()
    block = shortage_block(occupation, "Where the shortage is")
    assert "Belgium:" in block and "Netherlands:" in block and "Zeeland (NL)" in block
    result = client.get("/skills/matches/").context["result"]
    top = next(m for m in result.matches if m.occupation == welder)
    assert [c.code for c in top.shortage_countries] == ["BE", "NL"]

    # one side only: the other side is named as not listed, not left out
    BottleneckOccupation.objects.filter(country_id="NL").delete()
    occupation = client.get(f"/skills/occupations/{welder.pk}/").content.decode()
    block = shortage_block(occupation, "Where the shortage is")
    assert "Netherlands:" in block and "not listed as a bottleneck occupation" in block


def test_match_api_names_the_countries_of_the_shortage(person, market):
    from tests.clients import api_client_for

    BottleneckOccupation.objects.create(
        occupation=market["welder"],
        country_id="NL",
        province_id="NL34",
        region_code="NL34",
        year=2025,
        source="UWV",
        is_bottleneck=True,
    )
    response = api_client_for(None).post(
        "/api/v1/skills/occupation-match",
        {"skills": [skill_uri("weld-mig"), skill_uri("read-drawings")]},
        format="json",
    )
    assert response.status_code == 200, response.content
    welder = next(
        m for m in response.json()["matches"] if m["occupation"]["uri"] == market["welder"].uri
    )
    assert welder["shortage_countries"] == ["BE", "NL"]
    assert {s["country"] for s in welder["shortages"]} == {"BE", "NL"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_labour_market_names_provinces_and_countries_in_the_readers_language(
    client, person, market, language
):
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/skills/labour-market/")
    provinces = [row["province"] for row in response.context["provinces"]]
    assert provinces
    page = response.content.decode()
    with translation.override(language):
        for province in provinces:
            assert f'<th scope="row">{province.name}</th><td>{province.country.name}</td>' in page
    for province in provinces:
        assert f"<td>{province.country_id}</td>" not in page  # no bare country code
