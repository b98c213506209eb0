"""One request at a time: CPU, wall time and queries of the indicator pages, exports and API.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_perfind_x10 \
        uv run --frozen python bench/indicators_profile.py [--repeat 5] [--profile /indicators/]

Runs in this process with production settings (DEBUG off, cache in the database, as
`bench/web_throughput.py` serves them) against an existing database that already holds demo
data (e.g. a copy of `kb_bench`, demo data ×10); it logs the first active secretariat user in
with a session (one session row is written) and otherwise only reads. For every URL it prints
the median over --repeat requests of the CPU time of this process (`time.process_time`, less
disturbed by other jobs than wall time), the wall time and the number and time of queries; the
first request of each URL is reported separately (it pays for anything computed once).
`--profile URL` prints the top cProfile entries of one request of that URL.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

URLS = [
    "/indicators/",
    "/indicators/?country=BE&date_from=2024-01-01&date_to=2024-12-31&objective=A1&show=RCO87",
    "/indicators/RCO01/",
    "/indicators/RCO01/export.csv",
    "/indicators/RCO01/export.xlsx",
    "/indicators/region/",
    "/api/v1/indicators/",
    "/api/v1/indicators/RCO01/",
]


def setup(url: str, var: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kennisbrug.conf.base",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1",
        DATABASE_URL=url,
        KENNISBRUG_VAR_DIR=str(var),
        DJANGO_STATIC_ROOT=str(var / "static"),
        DJANGO_LOG_LEVEL="WARNING",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    if not (var / "static" / "staticfiles.json").exists():
        from django.core.management import call_command

        call_command("collectstatic", "--noinput", verbosity=0)


class QueryLog:
    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - t0


def one(client, url: str, headers: dict) -> tuple[float, float, int, float, int]:
    from django.db import connection

    log = QueryLog()
    with connection.execute_wrapper(log):
        c0, w0 = time.process_time(), time.perf_counter()
        response = client.get(url, secure=True, **headers)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    return cpu * 1000, wall * 1000, log.count, log.seconds * 1000, response.status_code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", default="", help="a URL to profile with cProfile")
    parser.add_argument("--url", action="append", default=[], help="URLs (default: all)")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url:
        print("set BENCH_DATABASE_URL to a database with demo data; nothing measured")
        return 0
    var = ROOT / "var" / "bench-indicators"
    var.mkdir(parents=True, exist_ok=True)
    setup(url, var)
    from django.test import Client

    from kennisbrug.accounts import services as accounts
    from kennisbrug.accounts.models import ApiToken, User
    from kennisbrug.organisations.models import Organisation

    user = User.objects.filter(platform_role="secretariat", is_active=True).order_by("pk").first()
    client = Client()
    client.force_login(user)
    # the raw token is never stored: make a new one each run
    ApiToken.objects.filter(user=user, name="bench-indicators").delete()
    secret = accounts.api_token_create(user=user, name="bench-indicators", second_factor=True)[1]
    api = {"HTTP_AUTHORIZATION": f"Token {secret}", "HTTP_ACCEPT": "application/json"}
    print(f"{Organisation.objects.count()} organisations; {url.rsplit('/', 1)[-1]}")
    print(
        f"{'URL':70} {'status':>6} {'first cpu/wall ms':>18} "
        f"{'cpu ms':>8} {'wall ms':>8} {'queries':>8} {'db ms':>7}"
    )
    for target in args.url or URLS:
        headers = api if target.startswith("/api/") else {}
        c = Client() if target.startswith("/api/") else client
        first = one(c, target, headers)
        runs = [one(c, target, headers) for _ in range(args.repeat)]
        med = [statistics.median(r[i] for r in runs) for i in range(4)]
        print(
            f"{target[:70]:70} {first[4]:6d} {first[0]:8.0f}/{first[1]:<9.0f} "
            f"{med[0]:8.1f} {med[1]:8.1f} {med[2]:8.0f} {med[3]:7.1f}",
            flush=True,
        )
    if args.profile:
        headers = api if args.profile.startswith("/api/") else {}
        c = Client() if args.profile.startswith("/api/") else client
        profiler = cProfile.Profile()
        profiler.enable()
        one(c, args.profile, headers)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
