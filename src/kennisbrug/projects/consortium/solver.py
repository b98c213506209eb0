"""Propose a whole consortium: cover every competence, meet every hard constraint, maximise quality.

Model (solved by HiGHS, through scipy.optimize.milp, by default, or by OR-Tools
CP-SAT with ``solver="cp-sat"``; both are exact and report their bound; see
bench/projects_consortium.py for why HiGHS is the default): a 0/1 variable per candidate (x) and per candidate-competence
pair that covers it (y, score >= ``min_score``). Every competence is assigned to exactly
one selected partner; the objective is

    sum over competences of 1000 * score(assigned partner)
  + sum over selected partners of (300 * mean score + 100 if preferred province - 50)

subject to the size limit, both countries (a Flemish and a Dutch partner), the minimum
number of SMEs and knowledge institutions, and triple helix for clusters. Existing
partners are fixed in. Candidates that are interchangeable (same attributes that
constraints look at and same objective coefficients) are reduced to ``max_size`` copies
before the model is built, which cannot change the optimum.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from ortools.sat.python import cp_model
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from .registry import Registry, Requirement

SCALE = 1000
RELEVANCE_WEIGHT = 300
PREFERRED_BONUS = 100
PARTNER_COST = 50


@dataclass
class Constraints:
    max_size: int = 6
    min_smes: int = 0
    min_knowledge: int = 1
    both_countries: bool = True
    triple_helix: bool = False
    preferred_provinces: tuple[str, ...] = ()
    programme_area_only: bool = False
    existing: tuple[int, ...] = ()  # candidate ids already in the consortium
    exclude: tuple[int, ...] = ()
    min_score: float = 0.3


@dataclass
class Member:
    id: int
    name: str
    existing: bool
    covers: list[dict] = field(default_factory=list)  # needs it is proposed for, with why
    roles: list[str] = field(default_factory=list)
    alternatives: list[dict] = field(default_factory=list)
    also_covers: list[dict] = field(default_factory=list)  # needs another member covers better
    why: str = ""

    def to_json(self) -> dict:
        return {
            "organisation": self.id,
            "name": self.name,
            "existing_partner": self.existing,
            "why": self.why,
            "covers": self.covers,
            "also_covers": self.also_covers,
            "roles": self.roles,
            "alternatives": self.alternatives,
        }


@dataclass
class Proposal:
    status: str  # "optimal" | "feasible" | "partial" (some needs uncoverable) | "infeasible"
    members: list[Member] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    gaps: list[dict] = field(default_factory=list)  # needs nobody covers, with suggestions
    objective: float = 0.0
    bound: float = 0.0
    seconds: float = 0.0
    model_size: dict = field(default_factory=dict)

    @property
    def gap(self) -> float:
        return 0.0 if not self.bound else max(0.0, (self.bound - self.objective) / abs(self.bound))

    def to_json(self) -> dict:
        """What people read: partners, what each covers and why, gaps and problems, in words.

        The solver's own figures (objective, bound, gap) stay on the object for the benchmark.
        """
        return {
            "status": self.status,
            "complete": self.status in ("optimal", "feasible"),
            "summary": self.summary(),
            "members": [m.to_json() for m in self.members],
            "gaps": self.gaps,
            "problems": self.problems,
        }

    def summary(self) -> str:
        if self.status == "infeasible":
            return _("No consortium meets every constraint; see the problems below.")
        n = len(self.members)
        if self.gaps:
            return _(
                "%(n)s partners cover every need except %(gaps)s; nobody in the register covers "
                "that yet, see the suggestions."
            ) % {"n": n, "gaps": ", ".join(f"“{g['need']}”" for g in self.gaps)}
        if self.status == "optimal":
            return _(
                "%(n)s partners cover every need and meet every constraint; no other combination "
                "in the register covers the needs better."
            ) % {"n": n}
        return _(
            "%(n)s partners cover every need and meet every constraint; a better combination may "
            "exist (the search stopped at its time limit)."
        ) % {"n": n}


class Problem:
    """Scores and coefficients for one request, shared by the solver and the greedy baseline."""

    def __init__(
        self, registry: Registry, requirements: list[Requirement], constraints: Constraints
    ):
        self.registry, self.reqs, self.cons = registry, requirements, constraints
        self.scores, self.reasons = registry.score(requirements)
        self.coef = np.rint(self.scores * SCALE).astype(np.int64)
        self.coef[self.scores < constraints.min_score] = 0
        relevance = self.scores.mean(axis=1) if requirements else np.zeros(len(registry))
        preferred = np.isin(registry.provinces, list(constraints.preferred_provinces))
        self.preferred = preferred
        self.bonus = (
            np.rint(RELEVANCE_WEIGHT * relevance).astype(np.int64)
            + PREFERRED_BONUS * preferred
            - PARTNER_COST
        )
        self.existing = [
            registry.index_of[i] for i in constraints.existing if i in registry.index_of
        ]
        allowed = np.ones(len(registry), dtype=bool)
        if constraints.programme_area_only:
            allowed &= registry.in_area
        excl = [registry.index_of[i] for i in constraints.exclude if i in registry.index_of]
        allowed[excl] = False
        allowed[self.existing] = True
        self.allowed = allowed

    def value(self, members: list[int]) -> float:
        """Objective of a set of candidate indexes (competences go to the best member)."""
        if not members:
            return 0.0
        idx = np.array(members)
        covered = self.coef[idx].max(axis=0).sum() if self.reqs else 0
        return float(covered + self.bonus[idx].sum())

    def signature(self, i: int) -> tuple:
        r = self.registry
        return (
            bool(r.is_flemish[i]),
            bool(r.is_nl[i]),
            bool(r.is_sme[i]),
            bool(r.is_knowledge[i]),
            bool(r.is_government[i]),
            bool(r.is_business[i]),
        )


def _roles(problem: Problem, i: int) -> list[str]:
    r, c = problem.registry, problem.cons
    roles = []
    if c.both_countries and r.is_flemish[i]:
        roles.append(_("Flemish partner"))
    if c.both_countries and r.is_nl[i]:
        roles.append(_("Dutch partner"))
    if c.min_smes and r.is_sme[i]:
        roles.append(_("SME"))
    if (c.min_knowledge or c.triple_helix) and r.is_knowledge[i]:
        roles.append(_("knowledge institution"))
    if c.triple_helix and r.is_government[i]:
        roles.append(_("government"))
    if c.triple_helix and r.is_business[i]:
        roles.append(_("business"))
    if problem.preferred[i]:
        roles.append(_("in a preferred province"))
    return roles


def diagnose(problem: Problem) -> list[dict]:
    """Constraints that no choice of partners can meet, each with the reason."""
    r, c, allowed = problem.registry, problem.cons, problem.allowed
    out: list[dict[str, Any]] = []
    if c.max_size < 1:
        out.append(
            {
                "constraint": "max_size",
                "message": _("The maximum consortium size must be at least 1."),
            }
        )
    if len(problem.existing) > c.max_size:
        out.append(
            {
                "constraint": "max_size",
                "message": _(
                    "The idea already has %(n)s partners, more than the maximum size of %(max)s."
                )
                % {"n": len(problem.existing), "max": c.max_size},
            }
        )
    for j, req in enumerate(problem.reqs):
        col = np.where(allowed, problem.scores[:, j], 0.0)
        if col.max(initial=0.0) < c.min_score:
            best = int(np.argmax(col)) if len(col) else -1
            detail = (
                (
                    _(" The closest, %(name)s, mentions only part of it.")
                    % {"name": r.candidates[best].name}
                )
                if best >= 0 and col[best] > 0
                else ""
            )
            out.append(
                {
                    "constraint": "competence",
                    "competence": req.display,
                    "index": j,
                    "message": _("No organisation in the register covers “%(need)s”.")
                    % {"need": req.display}
                    + detail,
                }
            )
    checks = [
        (c.both_countries, r.is_flemish, 1, "flemish", _("No Flemish organisation is available.")),
        (c.both_countries, r.is_nl, 1, "dutch", _("No Dutch organisation is available.")),
        (
            c.min_smes > 0,
            r.is_sme,
            c.min_smes,
            "smes",
            _("Fewer SMEs are available than required."),
        ),
        (
            c.min_knowledge > 0,
            r.is_knowledge,
            c.min_knowledge,
            "knowledge",
            _("Fewer knowledge institutions are available than required."),
        ),
        (
            c.triple_helix,
            r.is_business,
            1,
            "helix_business",
            _("No business is available (triple helix)."),
        ),
        (
            c.triple_helix,
            r.is_knowledge,
            1,
            "helix_knowledge",
            _("No knowledge institution is available (triple helix)."),
        ),
        (
            c.triple_helix,
            r.is_government,
            1,
            "helix_government",
            _("No government is available (triple helix)."),
        ),
    ]
    for active, mask, need, code, message in checks:
        if active and int((mask & allowed).sum()) < need:
            out.append(
                {
                    "constraint": code,
                    "message": message
                    + (
                        _(" (Only organisations in the programme area were allowed.)")
                        if c.programme_area_only
                        else ""
                    ),
                }
            )
    return out


MAX_EXACT_REQUIREMENTS = 10


def _reduce(problem: Problem) -> np.ndarray:
    """Indexes worth a variable, without changing the optimum.

    Group candidates by the attributes the constraints look at. A selected partner that
    is assigned the competence set A contributes sum(coef[A]) + bonus; if ``max_size``
    others of its group cover A with at least that value, one of them is unselected and
    can take its place without losing anything. So per group and per set A (every subset
    of the competences, empty included) the best ``max_size`` candidates suffice. With more
    than MAX_EXACT_REQUIREMENTS competences only singletons, the empty and the full set
    are used (then the reduction is a heuristic).
    """
    r = problem.registry
    cap = max(problem.cons.max_size, 1)
    allowed = problem.allowed.copy()
    allowed[problem.existing] = False
    group = (
        r.is_flemish.astype(np.int64)
        | r.is_nl << 1
        | r.is_sme << 2
        | r.is_knowledge << 3
        | r.is_government << 4
        | r.is_business << 5
    )
    m = len(problem.reqs)
    if m <= MAX_EXACT_REQUIREMENTS:
        subsets = [[j for j in range(m) if mask >> j & 1] for mask in range(1 << m)]
    else:
        subsets = [[], list(range(m))] + [[j] for j in range(m)]
    positive = problem.coef > 0
    keep = set(problem.existing)
    groups = np.unique(group[allowed])
    for subset in subsets:
        valid = allowed & positive[:, subset].all(axis=1) if subset else allowed
        if not valid.any():
            continue
        value = problem.coef[:, subset].sum(axis=1) + problem.bonus if subset else problem.bonus
        for g in groups:
            idx = np.flatnonzero(valid & (group == g))
            if len(idx) > cap:
                idx = idx[np.argpartition(-value[idx], cap - 1)[:cap]]
            keep.update(int(i) for i in idx)
    return np.array(sorted(keep), dtype=np.int64)


def _build(problem: Problem, pool: np.ndarray, *, minimise_size: bool = False):
    r, c = problem.registry, problem.cons
    m = cp_model.CpModel()
    x = {int(i): m.new_bool_var(f"x{i}") for i in pool}
    for i in problem.existing:
        m.add(x[i] == 1)
    ys: dict[int, list] = {}
    obj = []
    for j in range(len(problem.reqs)):
        col = []
        for i in pool[problem.coef[pool, j] > 0]:
            i = int(i)
            y = m.new_bool_var(f"y{i}_{j}")
            m.add_implication(y, x[i])
            col.append(y)
            obj.append((int(problem.coef[i, j]), y))
            ys.setdefault(i, []).append((j, y))
        m.add_exactly_one(col) if col else m.add_bool_or([])
    if not minimise_size:
        m.add(cp_model.LinearExpr.sum(list(x.values())) <= c.max_size)

    def at_least(mask, n):
        chosen = [x[int(i)] for i in pool if mask[i]]
        m.add(cp_model.LinearExpr.sum(chosen) >= n) if chosen else m.add_bool_or([])

    if c.both_countries:
        at_least(r.is_flemish, 1)
        at_least(r.is_nl, 1)
    if c.min_smes:
        at_least(r.is_sme, c.min_smes)
    if c.min_knowledge:
        at_least(r.is_knowledge, c.min_knowledge)
    if c.triple_helix:
        at_least(r.is_business, 1)
        at_least(r.is_knowledge, 1)
        at_least(r.is_government, 1)
    if minimise_size:
        m.minimize(cp_model.LinearExpr.sum(list(x.values())))
    else:
        terms = [*(v for _c, v in obj), *x.values()]
        coefs = [*(c for c, _v in obj), *(int(problem.bonus[i]) for i in x)]
        m.maximize(cp_model.LinearExpr.weighted_sum(terms, coefs))
    return m, x, ys


def propose(
    registry: Registry,
    requirements: list[Requirement],
    constraints: Constraints,
    *,
    time_limit: float = 1.5,
    workers: int = 2,
    alternatives: int = 3,
    solver: str = "highs",
) -> Proposal:
    """Best consortium for the requirements, or the reasons none exists (``status`` "infeasible")."""
    t0 = time.perf_counter()
    problem = Problem(registry, requirements, constraints)
    problems = diagnose(problem)
    missing = [p.pop("index") for p in problems if p["constraint"] == "competence"]
    if len(missing) < len(problems):
        return Proposal("infeasible", problems=problems, seconds=time.perf_counter() - t0)
    if missing:
        # the best consortium for the needs that can be covered, and the gap named
        rest = [r for j, r in enumerate(requirements) if j not in set(missing)]
        proposal = propose(
            registry,
            rest,
            constraints,
            time_limit=time_limit,
            workers=workers,
            alternatives=alternatives,
            solver=solver,
        )
        if proposal.status != "infeasible":
            proposal.status = "partial"
        proposal.gaps = [_gap(problem, j) for j in missing]
        proposal.seconds = time.perf_counter() - t0
        return proposal
    pool = _reduce(problem)
    if solver == "highs":
        return _propose_highs(problem, pool, t0, time_limit, alternatives)
    model, x, _ys = _build(problem, pool)
    hint = greedy_members(problem)
    if hint is not None:
        for i, v in x.items():
            model.add_hint(v, 1 if i in hint else 0)
    cp = cp_model.CpSolver()
    cp.parameters.max_time_in_seconds = time_limit
    cp.parameters.num_workers = workers
    status = cp.solve(model)
    size = {
        "candidates": len(registry),
        "variables": len(model.proto.variables),
        "pool": len(pool),
        "solver": "cp-sat",
    }
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if status == cp_model.INFEASIBLE:
            problems = _explain_infeasible(problem, pool)
        else:
            problems = [
                {
                    "constraint": "time",
                    "message": _("No consortium was found within the time limit."),
                }
            ]
        return Proposal(
            "infeasible", problems=problems, seconds=time.perf_counter() - t0, model_size=size
        )
    chosen = [i for i, v in x.items() if cp.value(v)]
    proposal = Proposal(
        "optimal" if status == cp_model.OPTIMAL else "feasible",
        objective=problem.value(chosen),
        bound=cp.best_objective_bound,
        model_size=size,
    )
    proposal.members = explain(problem, chosen, alternatives=alternatives)
    proposal.seconds = time.perf_counter() - t0
    return proposal


def _propose_highs(
    problem: Problem, pool: np.ndarray, t0: float, time_limit: float, alternatives: int
) -> Proposal:
    r, c = problem.registry, problem.cons
    n = len(pool)
    pair_i, pair_j = np.nonzero(problem.coef[pool] > 0)  # pool position, requirement
    npairs = len(pair_i)
    nv = n + npairs
    cost = np.zeros(nv)
    cost[:n] = -problem.bonus[pool]
    cost[n:] = -problem.coef[pool[pair_i], pair_j]
    rows, cols, vals, lo, hi = [], [], [], [], []
    # y <= x
    p = np.arange(npairs)
    rows += [p, p]
    cols += [n + p, pair_i]
    vals += [np.ones(npairs), -np.ones(npairs)]
    lo += [-np.inf] * npairs
    hi += [0.0] * npairs
    row = npairs
    for j in range(len(problem.reqs)):  # every competence exactly once
        sel = np.flatnonzero(pair_j == j)
        rows.append(np.full(len(sel), row))
        cols.append(n + sel)
        vals.append(np.ones(len(sel)))
        lo.append(1.0)
        hi.append(1.0)
        row += 1
    counts: list[tuple[np.ndarray, int, float]] = [(np.ones(len(r), dtype=bool), 0, c.max_size)]
    counts += [(m, need, np.inf) for m, need in _needs(problem)]
    for mask, low, high in counts:
        sel = np.flatnonzero(mask[pool])
        rows.append(np.full(len(sel), row))
        cols.append(sel)
        vals.append(np.ones(len(sel)))
        lo.append(float(low))
        hi.append(float(high))
        row += 1
    matrix = sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(row, nv)
    )
    lower = np.zeros(nv)
    existing = {int(i) for i in problem.existing}
    lower[[k for k, i in enumerate(pool) if int(i) in existing]] = 1
    res = milp(
        cost,
        constraints=LinearConstraint(matrix, lo, hi),
        integrality=np.ones(nv),
        bounds=Bounds(lower, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 0.0},
    )
    size = {"candidates": len(r), "variables": nv, "pool": n, "solver": "highs"}
    if res.x is None:
        if res.status == 2:  # infeasible
            problems = _explain_infeasible(problem, pool)
        else:
            problems = [
                {
                    "constraint": "time",
                    "message": _("No consortium was found within the time limit."),
                }
            ]
        return Proposal(
            "infeasible", problems=problems, seconds=time.perf_counter() - t0, model_size=size
        )
    chosen = [int(pool[k]) for k in np.flatnonzero(res.x[:n] > 0.5)]
    bound = -float(getattr(res, "mip_dual_bound", res.fun))
    proposal = Proposal(
        "optimal" if res.status == 0 else "feasible",
        objective=problem.value(chosen),
        bound=bound,
        model_size=size,
    )
    proposal.members = explain(problem, chosen, alternatives=alternatives)
    proposal.seconds = time.perf_counter() - t0
    return proposal


def _needs(problem: Problem) -> list[tuple[np.ndarray, int]]:
    r, c = problem.registry, problem.cons
    needs = []
    if c.both_countries:
        needs += [(r.is_flemish, 1), (r.is_nl, 1)]
    if c.min_smes:
        needs.append((r.is_sme, c.min_smes))
    if c.min_knowledge:
        needs.append((r.is_knowledge, c.min_knowledge))
    if c.triple_helix:
        needs += [(r.is_business, 1), (r.is_knowledge, 1), (r.is_government, 1)]
    return needs


def _explain_infeasible(problem: Problem, pool: np.ndarray) -> list[dict]:
    model, _x, _y = _build(problem, pool, minimise_size=True)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 2.0
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        need = int(solver.objective_value)
        return [
            {
                "constraint": "max_size",
                "message": _(
                    "Covering every competence and meeting every constraint needs at least %(need)s partners; "
                    "the maximum size is %(max)s."
                )
                % {"need": need, "max": problem.cons.max_size},
            }
        ]
    return [
        {
            "constraint": "combination",
            "message": _(
                "The constraints cannot be met together by any set of organisations in the registry."
            ),
        }
    ]


def _gap(problem: Problem, j: int) -> dict:
    """A need nobody allowed covers, with what to do about it."""
    r, c = problem.registry, problem.cons
    need = problem.reqs[j].display
    suggestions = [
        {
            "code": "open_challenge",
            "text": _(
                "Open a challenge that describes “%(need)s”, so organisations that are not in "
                "the register yet can respond."
            )
            % {"need": need},
        }
    ]
    outside = (problem.scores[:, j] >= c.min_score) & ~problem.allowed
    if c.programme_area_only and outside.any():
        name = r.candidates[int(np.argmax(np.where(outside, problem.scores[:, j], -1)))].name
        suggestions.append(
            {
                "code": "widen_region",
                "text": _(
                    "Widen the region: %(name)s, outside the programme area, covers “%(need)s”; "
                    "partners from outside may join where they add value."
                )
                % {"name": name, "need": need},
            }
        )
    else:
        suggestions.append(
            {
                "code": "widen_region",
                "text": _(
                    "Widen the region: look for a partner outside the programme area or in other "
                    "provinces; partners from outside may join where they add value."
                ),
            }
        )
    return {
        "need": need,
        "why": _("No organisation in the register covers “%(need)s”.") % {"need": need},
        "suggestions": suggestions,
    }


def _because(problem: Problem, i: int, j: int) -> str:
    """Why candidate ``i`` covers need ``j``, in words."""
    how = problem.reasons[j].get(i, "")
    need = problem.reqs[j].display
    if how == "tag":
        return _("registered with “%(need)s” in the organisation register") % {"need": need}
    if how == "text":
        return _("its profile names “%(need)s”") % {"need": need}
    if how:
        words = ", ".join(f"“{w}”" for w in how.split(", "))
        return _("its profile mentions %(words)s") % {"words": words}
    return ""


def _join(items: list[str]) -> str:
    return ", ".join(f"“{x}”" for x in items)


def explain(problem: Problem, chosen: list[int], *, alternatives: int = 3) -> list[Member]:
    r = problem.registry
    idx = np.array(chosen, dtype=np.int64)
    assigned: dict[int, list[int]] = {i: [] for i in chosen}
    for j in range(len(problem.reqs)):
        best = int(idx[np.argmax(problem.coef[idx, j])])
        assigned[best].append(j)
    existing = set(problem.existing)
    members = []
    chosen_set = set(chosen)
    for i in sorted(chosen, key=lambda i: (i not in existing, -len(assigned[i]))):
        cand = r.candidates[i]
        covers = [
            {"need": problem.reqs[j].display, "competence": problem.reqs[j].display}
            | {"why": _because(problem, i, j)}
            for j in assigned[i]
        ]
        also = [
            {"need": problem.reqs[j].display, "why": _because(problem, i, j)}
            for j in range(len(problem.reqs))
            if j not in assigned[i] and problem.coef[i, j] > 0
        ]
        roles = _roles(problem, i)
        member = Member(cand.id, cand.name, i in existing, covers, roles, also_covers=also)
        member.why = _member_why(member, i in existing)
        if i not in existing and alternatives:
            member.alternatives = _alternatives(problem, i, assigned[i], chosen_set, alternatives)
        members.append(member)
    return members


def _member_why(member: Member, existing: bool) -> str:
    needs = [c["need"] for c in member.covers]
    parts = []
    if existing:
        parts.append(_("Already a partner of the idea."))
    if needs:
        parts.append(_("Proposed for %(needs)s.") % {"needs": _join(needs)})
    if member.roles:
        parts.append(_("Role in the consortium: %(roles)s.") % {"roles": ", ".join(member.roles)})
    if not needs and member.also_covers:
        parts.append(
            _("Adds a second partner for %(needs)s, which another partner covers as well.")
            % {"needs": _join([c["need"] for c in member.also_covers])}
        )
    if not needs and not member.also_covers and not existing:
        parts.append(_("It covers none of the listed needs itself; it is needed for the roles."))
    return " ".join(parts)


def _alternatives(
    problem: Problem, i: int, reqs: list[int], chosen: set[int], k: int
) -> list[dict]:
    """Unselected candidates that could take ``i``'s place (same competences, same roles),
    each with what the swap would change, in words."""
    r = problem.registry
    ok = problem.allowed.copy()
    ok[list(chosen)] = False
    sig = problem.signature(i)
    masks = [r.is_flemish, r.is_nl, r.is_sme, r.is_knowledge, r.is_government, r.is_business]
    for flag, mask in zip(sig, masks, strict=True):
        if flag:
            ok &= mask
    for j in reqs:
        ok &= problem.coef[:, j] > 0
    cand = np.flatnonzero(ok)
    if not len(cand):
        return []
    value = (
        problem.coef[cand][:, reqs].sum(axis=1) + problem.bonus[cand]
        if reqs
        else problem.bonus[cand]
    )
    order = cand[np.argsort(-value, kind="stable")][:k]
    return [
        {
            "organisation": r.candidates[a].id,
            "name": r.candidates[a].name,
            "change": _swap_change(problem, i, int(a), reqs),
        }
        for a in order
    ]


def _swap_change(problem: Problem, i: int, a: int, reqs: list[int]) -> str:
    """What taking ``a`` instead of ``i`` changes, as a sentence."""
    r = problem.registry
    names = [problem.reqs[j].display for j in range(len(problem.reqs))]
    parts = []
    if reqs:
        weaker = [names[j] for j in reqs if problem.coef[a, j] < problem.coef[i, j]]
        stronger = [names[j] for j in reqs if problem.coef[a, j] > problem.coef[i, j]]
        if weaker:
            parts.append(_("covers %(needs)s less closely") % {"needs": _join(weaker)})
        if stronger:
            parts.append(_("covers %(needs)s more closely") % {"needs": _join(stronger)})
        if not weaker and not stronger:
            parts.append(_("covers the same needs as closely"))
    else:
        parts.append(_("fills the same role"))
    others = [j for j in range(len(problem.reqs)) if j not in reqs]
    gains = [names[j] for j in others if problem.coef[a, j] > 0 and problem.coef[i, j] == 0]
    loses = [names[j] for j in others if problem.coef[i, j] > 0 and problem.coef[a, j] == 0]
    if gains:
        parts.append(_("also covers %(needs)s") % {"needs": _join(gains)})
    if loses:
        parts.append(_("does not also cover %(needs)s") % {"needs": _join(loses)})
    pa, pi = r.provinces[a] or "", r.provinces[i] or ""
    if pa != pi and (pa or pi):
        parts.append(
            _("is in %(new)s instead of %(old)s")
            % {"new": pa or _("an unknown province"), "old": pi or _("an unknown province")}
        )
    if problem.preferred[i] and not problem.preferred[a]:
        parts.append(_("is not in a preferred province"))
    elif problem.preferred[a] and not problem.preferred[i]:
        parts.append(_("is in a preferred province"))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def greedy_members(p: Problem) -> set[int] | None:
    """Baseline: add the best marginal partner until covered, then repair the constraints greedily."""
    c = p.cons
    chosen = list(p.existing)
    allowed = p.allowed.copy()
    allowed[chosen] = False
    m = len(p.reqs)

    def best_with(mask=None):
        cur = p.coef[chosen].max(axis=0) if chosen else np.zeros(m, dtype=np.int64)
        gain = np.maximum(p.coef - cur, 0).sum(axis=1) + p.bonus
        ok = allowed if mask is None else allowed & mask
        if not ok.any():
            return None
        return int(np.argmax(np.where(ok, gain, np.iinfo(np.int64).min)))

    def covered():
        return (bool(chosen) and bool((p.coef[chosen].max(axis=0) > 0).all())) if m else True

    while not covered() and len(chosen) < c.max_size:
        i = best_with(p.coef.max(axis=1) > 0)
        if i is None:
            break
        chosen.append(i)
        allowed[i] = False
    needs = _needs(p)
    for mask, n in needs:
        while int(mask[chosen].sum()) < n:
            i = best_with(mask)
            if i is None:
                break
            chosen.append(i)
            allowed[i] = False
    ok = (
        covered()
        and len(chosen) <= c.max_size
        and all(int(mask[chosen].sum()) >= n for mask, n in needs)
    )
    return set(chosen) if ok else None


def greedy(
    registry: Registry, requirements: list[Requirement], constraints: Constraints
) -> Proposal:
    """The greedy baseline as a Proposal (for the benchmark)."""
    t0 = time.perf_counter()
    p = Problem(registry, requirements, constraints)
    chosen = greedy_members(p)
    if chosen is None:
        prop = Proposal(
            "infeasible",
            problems=[{"constraint": "greedy", "message": "greedy found no consortium"}],
        )
    else:
        prop = Proposal("feasible", objective=p.value(sorted(chosen)))
        prop.members = explain(p, sorted(chosen), alternatives=0)
    prop.seconds = time.perf_counter() - t0
    return prop
