"""The consortium builder without a database: constraints, explanations, infeasibility, optimality."""

import itertools
import json
import random

import pytest

from kennisbrug.projects.consortium import (
    Candidate,
    Constraints,
    Registry,
    Requirement,
    greedy,
    propose,
)
from kennisbrug.projects.consortium.solver import Problem


def org(i, type_, country, sectors=(), techs=(), text="", province="", flemish=None):
    return Candidate(
        id=i,
        name=f"Org {i}",
        type=type_,
        country=country,
        nuts3="",
        province=province,
        in_programme_area=True,
        flemish=(country == "BE") if flemish is None else flemish,
        sectors=frozenset(sectors),
        technologies=frozenset(techs),
        text=text,
    )


@pytest.fixture
def registry():
    return Registry(
        [
            org(1, "sme", "BE", ["agrofood"], text="voedselverwerking en verpakking"),
            org(
                2, "sme", "NL", ["fotonica"], text="lasers en optische sensoren", province="Zeeland"
            ),
            org(
                3,
                "knowledge_institution",
                "BE",
                ["fotonica", "agrofood"],
                text="onderzoek naar fotonica",
            ),
            org(4, "knowledge_institution", "NL", [], text="machine vision quality control"),
            org(5, "government", "NL", [], text="provincie innovatiebeleid"),
            org(6, "large_enterprise", "BE", ["agrofood", "fotonica"], text="food company"),
            org(7, "sme", "NL", ["agrofood"], text="machine vision voor voedselinspectie"),
        ]
    )


REQS = [
    Requirement("sector", "agrofood"),
    Requirement("sector", "fotonica"),
    Requirement("text", "machine vision inspection"),
]


@pytest.mark.parametrize("solver", ["highs", "cp-sat"])
def test_proposal_covers_everything_and_meets_constraints(registry, solver):
    cons = Constraints(max_size=4, min_smes=2, min_knowledge=1)
    p = propose(registry, REQS, cons, solver=solver)
    assert p.status == "optimal"
    ids = {m.id for m in p.members}
    orgs = {c.id: c for c in registry.candidates}
    assert len(ids) <= 4
    assert sum(orgs[i].type == "sme" for i in ids) >= 2
    assert any(orgs[i].type == "knowledge_institution" for i in ids)
    assert any(orgs[i].country == "NL" for i in ids) and any(orgs[i].flemish for i in ids)
    covered = {c["competence"] for m in p.members for c in m.covers}
    assert covered == {"agrofood", "fotonica", "machine vision inspection"}
    assert p.gap == 0


def test_every_member_says_why(registry):
    p = propose(registry, REQS, Constraints(max_size=4, min_smes=2, min_knowledge=1))
    for m in p.members:
        assert m.covers or m.roles, m
    assert any(m.alternatives for m in p.members)


def test_existing_partners_stay_in(registry):
    p = propose(registry, REQS, Constraints(max_size=5, min_smes=1, existing=(6,)))
    assert 6 in {m.id for m in p.members}
    assert next(m for m in p.members if m.id == 6).existing


def test_triple_helix(registry):
    p = propose(registry, REQS, Constraints(max_size=5, min_smes=0, triple_helix=True))
    types = {c.type for c in registry.candidates if c.id in {m.id for m in p.members}}
    assert "government" in types and "knowledge_institution" in types
    assert types & {"sme", "large_enterprise"}


def test_preferred_province_wins_a_tie(registry):
    reqs = [Requirement("sector", "fotonica")]
    p = propose(
        registry,
        reqs,
        Constraints(max_size=3, min_smes=1, min_knowledge=0, preferred_provinces=("Zeeland",)),
    )
    assert 2 in {m.id for m in p.members}


def test_uncoverable_need_gives_the_best_partial_consortium_and_names_the_gap(registry):
    cons = Constraints(max_size=4, min_smes=2, min_knowledge=1)
    full = propose(registry, REQS, cons)
    p = propose(registry, [*REQS, Requirement("text", "kwantumcomputer cryogeen")], cons)
    assert p.status == "partial"
    assert {m.id for m in p.members} == {m.id for m in full.members}
    covered = {c["need"] for m in p.members for c in m.covers}
    assert covered == {"agrofood", "fotonica", "machine vision inspection"}
    [gap] = p.gaps
    assert gap["need"] == "kwantumcomputer cryogeen"
    assert {s["code"] for s in gap["suggestions"]} == {"open_challenge", "widen_region"}
    assert all("kwantumcomputer" in s["text"] for s in gap["suggestions"][:1])
    body = p.to_json()
    assert body["complete"] is False and "kwantumcomputer" in body["summary"]


def test_gap_inside_the_area_suggests_the_organisation_outside_it():
    outside = Candidate(
        id=9,
        name="Cryolab Köln",
        type="knowledge_institution",
        country="DE",
        in_programme_area=False,
        text="kwantumcomputer cryogeen",
    )
    reg = Registry(
        [
            org(1, "sme", "BE", ["agrofood"]),
            org(2, "knowledge_institution", "NL", ["agrofood"]),
            outside,
        ]
    )
    reqs = [Requirement("sector", "agrofood"), Requirement("text", "kwantumcomputer")]
    p = propose(reg, reqs, Constraints(programme_area_only=True))
    assert p.status == "partial"
    widen = next(s for s in p.gaps[0]["suggestions"] if s["code"] == "widen_region")
    assert "Cryolab Köln" in widen["text"]
    assert 9 not in {m.id for m in p.members}


def test_members_say_in_words_what_they_cover_and_why(registry):
    p = propose(registry, REQS, Constraints(max_size=4, min_smes=2, min_knowledge=1))
    text = json.dumps(p.to_json(), ensure_ascii=False)
    for m in p.to_json()["members"]:
        assert m["why"], m
        assert m["covers"] or m["roles"], m
        for c in m["covers"]:
            assert c["why"], c
            assert "score" not in c
        for a in m["alternatives"]:
            assert a["change"] and a["change"].endswith("."), a
            assert "objective_change" not in a
    for solver_word in ('"objective"', '"bound"', '"gap"', "machin,", "“machin”", "inspect,"):
        assert solver_word not in text
    # a text need is explained by the organisation's own words, not by stems
    vision = next(
        c for m in p.members for c in m.covers if c["need"] == "machine vision inspection"
    )
    assert "“machine”" in vision["why"] and "“vision”" in vision["why"]


def test_alternative_says_what_it_changes():
    reg = Registry(
        [
            org(1, "sme", "BE", ["agrofood"], province="Antwerpen"),
            org(2, "sme", "BE", ["agrofood"], text="verpakking", province="Limburg"),
            org(3, "knowledge_institution", "NL", ["fotonica"]),
        ]
    )
    reqs = [Requirement("sector", "agrofood"), Requirement("sector", "fotonica")]
    p = propose(reg, reqs, Constraints(max_size=2, min_smes=1, preferred_provinces=("Antwerpen",)))
    member = next(m for m in p.members if m.id == 1)
    [alt] = member.alternatives
    assert alt["organisation"] == 2
    assert "Limburg" in alt["change"] and "Antwerpen" in alt["change"]


def test_missing_country_is_named():
    reg = Registry(
        [org(1, "sme", "BE", ["agrofood"]), org(2, "knowledge_institution", "BE", ["agrofood"])]
    )
    p = propose(reg, [Requirement("sector", "agrofood")], Constraints())
    assert p.status == "infeasible"
    assert [x["constraint"] for x in p.problems] == ["dutch"]


def test_size_too_small_says_how_many_are_needed(registry):
    p = propose(registry, REQS, Constraints(max_size=2, min_smes=2, min_knowledge=1))
    assert p.status == "infeasible"
    assert p.problems[0]["constraint"] == "max_size"
    assert "3" in p.problems[0]["message"]


def test_greedy_is_never_better_than_the_solver():
    rng = random.Random(7)
    sectors = ["a", "b", "c", "d"]
    cands = [
        org(
            i,
            rng.choice(["sme", "sme", "knowledge_institution", "government", "large_enterprise"]),
            rng.choice(["BE", "NL"]),
            rng.sample(sectors, rng.randint(1, 2)),
            text=rng.choice(["robot", "robot sensor", "sensor data", "data"]),
            province=rng.choice(["X", "Y"]),
        )
        for i in range(1, 15)
    ]
    reg = Registry(cands)
    reqs = [Requirement("sector", s) for s in sectors] + [Requirement("text", "robot sensor")]
    cons = Constraints(max_size=4, min_smes=1, min_knowledge=1, preferred_provinces=("X",))
    p = propose(reg, reqs, cons)
    g = greedy(reg, reqs, cons)
    # brute force over every subset proves the solver's optimum
    prob = Problem(reg, reqs, cons)
    best = -1e18
    for k in range(1, 5):
        for subset in itertools.combinations(range(len(cands)), k):
            s = list(subset)
            if not (prob.coef[s].max(axis=0) > 0).all():
                continue
            if not (
                reg.is_flemish[s].any()
                and reg.is_nl[s].any()
                and reg.is_sme[s].any()
                and reg.is_knowledge[s].any()
            ):
                continue
            best = max(best, prob.value(s))
    assert p.objective == pytest.approx(best)
    assert propose(reg, reqs, cons, solver="cp-sat").objective == pytest.approx(best)
    if g.status != "infeasible":
        assert g.objective <= p.objective
