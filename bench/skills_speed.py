"""Speed on real ESCO: import time of v1.1.1 and occupation-match p95 latency (goal ≤ 100 ms).

Uses its own throw-away SQLite database (var/bench_skills.sqlite3 unless DATABASE_URL is set).

    uv run python bench/skills_speed.py [--queries 200]
"""

from __future__ import annotations

import argparse
import os
import random
import time

from skills_common import ROOT, require_esco


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="50 queries")
    args = parser.parse_args()
    if args.quick:
        args.queries = min(args.queries, 50)
    esco = require_esco()
    db = ROOT / "var" / "bench_skills.sqlite3"
    db.parent.mkdir(exist_ok=True)
    db.unlink(missing_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.conf.base")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kennisbrug.skills.esco_import import esco_import
    from kennisbrug.skills.models import OccupationSkill
    from kennisbrug.skills.occupation_index import get_index
    from kennisbrug.skills.selectors import occupation_match

    started = time.perf_counter()
    summary = esco_import(paths=[esco / "v1.1.1"])
    first = time.perf_counter() - started
    started = time.perf_counter()
    esco_import(paths=[esco / "v1.1.1"])
    second = time.perf_counter() - started
    print(
        f"import ESCO v1.1.1 (en+nl occupations, {OccupationSkill.objects.count()} relations): "
        f"{first:.1f} s first run, {second:.1f} s re-run (idempotent)"
    )
    started = time.perf_counter()
    get_index()
    print(f"occupation index build: {time.perf_counter() - started:.2f} s")
    rng = random.Random(1)
    pairs = list(OccupationSkill.objects.values_list("occupation_id", "skill__uri"))
    by_occ: dict[int, list[str]] = {}
    for occ, uri in pairs:
        by_occ.setdefault(occ, []).append(uri)
    occs = sorted(by_occ)
    times = []
    for _ in range(args.queries):
        uris = by_occ[rng.choice(occs)]
        sample = rng.sample(uris, min(len(uris), rng.randint(5, 20)))
        t = time.perf_counter()
        occupation_match(skill_uris=sample, limit=20)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p50 = times[len(times) // 2]
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"occupation match over {len(occs)} occupations, {args.queries} queries of 5-20 skills: "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms (goal p95 <= 100 ms)"
    )
    print(summary.attribution)


if __name__ == "__main__":
    main()
