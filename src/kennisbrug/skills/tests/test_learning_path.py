import datetime as dt
import itertools
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kennisbrug.skills.learning_path import learning_path, solve_set_cover
from kennisbrug.skills.models import Occupation, Skill

from .conftest import occupation_uri, skill_uri
from .factories import TrainingFactory

pytestmark = pytest.mark.django_db


def _skills(*slugs):
    return [Skill.objects.get(uri=skill_uri(s)) for s in slugs]


def _brute_force(universe, sets, weights):
    best = None
    keys = sorted(sets)
    for r in range(len(keys) + 1):
        for combo in itertools.combinations(keys, r):
            covered = set().union(*(sets[k] for k in combo)) if combo else set()
            if universe <= covered:
                w = sum(weights[k] for k in combo)
                if best is None or w < best:
                    best = w
    return best


@pytest.mark.parametrize("seed", range(25))
def test_cp_sat_finds_the_exact_optimum_of_small_instances(seed):
    rng = random.Random(seed)
    universe = set(range(rng.randint(3, 9)))
    sets = {
        k: set(rng.sample(sorted(universe), rng.randint(1, len(universe))))
        for k in range(rng.randint(3, 11))
    }
    coverable = set().union(*sets.values())
    weights = {k: rng.randint(0, 2000) for k in sets}
    chosen, optimal = solve_set_cover(universe=coverable, sets=sets, weights=weights)
    assert optimal
    assert coverable <= set().union(*(sets[k] for k in chosen))
    assert sum(weights[k] for k in chosen) == _brute_force(coverable, sets, weights)


def test_learning_path_picks_the_cheapest_cover_and_reports_the_rest(taxonomy):
    welder = Occupation.objects.get(uri=occupation_uri("welder"))
    tig, mig, grind, drawings, safety, vca = _skills(
        "weld-tig", "weld-mig", "grind", "read-drawings", "welding-safety", "safety-vca"
    )
    big = TrainingFactory(title="Lasser compleet", cost=Decimal("3000"), teaches=[tig, mig, grind])
    TrainingFactory(title="TIG", cost=Decimal("900"), duration_hours=80, teaches=[tig])
    TrainingFactory(title="MIG", cost=Decimal("800"), duration_hours=80, teaches=[mig])
    TrainingFactory(title="Slijpen", cost=Decimal("100"), duration_hours=8, teaches=[grind])
    online = TrainingFactory(
        title="Veilig lassen", mode="online", nuts3_id="NL332", cost=Decimal("0"), teaches=[safety]
    )
    TrainingFactory(
        title="Far away", nuts3_id="NL329", cost=Decimal("1"), teaches=[tig, mig, grind]
    )
    TrainingFactory(title="English only", language="en", cost=Decimal("1"), teaches=[tig, mig])
    path = learning_path(
        occupation=welder,
        have_skill_ids={drawings.id},
        languages=["nl"],
        province="BE21",
        max_km=60,
    )
    assert {t.title for t in path.trainings} == {"TIG", "MIG", "Slijpen", "Veilig lassen"}
    assert path.total_cost == Decimal("1800.00")
    assert path.optimal
    assert [s.uri for s in path.uncovered] == [vca.uri]
    by_duration = learning_path(
        occupation=welder,
        have_skill_ids={drawings.id},
        objective="duration",
        languages=["nl"],
        province="BE21",
        max_km=60,
    )
    assert {t.id for t in by_duration.trainings} == {big.id, online.id}
    assert by_duration.total_hours == 80
    home_only = learning_path(
        occupation=welder, have_skill_ids=set(), languages=["nl"], country="BE", cross_border=False
    )
    assert online in home_only.trainings  # online trainings are fine across the border too
    assert "Far away" not in {t.title for t in home_only.trainings}
    assert {s.uri for s in home_only.uncovered} == {vca.uri, drawings.uri}


def test_learning_path_rejects_unknown_objective(taxonomy):
    with pytest.raises(ValidationError, match="cost, duration or count"):
        learning_path(occupation=Occupation.objects.first(), have_skill_ids=set(), objective="fun")


def test_learning_path_never_proposes_a_training_whose_start_dates_have_passed(taxonomy):
    """A cheaper course that started months ago loses to a dearer one still to come; a
    self-paced course (no start dates) stays open."""
    welder = Occupation.objects.get(uri=occupation_uri("welder"))
    (tig,) = _skills("weld-tig")
    today = dt.date(2026, 12, 6)
    TrainingFactory(title="Gestart", cost=Decimal("1"), start_dates=["2026-09-01"], teaches=[tig])
    TrainingFactory(
        title="Ook voorbij",
        cost=Decimal("2"),
        start_dates=["2026-01-10", "2026-12-05"],
        teaches=[tig],
    )
    TrainingFactory(
        title="Nog te gaan",
        cost=Decimal("700"),
        start_dates=["2026-09-01", "2026-12-06"],
        teaches=[tig],
    )
    path = learning_path(occupation=welder, have_skill_ids=set(), today=today)
    assert [t.title for t in path.trainings if tig in path.covers[t.id]] == ["Nog te gaan"]
    later = learning_path(occupation=welder, have_skill_ids=set(), today=dt.date(2026, 12, 7))
    assert tig in later.uncovered
    TrainingFactory(title="Zelfstudie", cost=Decimal("900"), start_dates=[], teaches=[tig])
    later = learning_path(occupation=welder, have_skill_ids=set(), today=dt.date(2026, 12, 7))
    assert [t.title for t in later.trainings if tig in later.covers[t.id]] == ["Zelfstudie"]
