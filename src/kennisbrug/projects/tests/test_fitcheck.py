"""The fit check without a database: verdicts per priority, languages, rules and their explanations.

The ideas below are written for these tests; none is in bench/projects_fitcheck_examples.json
and the checker is built only from the programme texts.
"""

from decimal import Decimal

import pytest
from django.utils import translation

from kennisbrug.projects.fitcheck import PartnerSpec
from kennisbrug.projects.fitcheck.checker import confidence_label
from kennisbrug.projects.fitcheck.lines import apply_lines
from kennisbrug.projects.fitcheck.programme import load_programme
from kennisbrug.projects.fitcheck.scoring import ProfileScore
from kennisbrug.projects.templatetags.fitcheck import fit_objective, fit_reason

IDEAS = [
    (
        "A1",
        "Twee kmo's uit Brugge en Breda ontwikkelen samen met een universiteit een prototype van een "
        "zelfrijdende inspectierobot voor windturbines en testen die in een gedeelde proeftuin.",
    ),
    (
        "A1",
        "SMEs and a research centre build a demonstrator of a biosensor that detects bacteria in milk, "
        "validate it in a test lab and prepare market entry in Belgium and the Netherlands.",
    ),
    (
        "A2",
        "Een opleidingstraject waarin werknemers uit de petrochemie worden bijgeschoold tot technicus "
        "voor elektrolyse-installaties, met praktijklessen bij bedrijven aan beide kanten van de grens.",
    ),
    (
        "A2",
        "Upskilling courses for maintenance technicians so that the shortage of skilled workers in "
        "smart manufacturing is reduced; vocational training centres develop the curriculum together.",
    ),
    (
        "B",
        "Boeren en natuurorganisaties leggen houtwallen en poelen aan om de biodiversiteit in het "
        "grensgebied te herstellen en leefgebied voor amfibieën te maken.",
    ),
    (
        "B",
        "Municipalities insulate social housing and install heat pumps to cut energy use and "
        "emissions in border towns.",
    ),
    (
        "C3",
        "Een grensoverschrijdende wandelroute langs oude kloosters en kastelen trekt toeristen en "
        "versterkt de vrijetijdseconomie van de grensdorpen.",
    ),
    (
        "C1",
        "Job coaches help unemployed people from border towns find jobs across the border through "
        "a shared placement desk.",
    ),
    (
        "D",
        "Een meldpunt voor grensgangers die problemen hebben met belastingaangifte en "
        "kinderbijslag omdat ze in het ene land wonen en in het andere werken.",
    ),
    (
        "D",
        "Fire brigades from both countries sign legal agreements so they can cross the border "
        "during emergencies and train together.",
    ),
]


@pytest.mark.parametrize(("label", "text"), IDEAS)
def test_clear_ideas_get_their_priority(fit_checker, label, text):
    report = fit_checker.check(text)
    assert report["verdict"]["code"] == label
    assert report["runner_up"]["code"] != label
    assert report["verdict"]["reasons"], "a verdict always says why"


def test_language_is_detected(fit_checker):
    assert fit_checker.check(IDEAS[0][1])["language"] == "nl"
    assert fit_checker.check(IDEAS[1][1])["language"] == "en"


def test_objective_and_priority_names(fit_checker):
    report = fit_checker.check(IDEAS[0][1])
    assert report["verdict"]["priority"]["code"] == "slimmer"
    assert report["verdict"]["objective"]["code"] == "A1"
    other = fit_checker.check(IDEAS[4][1])
    assert other["verdict"]["objective"]["code"] == "B"
    assert other["verdict"]["priority"]["code"] == "groener"
    assert other["verdict"]["theme"]["code"] == "nature"


def test_activity_types_sectors_and_technologies_are_reported(fit_checker):
    report = fit_checker.check(
        "Kmo's ontwikkelen grensoverschrijdend een fotonica-sensor voor de glastuinbouw en testen die in een "
        "living lab.",
        sectors=["agrofood"],
        technologies=[],
    )
    codes = {s["code"] for s in report["sectors"]}
    assert {"fotonica", "agrofood"} <= codes
    declared = next(s for s in report["sectors"] if s["code"] == "agrofood")
    assert declared["basis"]
    assert any(a["objective"] == "A1" for a in report["activity_types"])
    assert any(t["code"] == "sme" for t in report["target_groups"])


def _rules(report):
    return {r["code"]: r for r in report["rules"]}


def test_rules_pass_for_a_good_partnership(fit_checker):
    partners = [
        PartnerSpec(
            "Kmo Gent", "BE", "BE234", "sme", budget=Decimal("200000"), erdf=Decimal("100000")
        ),
        PartnerSpec(
            "TU Eindhoven",
            "NL",
            "NL414",
            "knowledge_institution",
            budget=Decimal("300000"),
            erdf=Decimal("120000"),
        ),
    ]
    rules = _rules(
        fit_checker.check(IDEAS[0][1] + " Grensoverschrijdende samenwerking is nodig.", partners)
    )
    for code in (
        "partners_both_countries",
        "partners_programme_area",
        "erdf_total",
        "erdf_per_partner",
        "sme_involvement",
        "cross_border_value",
    ):
        assert rules[code]["status"] == "pass", (code, rules[code])
        assert rules[code]["basis"]


def test_rules_fail_with_explanations(fit_checker):
    partners = [
        PartnerSpec(
            "Brussels lab",
            "BE",
            "BE100",
            "knowledge_institution",
            budget=Decimal("100"),
            erdf=Decimal("80"),
        ),
        PartnerSpec(
            "Amsterdam bv",
            "NL",
            "NL329",
            "large_enterprise",
            budget=Decimal("100"),
            erdf=Decimal("40"),
        ),
    ]
    rules = _rules(
        fit_checker.check(IDEAS[1][1].replace("Belgium and the Netherlands", "Europe"), partners)
    )
    assert rules["partners_both_countries"]["status"] == "fail"
    assert (
        "Flemish" in rules["partners_both_countries"]["explanation"]
        or "Vlaamse" in rules["partners_both_countries"]["explanation"]
    )
    assert rules["partners_programme_area"]["status"] == "warning"
    assert "Brussels lab" in " ".join(rules["partners_programme_area"]["details"])
    assert rules["erdf_total"]["status"] == "fail"  # 120 of 200 = 60%
    assert rules["erdf_per_partner"]["status"] == "fail"
    assert "Brussels lab" in rules["erdf_per_partner"]["explanation"]
    assert rules["sme_involvement"]["status"] == "fail"
    assert rules["cross_border_value"]["status"] == "fail"


def test_erdf_exactly_half_passes(fit_checker):
    partners = [
        PartnerSpec("A", "BE", "BE211", "sme", budget=Decimal("1000.00"), erdf=Decimal("500.00")),
        PartnerSpec("B", "NL", "NL342", "sme", budget=Decimal("0.02"), erdf=Decimal("0.01")),
    ]
    rules = _rules(fit_checker.check(IDEAS[0][1], partners))
    assert rules["erdf_total"]["status"] == "pass"
    assert rules["erdf_per_partner"]["status"] == "pass"


def test_without_partners_rules_are_unknown_not_failed(fit_checker):
    rules = _rules(fit_checker.check(IDEAS[0][1]))
    assert rules["partners_both_countries"]["status"] == "unknown"
    assert rules["erdf_total"]["status"] == "unknown"
    assert rules["sme_involvement"]["status"] == "unknown"


def test_sme_rule_only_for_a1(fit_checker):
    rules = _rules(fit_checker.check(IDEAS[4][1], [PartnerSpec("x", "BE", "BE211", "government")]))
    assert rules["sme_involvement"]["status"] == "not_applicable"


def test_hostile_text_is_handled(fit_checker):
    report = fit_checker.check(
        "<script>alert(1)</script> ' OR 1=1; -- \x00\x07 innovatie prototype kmo " * 50
    )
    assert report["verdict"]["code"]


# ----- the lines between priorities (../shared/programme/README.md) -----


def test_research_on_energy_is_greener_not_a1(fit_checker):
    """Topic decides before instrument: R&I whose main result is energy/climate goes to B."""
    report = fit_checker.check(
        "Een kmo en een universiteit ontwikkelen een prototype van een nieuwe warmtepomp voor "
        "duurzame warmte en testen die in een proeftuin, om het energieverbruik en de CO2-uitstoot "
        "van woningen te verminderen."
    )
    verdict = report["verdict"]
    assert verdict["code"] == "B"
    assert verdict["theme"]["code"] == "energy"


def _scores(best: str, topics: dict[str, tuple[str, ...]]):
    order = [best, *(c for c in ("A1", "A2", "B", "C1", "C2", "C3", "D") if c != best)]
    return [
        ProfileScore(code, 0.0, 0.0, combined=1.0 - i / 10, topic_words=topics.get(code, ()))
        for i, code in enumerate(order)
    ]


def test_line_rules_reorder_by_topic():
    # research with two green topics and fewer A1 sector topics -> B, A1 shown as close
    d = apply_lines(_scores("A1", {"B": ("warmtepomp", "CO2-uitstoot"), "A1": ("sensoren",)}))
    assert (d.order[0].code, d.rule, d.close_with) == ("B", "topic_before_instrument", "A1")
    # one green word in a sector idea: stays A1 but B is shown
    d = apply_lines(_scores("A1", {"B": ("water",), "A1": ("glastuinbouw", "sensoren")}))
    assert (d.order[0].code, d.rule, d.close_with) == ("A1", "", "B")
    # skills idea about job placement -> C1 even when technical, A2 shown
    d = apply_lines(_scores("A2", {"C1": ("werkzoekenden", "vacatures"), "A2": ("technici",)}))
    assert (d.order[0].code, d.rule, d.close_with) == ("C1", "social_even_when_technical", "A2")
    # general education words that A2 names as well do not move a sector training to C2
    d = apply_lines(
        _scores("A2", {"C2": ("education",), "A2": ("education", "training"), "A1": ("robotics",)})
    )
    assert d.order[0].code == "A2" and not d.rule
    # training tied to a priority sector that scored as C2 -> A2, C2 shown
    d = apply_lines(_scores("C2", {"A2": ("training",), "A1": ("additive manufacturing",)}))
    assert (d.order[0].code, d.rule, d.close_with) == ("A2", "skills_for_priority_sectors", "C2")
    # border obstacles and governance -> D
    d = apply_lines(_scores("A1", {"D": ("wetgeving", "loket", "burgers")}))
    assert (d.order[0].code, d.rule) == ("D", "border_obstacle")
    # nothing to say: order unchanged
    d = apply_lines(_scores("A1", {"A1": ("fotonica",)}))
    assert d.order[0].code == "A1" and not d.rule and not d.close_with


def test_job_placement_is_social_even_when_the_jobs_are_technical(fit_checker):
    report = fit_checker.check(
        "Opleiding en arbeidsbemiddeling over de grens: werkzoekenden en vluchtelingen worden "
        "begeleid naar technische vacatures bij werkgevers aan de andere kant van de grens, via een "
        "gedeelde talentpool."
    )
    verdict = report["verdict"]
    assert verdict["code"] == "C1"
    assert verdict["priority"]["code"] == "socialer"


def test_a2_or_c_shows_both_with_their_reasons(fit_checker):
    report = fit_checker.check(
        "Werkzoekenden krijgen een omscholing tot technicus voor knelpuntberoepen in de maakindustrie."
    )
    verdict = report["verdict"]
    assert {verdict["code"], (verdict["alternative"] or {}).get("code")} >= {"A2"}
    assert verdict["close"] is True
    assert verdict["alternative"]["code"] in ("A2", "C1", "C2")
    assert verdict["alternative"]["code"] != verdict["code"]
    assert verdict["alternative"]["reasons"], "the close alternative says why as well"
    assert verdict["confidence_label"] != "high"
    assert any(r["code"] == "close" for r in verdict["reasons"])


def test_border_obstacles_are_d(fit_checker):
    report = fit_checker.check(
        "Gemeenten en provincies aan beide kanten van de grens lossen samen een grensobstakel op: "
        "verschillen in wetgeving en regelgeving over sociale zekerheid en belastingen, met een "
        "informatiepunt voor burgers."
    )
    assert report["verdict"]["code"] == "D"


# ----- reasons: the idea's own words and the programme sentence they match -----


def test_reasons_quote_the_idea_and_a_relevant_programme_sentence(fit_checker):
    text = (
        "Telers in de glastuinbouw en een hogeschool ontwikkelen goedkope sensoren die vocht in "
        "kassen meten, zodat schimmelziektes vroeg worden opgespoord."
    )
    report = fit_checker.check(text)
    verdict = report["verdict"]
    assert verdict["code"] == "A1"
    words = next(r for r in verdict["reasons"] if r["code"] == "words")["words"]
    assert words and all(w.casefold() in text.casefold() for w in words)
    assert any(r["code"] == "sector" and r["sector_nl"] == "agro/food" for r in verdict["reasons"])
    for r in verdict["reasons"]:
        if r["code"] == "sentence":
            assert r["idea"] in text
            assert r["shared"]
            assert "Covid" not in r["programme_nl"] and "pandem" not in r["programme_en"]
            programme = r["programme_nl"].casefold()
            assert any(w.casefold()[:4] in programme for w in r["shared"])


def test_pandemic_sentence_is_never_quoted_for_an_unrelated_idea(fit_checker):
    for text in (IDEAS[0][1], IDEAS[1][1]):
        for r in fit_checker.check(text)["verdict"]["reasons"]:
            assert "Covid" not in r.get("programme_nl", "") + r.get("text_nl", "")


def test_stored_reasons_render_in_the_readers_language(fit_checker):
    with translation.override("nl"):
        report = fit_checker.check(IDEAS[5][1])
    reason = next(r for r in report["verdict"]["reasons"] if r["code"] == "sentence")
    with translation.override("en"):
        english = fit_reason(reason)
        assert reason["programme_en"] in english
        assert fit_objective("B").startswith("A greener Europe — B:")
    with translation.override("nl"):
        assert reason["programme_nl"] in fit_reason(reason)
        assert fit_objective("B").startswith("Een groener Europa — B:")
    assert fit_reason("an old plain reason") == "an old plain reason"


def test_high_confidence_needs_a_clear_lead_and_no_close_alternative():
    assert confidence_label(0.95, 0.9, words=4) == "high"
    assert confidence_label(0.95, 0.9, close=True, words=4) == "medium"
    assert confidence_label(0.95, 0.9, words=1) == "medium"
    assert confidence_label(0.6, 0.1, words=5) == "medium"
    assert confidence_label(0.3, 0.05, words=5) == "low"


def test_every_priority_has_a_rich_profile_with_its_source():
    programme = load_programme()
    a1 = programme.profile("A1")
    for code in ("B", "C1", "C2", "C3", "D"):
        profile = programme.profile(code)
        assert profile.source and "README" in profile.source
        assert len(profile.pairs) >= 5, code
        assert all(nl and en and nl != en for nl, en, _t in profile.pairs), code
        assert len(profile.keywords) >= 40, code
    assert len(programme.profile("B").keywords) >= len(a1.keywords) // 4
    # energy and water are the greener priority's topics, not A1's
    assert "warmtepompen" not in {k.casefold() for k in a1.topic_keywords}
