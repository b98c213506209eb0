"""The fit check without a database: verdicts per priority, languages, rules and their explanations.

The ideas below are written for these tests; none is in bench/projects_fitcheck_examples.json
and the checker is built only from the programme texts.
"""

from decimal import Decimal

import pytest

from kennisbrug.projects.fitcheck import PartnerSpec

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
        "groener",
        "Boeren en natuurorganisaties leggen houtwallen en poelen aan om de biodiversiteit in het "
        "grensgebied te herstellen en leefgebied voor amfibieën te maken.",
    ),
    (
        "groener",
        "Municipalities insulate social housing and install heat pumps to cut energy use and "
        "emissions in border towns.",
    ),
    (
        "socialer",
        "Een grensoverschrijdende wandelroute langs oude kloosters en kastelen trekt toeristen en "
        "versterkt de vrijetijdseconomie van de grensdorpen.",
    ),
    (
        "socialer",
        "Job coaches help unemployed people from border towns find jobs across the border through "
        "a shared placement desk.",
    ),
    (
        "zonder-grenzen",
        "Een meldpunt voor grensgangers die problemen hebben met belastingaangifte en "
        "kinderbijslag omdat ze in het ene land wonen en in het andere werken.",
    ),
    (
        "zonder-grenzen",
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
    assert other["verdict"]["objective"] is None
    assert other["verdict"]["priority"]["code"] == "groener"


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
