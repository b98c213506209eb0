"""Recognition is precise and honest: evidence per skill, generic words yield nothing,
only confident proposals are ticked, and work outside the taxonomy is said to be so
(recogniser, page, API and command). Uses the demo taxonomy and the real USE model."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient
from tests.clients import log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.skills import services
from kennisbrug.skills.models import Skill
from kennisbrug.skills.recognition import PRETICK_SCORE, get_recogniser
from kennisbrug.skills.selectors import occupation_match

from .conftest import skill_uri

pytestmark = pytest.mark.django_db
URL = "/api/v1/skills/occupation-match"
NURSE = (
    "Ik werk als verpleegkundige op een afdeling interne geneeskunde. Ik verzorg patiënten, "
    "deel medicatie uit, doe wondzorg en overleg met artsen en familie."
)
WELDER = (
    "Ik ben lasser bij een staalbouwer. Ik las MIG en TIG, lees technische tekeningen en werk "
    "volgens de veiligheidsvoorschriften."
)


def _found(text):
    recogniser = get_recogniser()
    by_id = {s.id: s.uri for s in Skill.objects.all()}
    return {by_id[r.skill_id]: r for r in recogniser.recognise(text)}


def test_each_skill_comes_with_the_phrase_that_triggered_it(taxonomy):
    found = _found(WELDER)
    assert {skill_uri("weld-mig"), skill_uri("weld-tig"), skill_uri("read-drawings")} <= set(found)
    assert "tekeningen" in found[skill_uri("read-drawings")].evidence
    assert "TIG" in found[skill_uri("weld-tig")].evidence


@pytest.mark.parametrize(
    "text",
    [
        WELDER,
        "I work safely and always follow the safety regulations.",
        "Ik werk veilig en houd me aan alle veiligheidsregels op de werkvloer.",
    ],
)
def test_generic_safety_words_yield_no_skill_from_another_domain(taxonomy, text):
    other_domains = {
        skill_uri(s)
        for s in (
            "machine-learning",
            "food-safety",
            "cybersecurity",
            "elec-safety",
            "work-height",
            "chem-safety",
        )
    }
    assert not other_domains & set(_found(text))


def test_only_confident_proposals_are_pre_ticked(taxonomy):
    recognised = get_recogniser().recognise(WELDER)
    assert recognised and all(r.confident == (r.score >= PRETICK_SCORE) for r in recognised)


def test_work_outside_the_taxonomy_is_said_to_be_so(taxonomy):
    recogniser = get_recogniser()
    assert not recogniser.covers(NURSE)
    assert recogniser.covers(WELDER)
    assert recogniser.covers("lassen")  # too short to judge: no verdict
    result = occupation_match(text=NURSE)
    assert not result.covered and result.matches == []
    assert "taxonomy" in result.message


def test_api_says_plainly_that_the_work_is_not_covered(taxonomy):
    data = APIClient().post(URL, {"text": NURSE}, format="json").json()
    assert data["covered"] is False and data["matches"] == [] and data["message"]
    welder = APIClient().post(URL, {"text": WELDER}, format="json").json()
    assert welder["covered"] is True and welder["message"] == ""
    assert welder["matches"][0]["occupation"]["uri"].endswith("/welder")
    assert all({"evidence", "confident"} <= set(r) for r in welder["recognised"])


def test_command_says_plainly_that_the_work_is_not_covered(taxonomy, monkeypatch):
    monkeypatch.setattr("sys.stdin", StringIO(NURSE))
    out = StringIO()
    call_command("skills", "match", stdout=out)
    assert "taxonomy" in out.getvalue()
    monkeypatch.setattr("sys.stdin", StringIO(NURSE))
    out = StringIO()
    call_command("skills", "match", "--json", stdout=out)
    assert json.loads(out.getvalue())["covered"] is False


def test_confirm_page_ticks_only_confident_skills_and_shows_the_phrase(client, taxonomy):
    user = UserFactory()
    profile = services.profile_create(user=user, consent=True)
    text = WELDER + " Soms help ik bij het onderhoud van machines."
    proposed = services.profile_recognise_text(profile=profile, text=text)
    assert proposed
    log_in(client, user)
    body = client.get("/skills/profile/confirm/").content.decode()
    form = client.get("/skills/profile/confirm/").context["form"]
    ticked = set(form.initial["skills"])
    assert ticked == {str(p.skill_id) for p in proposed if p.score >= PRETICK_SCORE}
    assert "technische tekeningen" in body  # the phrase, next to the skill


def test_confirm_page_says_when_the_work_is_not_covered(client, taxonomy):
    user = UserFactory()
    profile = services.profile_create(user=user, consent=True)
    assert services.profile_recognise_text(profile=profile, text=NURSE) == []
    log_in(client, user)
    body = client.get("/skills/profile/confirm/").content.decode()
    assert "taxonomy" in body or "taxonomie" in body
