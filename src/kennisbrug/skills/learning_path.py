"""Learning paths: the smallest set of trainings that covers a skill gap.

A weighted set cover, solved exactly with OR-Tools CP-SAT (one boolean per
candidate training, each gap skill that some training teaches covered at least
once, minimise cost in cents, hours, or the number of trainings; ties broken by
the number of trainings). Candidate sets are small (tens of trainings), so the
solver proves optimality well inside its time limit; if it ever runs out of time
the best solution found is returned and marked ``optimal=False``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import PathObjective, TrainingMode
from .geo import province_distance_km
from .models import Occupation, Skill, Training

TIME_LIMIT_S = 5.0


@dataclass
class LearningPath:
    occupation: Occupation
    objective: str
    gap: list[Skill]
    trainings: list[Training]
    uncovered: list[Skill]
    total_cost: Decimal
    total_hours: int
    optimal: bool
    covers: dict[int, list[Skill]] = field(default_factory=dict)  # training id -> gap skills


def solve_set_cover(
    *, universe: set[int], sets: dict[int, set[int]], weights: dict[int, int]
) -> tuple[list[int], bool]:
    """Exact minimum-weight set cover with CP-SAT; returns (chosen set ids, proven optimal)."""
    from ortools.sat.python import cp_model

    if not universe:
        return [], True
    model = cp_model.CpModel()
    x = {k: model.new_bool_var(f"t{k}") for k in sets}
    for element in universe:
        model.add_bool_or([x[k] for k, members in sets.items() if element in members])
    # weight first, then fewer trainings: weight × (n + 1) + 1 per chosen training
    big = len(sets) + 1
    model.minimize(sum((weights[k] * big + 1) * x[k] for k in sets))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = TIME_LIMIT_S
    solver.parameters.num_workers = 2
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [], False
    chosen = sorted(k for k in sets if solver.Value(x[k]))
    return chosen, status == cp_model.OPTIMAL


def learning_path(
    *,
    occupation: Occupation,
    have_skill_ids: set[int],
    objective: str = PathObjective.COST,
    languages: list[str] | None = None,
    province: str | None = None,
    country: str | None = None,
    max_km: int | None = None,
    cross_border: bool = True,
    include_optional: bool = False,
    today: datetime.date | None = None,
) -> LearningPath:
    """Cheapest (or shortest, or smallest) set of published trainings covering the gap.

    Trainings qualify when they teach a gap skill, are in one of ``languages``
    (when given), and are online or within ``max_km`` of the person's province
    (and in their own country unless ``cross_border``), and can still be started on or
    after ``today`` (default: today in the site's time zone): a course whose every start
    date has passed is never proposed.
    """
    if objective not in PathObjective.values:
        raise ValidationError({"objective": _("Choose cost, duration or count.")})
    relations = occupation.relations.select_related("skill")
    gap = [
        r.skill
        for r in relations
        if r.skill_id not in have_skill_ids and (include_optional or r.relation_type == "essential")
    ]
    gap_ids = {s.id for s in gap}
    candidates = (
        Training.objects.filter(is_published=True, skills__in=gap_ids)
        .distinct()
        .select_related("provider", "level", "nuts3")
        .prefetch_related("skills")
    )
    if languages:
        candidates = candidates.filter(language__in=languages)
    today = today or timezone.localdate()
    usable: dict[int, Training] = {}
    sets: dict[int, set[int]] = {}
    for t in candidates:
        if not t.is_open(today):
            continue
        if t.mode != TrainingMode.ONLINE:
            t_country = t.nuts3.country_id if t.nuts3 else t.provider.country_id
            if country and not cross_border and t_country != country:
                continue
            if province and max_km is not None and t.nuts3:
                distance = province_distance_km(province, t.nuts3.province_id)
                if distance is not None and distance > max_km:
                    continue
        usable[t.id] = t
        sets[t.id] = {s.id for s in t.skills.all()} & gap_ids
    coverable = set().union(*sets.values()) if sets else set()

    def weight(t: Training) -> int:
        if objective == PathObjective.COST:
            return int(t.cost * 100)
        if objective == PathObjective.DURATION:
            return t.duration_hours
        return 0

    chosen, optimal = solve_set_cover(
        universe=coverable, sets=sets, weights={k: weight(t) for k, t in usable.items()}
    )
    trainings = [usable[k] for k in chosen]
    by_id = {s.id: s for s in gap}
    return LearningPath(
        occupation=occupation,
        objective=objective,
        gap=sorted(gap, key=str),
        trainings=trainings,
        uncovered=sorted((s for s in gap if s.id not in coverable), key=str),
        total_cost=sum((t.cost for t in trainings), Decimal("0.00")),
        total_hours=sum(t.duration_hours for t in trainings),
        optimal=optimal,
        covers={t.id: sorted((by_id[s] for s in sets[t.id]), key=str) for t in trainings},
    )


def occupation_resolve(ref) -> Occupation | None:
    """An occupation by primary key or by ESCO concept URI; None when unknown."""
    ref = str(ref or "").strip()[:200]
    if ref.isdigit():
        return Occupation.objects.filter(pk=int(ref)).first()
    return Occupation.objects.filter(uri=ref).first() if ref else None


def profile_learning_path(*, profile, occupation: Occupation, objective: str) -> LearningPath:
    """The learning path for a person's own profile: their confirmed skills, languages,
    province, travel range and cross-border choice."""
    have = set(profile.profile_skills.filter(confirmed=True).values_list("skill_id", flat=True))
    return learning_path(
        occupation=occupation,
        have_skill_ids=have,
        objective=objective,
        languages=list(profile.languages or []) or None,
        province=profile.nuts3.province_id if profile.nuts3 else None,
        country=profile.country_id,
        max_km=profile.max_travel_km,
        cross_border=profile.cross_border,
    )
