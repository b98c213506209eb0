"""CPU, wall time and queries of token-authenticated API calls, one request at a time.

    uv run python bench/api_profile.py --database postgres://postgres@127.0.0.1:5432/kb_x10 \
        --var var/api-profile --repeat 40
    uv run python bench/api_profile.py ... --profile /api/v1/facilities/   # cProfile, top 30

What the server of `bench/web_throughput.py` runs (its settings module: production settings,
DEBUG off, cache in the database, no Redis, throttles raised), but called in this process
through Django's WSGI handler, so the cost of one request is measured without wrk or gunicorn
sharing the CPU: `time.process_time()` (CPU of this process, little disturbed by other jobs on
the machine), wall time and the number of queries, per request, median and minimum over
--repeat calls after a warm-up. The database must already hold the demo data (e.g.
`manage.py demo_data --scale 10`) and, for the match API, `--var` the matching index built
for it (`manage.py matching rebuild` with KENNISBRUG_VAR_DIR). It writes one API token row
(name "api-profile") for the first active member, so use a copy of the bench database, not
the bench database itself. Nothing is asserted; it prints figures.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

QUESTIONS = ["waterstof opslag", "lasersnijden van roestvrij staal", "digitale tweeling haven"]
GETS = [
    "/api/v1/organisations/",
    "/api/v1/facilities/",
    "/api/v1/research-groups/",
    "/api/v1/experts/",
    "/api/v1/living-labs/",
    "/api/v1/questions/",
]


def _setup(url: str, var: Path, src: Path) -> None:
    from web_throughput import _env, _settings_module

    var.mkdir(parents=True, exist_ok=True)
    _settings_module(var)
    for name in ("REDIS_URL", "KENNISBRUG_TASKS_IMMEDIATE"):
        os.environ.pop(name, None)
    os.environ.update(_env(var, url, 1))  # DEBUG off, the bench's throttle rates
    sys.path.insert(0, str(var))
    sys.path.insert(0, str(src))
    import django

    django.setup()


def _token() -> str:
    from kennisbrug.accounts import services as accounts
    from kennisbrug.accounts.models import ApiToken
    from kennisbrug.organisations.models import Membership

    member = (
        Membership.objects.filter(status="active", user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert member is not None, "no active member: load the demo data first"
    ApiToken.objects.filter(user=member.user, name="api-profile").delete()
    return accounts.api_token_create(user=member.user, name="api-profile")[1]


def _environ(method: str, path: str, token: str | None, body: bytes = b"") -> dict:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_ACCEPT": "application/json",
        "wsgi.url_scheme": "https",  # what gunicorn makes of the proxy's X-Forwarded-Proto
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)),
    }
    if body:
        environ["CONTENT_TYPE"] = "application/json"
    if token:
        environ["HTTP_AUTHORIZATION"] = f"Token {token}"
    return environ


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", required=True, help="PostgreSQL URL with the demo data")
    parser.add_argument("--var", type=Path, default=ROOT / "var" / "api-profile")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", help="a path (or 'match'): print its cProfile instead")
    parser.add_argument("--queries", help="a path (or 'match'): print the SQL of one call")
    parser.add_argument(
        "--src",
        type=Path,
        default=ROOT / "src",
        help="the code to measure, e.g. an earlier commit's: git archive main src | tar -x -C DIR",
    )
    parser.add_argument("--only", nargs="*", help="these paths (or 'match') only")
    args = parser.parse_args()
    _setup(args.database, args.var.resolve(), args.src.resolve())

    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.http import HttpResponse
    from django.urls import include, path

    urls = types.ModuleType("api_profile_urls")
    urls.urlpatterns = [  # type: ignore[attr-defined]
        path("bench/hello/", lambda request: HttpResponse("Hello, world", "text/plain")),
        path("", include("kennisbrug.urls")),
    ]
    sys.modules["api_profile_urls"] = urls
    from django.conf import settings

    settings.ROOT_URLCONF = "api_profile_urls"
    app = get_wsgi_application()
    token = _token()
    bodies = [json.dumps({"text": q, "limit": 10}).encode() for q in QUESTIONS]

    def call(target: str, i: int, sql: list[str] | None = None) -> tuple[int, int]:
        if target == "match":
            environ = _environ("POST", "/api/v1/match/", token, bodies[i % len(bodies)])
        elif target == "/bench/hello/":
            environ = _environ("GET", target, None)
        else:
            environ = _environ("GET", target, token)
        count = 0

        def counting(execute, query, params, many, context):
            nonlocal count
            count += 1
            if sql is not None:
                sql.append(query)
            return execute(query, params, many, context)

        status = []
        with connection.execute_wrapper(counting):
            body = app(environ, lambda s, h, exc_info=None: status.append(s))
            b"".join(body)
            if hasattr(body, "close"):
                body.close()
        return int(status[0].split()[0]), count

    targets = args.only or ["/bench/hello/", *GETS, "match"]
    if args.queries:
        call(args.queries, 0)
        sql: list[str] = []
        status, _count = call(args.queries, 1, sql)
        print(f"{args.queries}: {status}, {len(sql)} queries")
        for q in sql:
            print(" ", q[:300])
        return 0
    if args.profile:
        for i in range(5):
            call(args.profile, i)
        profiler = cProfile.Profile()
        profiler.enable()
        for i in range(args.repeat):
            call(args.profile, i)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        print(f"{args.profile}: cProfile over {args.repeat} calls")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        return 0
    print(f"one request at a time, {args.repeat} calls each after 5 warm-up calls; ms per call")
    print(
        f"{'request':34} {'status':>6} {'CPU med':>8} {'CPU min':>8} {'wall med':>9} {'queries':>8}"
    )
    for target in targets:
        for i in range(5):
            call(target, i)
        cpu, wall, queries, statuses = [], [], [], set()
        for i in range(args.repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            status, count = call(target, i)
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
            queries.append(count)
            statuses.add(status)
        label = "POST /api/v1/match/" if target == "match" else f"GET {target}"
        print(
            f"{label:34} {','.join(map(str, sorted(statuses))):>6} {statistics.median(cpu):8.2f} "
            f"{min(cpu):8.2f} {statistics.median(wall):9.2f} {max(queries):8d}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
