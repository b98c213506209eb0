"""How fast is the indicators page for the whole programme with the demo data at 10x?

    uv run python bench/indicators_speed.py            # SQLite, demo_data --scale 10
    uv run python bench/indicators_speed.py --quick    # scale 2, fewer requests
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb uv run python bench/indicators_speed.py
        # PostgreSQL: a throw-away database DATABASE_TEST_NAME (default test_kb_indicators_bench)
        # is created and dropped; the database in DATABASE_URL is not touched.

Steps: a fresh database, migrations, reference data, `manage.py demo_data --scale N`. Apps
whose models are not on this branch yet contribute nothing to the demo; for those the
benchmark adds *synthetic* activity of a size proportional to the organisations (said
in the output), so the indicator engine is measured at full size anyway.

Measured with Django's test client as the secretariat (p50/p95 over --requests):
  A. /indicators/ with no filters (whole programme; the target is < 500 ms)
  B. /indicators/ with filters (country, period, objective)
Baseline, measured in the same run: all indicators computed the naive way, each with a
fresh context so every indicator re-reads its sources and the organisations (as one
query set per indicator would), against the shared per-request context the page uses.
Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def setup_django(tmp: Path) -> bool:
    """Configure settings and a fresh database; returns True when it is PostgreSQL."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "kennisbrug.conf.test"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    os.environ.setdefault("KENNISBRUG_VAR_DIR", str(tmp))
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if not postgres:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    else:
        os.environ.setdefault("DATABASE_TEST_NAME", "test_kb_indicators_bench")
    import django

    django.setup()
    if postgres:
        from django.db import connection

        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return postgres


def synthetic_activity(rng: random.Random) -> dict[str, int]:
    """Source rows for apps not on this branch, proportional to the demo organisations."""
    from kennisbrug.indicators import sources
    from kennisbrug.indicators.evidence import Context
    from kennisbrug.organisations.constants import OrganisationType
    from kennisbrug.organisations.models import Organisation

    orgs = list(Organisation.objects.values_list("id", "type"))
    ids = [o for o, _t in orgs]
    research = [o for o, t in orgs if t == OrganisationType.KNOWLEDGE_INSTITUTION] or ids
    n = len(ids)
    start = dt.date(2023, 1, 1)

    def day():
        return start + dt.timedelta(days=rng.randrange(1000))

    def two():
        return rng.sample(ids, 2)

    made = {}
    rows = {
        "introductions": lambda: [
            sources.Intro(i, *two(), rng.choice(["accepted", "requested", "declined"]), day())
            for i in range(2 * n)
        ],
        "bookings": lambda: [
            sources.Booking(i, *two(), rng.choice(["approved", "completed", "rejected"]), day())
            for i in range(n)
        ],
        "pilots": lambda: [
            sources.Pilot(
                i,
                f"Pilot {i}",
                rng.choice(ids),
                i % 50,
                rng.choice(research),
                frozenset(rng.sample(ids, 2)),
                rng.choice(["accepted", "completed", "proposed"]),
                (d := day()),
                d + dt.timedelta(days=90),
                rng.choice([True, False]),
            )
            for i in range(n // 5)
        ],
        "vouchers": lambda: [
            sources.Voucher(
                i,
                f"Voucher {i}",
                rng.choice(ids),
                rng.choice(research),
                None,
                rng.choice(["approved", "paid", "rejected", "submitted"]),
                (d := day()),
                d + dt.timedelta(days=120),
            )
            for i in range(n // 2)
        ],
        "ideas": lambda: [
            sources.Idea(
                i,
                f"Idea {i}",
                ids[i % n],
                rng.choice(["ready", "draft"]),
                tuple((o, day()) for o in rng.sample(ids, rng.randint(2, 6))),
            )
            for i in range(n // 10)
        ],
        "networks": lambda: [
            sources.Network(
                i,
                f"Network {i}",
                ids[i % n],
                "cluster",
                tuple((o, day()) for o in rng.sample(ids, rng.randint(5, 30))),
            )
            for i in range(max(1, n // 50))
        ],
        "challenge_awards": lambda: [
            sources.Award(i, f"Challenge {i}", *two(), day()) for i in range(n // 30)
        ],
    }
    ctx = Context()
    for name, make in rows.items():
        if sources.available(name) and getattr(sources, name)(ctx):
            continue
        data = make()
        setattr(sources, name, lambda ctx, data=data: data)
        made[name] = len(data)
    return made


def run_demo(scale: int) -> dict[str, str]:
    """`manage.py demo_data --scale N`, but one app at a time, so that one app's demo failing
    at this scale does not roll back the others (the command runs all in one transaction)."""
    from django.db import transaction

    from kennisbrug.core import demo
    from kennisbrug.core.management.commands.demo_data import SEED

    rng = random.Random(SEED)
    failed = {}
    devnull = open(os.devnull, "w")  # noqa: SIM115
    for generator in demo.generators:
        try:
            with transaction.atomic():
                generator.generate(rng=rng, scale=scale, stdout=devnull)
        except Exception as exc:
            failed[generator.name] = type(exc).__name__
    return failed


def time_requests(client, url: str, params: dict, n: int) -> list[float]:
    client.get(url, params)  # warm-up
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--scale", type=int, default=None)
    parser.add_argument("--requests", type=int, default=None)
    args = parser.parse_args()
    scale = args.scale or (2 if args.quick else 10)
    requests = args.requests or (10 if args.quick else 30)

    with tempfile.TemporaryDirectory() as tmpdir:
        postgres = setup_django(Path(tmpdir))
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        if not postgres:
            call_command("migrate", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        t0 = time.perf_counter()
        failed = run_demo(scale)
        demo_seconds = time.perf_counter() - t0

        from kennisbrug.accounts.models import PlatformRole, User
        from kennisbrug.indicators.evidence import Context, Filters
        from kennisbrug.indicators.registry import all_indicators
        from kennisbrug.indicators.selectors import indicator_result, indicator_results
        from kennisbrug.organisations.models import Organisation

        synthetic = synthetic_activity(random.Random(7))
        user = User.objects.create_user("bench@example.org", platform_role=PlatformRole.SECRETARIAT)
        client = Client()
        client.force_login(user)

        ctx = Context()
        records = {i.code: len(i.evidence(ctx)) for i in all_indicators()}
        print(f"database: {connection.vendor}; demo_data --scale {scale} in {demo_seconds:.1f}s")
        print(f"organisations: {Organisation.objects.count()}")
        for name, error in failed.items():
            print(f"demo of {name} failed at this scale ({error}); its activity is synthetic")
        if synthetic:
            print(
                "synthetic activity (app not on this branch, or its demo made none): "
                + ", ".join(f"{k}={v}" for k, v in synthetic.items())
            )
        print(f"evidence records per indicator: {records}")

        whole = time_requests(client, "/indicators/", {}, requests)
        filtered_params = {
            "country": "BE",
            "date_from": "2024-01-01",
            "date_to": "2024-12-31",
            "objective": "A1",
            "show": "RCO87",
        }
        filtered = time_requests(client, "/indicators/", filtered_params, requests)

        def naive():
            return [
                indicator_result(ctx=Context(), indicator=i, filters=Filters())
                for i in all_indicators()
            ]

        def shared():
            return indicator_results(ctx=Context(), filters=Filters())

        def timed(fn):
            fn()
            out = []
            for _ in range(requests):
                t0 = time.perf_counter()
                fn()
                out.append((time.perf_counter() - t0) * 1000)
            return out

        base, ours = timed(naive), timed(shared)
        print(f"\n{'measurement':58} {'p50 ms':>8} {'p95 ms':>8}")
        for label, values in [
            ("A. page /indicators/, whole programme", whole),
            ("B. page /indicators/, filters (BE, 2024, A1, RCO87)", filtered),
            ("baseline: all figures, fresh context per indicator", base),
            ("all figures, one shared context (what the page does)", ours),
        ]:
            print(f"{label:58} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f}")
        verdict = "meets" if percentile(whole, 95) < 500 else "MISSES"
        print(f"\nwhole-programme page p95 {verdict} the 500 ms target")
        if postgres:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
