"""Consortium builder: CP-SAT vs a greedy baseline on a generated 10k-organisation registry.

    uv run python bench/projects_consortium.py [--quick] [--size 10000] [--seeds 5]

The registry is generated in memory (no database) from the shipped reference data:
real NUTS3 regions and provinces, the ten priority sectors with their keywords, the key
technologies. Each scenario asks for sector, technology and free-text competences under
the A1 constraints (both countries, >= 2 SMEs, >= 1 knowledge institution, max size) or
the cluster constraints (triple helix). Printed per scenario: objective, the solver's
bound, the gap, time (scoring + model + solve; index build reported separately) and
greedy's objective and time.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.conf.test")
import django  # noqa: E402

django.setup()

from kennisbrug.projects.consortium import (  # noqa: E402
    Candidate,
    Constraints,
    Registry,
    Requirement,
    greedy,
    propose,
)
from kennisbrug.projects.fitcheck.programme import load_programme  # noqa: E402

TYPES = [
    ("sme", 60),
    ("large_enterprise", 8),
    ("knowledge_institution", 10),
    ("government", 10),
    ("intermediary", 7),
    ("other", 5),
]
EXPERTISE = [
    "prototyping",
    "testing and validation",
    "data analysis",
    "software development",
    "pilot production",
    "market research",
    "process optimisation",
    "materials testing",
    "sensor integration",
    "machine learning",
    "life cycle assessment",
    "certification",
    "product design",
    "vision systems",
    "supply chain",
]


def generate(n: int, seed: int) -> list[Candidate]:
    rng = random.Random(seed)
    prog = load_programme()
    regions = [r for r in prog.regions.values() if r.country in ("BE", "NL")]
    sectors = list(prog.sectors)
    techs = list(prog.technologies)
    types = [t for t, w in TYPES for _ in range(w)]
    out = []
    for i in range(n):
        region = rng.choice(regions)
        secs = rng.sample(sectors, rng.randint(1, 3))
        tech = rng.sample(techs, rng.randint(0, 2))
        words = []
        for s in secs:
            kws = prog.sectors[s][2]
            words += rng.sample(list(kws), min(4, len(kws)))
        words += rng.sample(EXPERTISE, 3)
        out.append(
            Candidate(
                id=i + 1,
                name=f"Org {i + 1}",
                type=rng.choice(types),
                country=region.country,
                nuts3=region.code,
                province=region.province_nl,
                in_programme_area=region.in_programme_area,
                flemish=region.flemish,
                sectors=frozenset(secs),
                technologies=frozenset(tech),
                text="; ".join(words),
            )
        )
    return out


SCENARIOS = [
    (
        "A1 photonics food",
        [
            Requirement("sector", "agrofood"),
            Requirement("sector", "fotonica"),
            Requirement("technology", "ket2018-artificial-intelligence"),
            Requirement("text", "machine vision quality control of food"),
            Requirement("text", "pilot production and testing and validation"),
        ],
        Constraints(
            max_size=6,
            min_smes=2,
            min_knowledge=1,
            preferred_provinces=("Zeeland", "Oost-Vlaanderen"),
        ),
    ),
    (
        "A1 hydrogen chemistry",
        [
            Requirement("sector", "duurzame-chemie"),
            Requirement("sector", "duurzame-energie"),
            Requirement("text", "groene waterstof elektrolyse"),
            Requirement("text", "life cycle assessment"),
            Requirement("technology", "crit2023-energy"),
            Requirement("text", "procesintensivering en katalyse"),
        ],
        Constraints(max_size=5, min_smes=2, min_knowledge=1, preferred_provinces=("Antwerpen",)),
    ),
    (
        "cluster robotics (helix)",
        [
            Requirement("technology", "crit2023-robotics-autonomous-systems"),
            Requirement("sector", "slimme-maakindustrie"),
            Requirement("text", "cobots and flexible production"),
            Requirement("text", "certification"),
        ],
        Constraints(
            max_size=8, min_smes=1, min_knowledge=1, triple_helix=True, programme_area_only=True
        ),
    ),
    (
        "tight: 8 needs, size 4",
        [
            Requirement("sector", s)
            for s in (
                "agrofood",
                "fotonica",
                "logistiek",
                "water-blue-economy",
                "life-sciences-health",
                "duurzame-energie",
            )
        ]
        + [Requirement("text", "digital twin"), Requirement("text", "market research")],
        Constraints(max_size=4, min_smes=2, min_knowledge=1),
    ),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    size = 2_000 if args.quick else args.size
    print(
        f"registry size {size}; time limit 1.5 s; HiGHS (default) and CP-SAT (2 workers, greedy hint)"
    )
    print(
        f"{'scenario':<26}{'seed':>5}{'highs obj':>10}{'bound':>8}{'gap':>7}{'status':>9}{'time s':>7}"
        f"{'cpsat obj':>10}{'gap':>7}{'time s':>7}{'greedy':>8}{'time s':>7}{'greedy/best':>12}"
    )
    worst_gap, worst_time, worst_cp = 0.0, 0.0, 0.0
    for seed in range(args.seeds):
        t = time.perf_counter()
        registry = Registry(generate(size, seed))
        build = time.perf_counter() - t
        for name, reqs, cons in SCENARIOS:
            p = propose(registry, reqs, cons)
            cp = propose(registry, reqs, cons, solver="cp-sat")
            g = greedy(registry, reqs, cons)
            worst_gap, worst_time = max(worst_gap, p.gap), max(worst_time, p.seconds)
            worst_cp = max(worst_cp, cp.gap) if cp.status != "infeasible" else worst_cp
            ratio = (
                f"{g.objective / p.objective:.3f}"
                if p.objective and g.status != "infeasible"
                else "fail"
            )
            print(
                f"{name:<26}{seed:>5}{p.objective:>10.0f}{p.bound:>8.0f}{p.gap:>7.2%}{p.status:>9}"
                f"{p.seconds:>7.2f}{cp.objective:>10.0f}{cp.gap:>7.2%}{cp.seconds:>7.2f}"
                f"{g.objective:>8.0f}{g.seconds:>7.3f}{ratio:>12}"
            )
        print(f"  (seed {seed}: registry index built in {build:.1f} s)")
    print(f"\nHiGHS: worst gap to its bound {worst_gap:.3%}; slowest proposal {worst_time:.2f} s")
    print(
        f"CP-SAT: worst gap to its bound when it returned a solution {worst_cp:.3%} (timeouts shown above)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
