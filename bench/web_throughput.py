"""Requests per second and latency of the production server on PostgreSQL, demo data ×10.

    make bench-web                                  # PostgreSQL at 127.0.0.1:5432, database kb_bench
    uv run python bench/web_throughput.py --duration 10 --connections 20
    uv run python bench/web_throughput.py --reuse   # keep kb_bench from an earlier run
    uv run python bench/web_throughput.py --reuse --only indicators,booking   # some rows

Steps: a fresh database `kb_bench` (BENCH_DATABASE_URL to change; the database in
DATABASE_URL is never touched), migrations, reference data, `demo_data --scale 10`, the
matching index, static files; then gunicorn with conf/gunicorn.py (production settings,
DEBUG off, WEB_CONCURRENCY workers, default 2) on a free port on 127.0.0.1, and `wrk`
(Debian package `wrk`) against it, one endpoint after another, for --duration seconds each
at --connections connections. Requests carry `X-Forwarded-Proto: https` as the TLS proxy
would send them. API throttles are raised for the run (one client would otherwise be
throttled); everything else is as deployed (deploy/): the shared cache, sessions and task
queue in Redis when one answers at BENCH_REDIS_URL (default redis://127.0.0.1:6379/14, a
database the bench empties), else (or with --cache database) in the database, as `make serve`
keeps them without REDIS_URL.

Between rows the bench waits until the server answers at once again: wrk stops after
--duration seconds, but the sync workers still answer every request it had sent, and a slow
row's backlog would otherwise be measured as the next row's latency (it once left the
booking row with no finished request). The booking row POSTs a different free slot with each
request (prepared from the database, so also with --reuse) and prints its answers per status
code; a 409 (slot taken) or 400 counts in the non-2xx share.

Baseline in the same run: a hello-world Django view (`/bench/hello/`, the whole middleware
stack, no database) served by the same server. Load generator and server share the CPU, so
the figures are pessimistic; nothing is asserted.

Catalogues, searches and the token organisation list are kept rendered per language, query
and audience (kennisbrug.core.fragments), and wrk repeats one URL, so those rows measure the
steady state of a page many visitors read, anonymous or signed in as the secretariat (the
"logged in" rows); what the first request after a change costs is measured one request at a
time by bench/page_profile.py and bench/api_profile.py.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SRC = ROOT / "src"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kb_bench"


# --- the bench's own settings and URLs (imported by the server through PYTHONPATH) --------
def _settings_module(where: Path) -> None:
    (where / "bench_web_settings.py").write_text(
        "from kennisbrug.conf.base import *  # noqa: F403\n"
        "from kennisbrug.conf.base import REST_FRAMEWORK\n"
        'ROOT_URLCONF = "bench_web_urls"\n'
        "# one client sends every request: the per-user match throttle would answer 429\n"
        "REST_FRAMEWORK = {**REST_FRAMEWORK, 'DEFAULT_THROTTLE_RATES': {\n"
        "    **REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'], 'matching': '1000000/min'}}\n",
        encoding="utf-8",
    )
    (where / "bench_web_urls.py").write_text(
        "from django.http import HttpResponse\n"
        "from django.urls import include, path\n\n\n"
        "def hello(request):\n"
        '    return HttpResponse("Hello, world", content_type="text/plain")\n\n\n'
        'urlpatterns = [path("bench/hello/", hello), path("", include("kennisbrug.urls"))]\n',
        encoding="utf-8",
    )


def _env(var: Path, url: str, workers: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_DEBUG", "REDIS_URL", "KENNISBRUG_TASKS_IMMEDIATE", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench_web_settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        KENNISBRUG_VAR_DIR=str(var),
        DJANGO_STATIC_ROOT=str(var / "static"),
        KENNISBRUG_THROTTLE_USER="1000000/min",
        KENNISBRUG_THROTTLE_ANON="1000000/min",
        PYTHONPATH=f"{var}{os.pathsep}{SRC}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_GRACEFUL_TIMEOUT="5",
        LOG_FORMAT="json",
        # the server's request log (one line a request) would cost as much as some pages
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def _redis(url: str) -> bool:
    """Whether Redis answers at `url`; its database is emptied (it is the bench's own)."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        client.flushdb()
    except redis.RedisError:
        return False
    return True


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, str(SRC / "manage.py"), *args], env=env, check=True)


def _database(url: str, *, fresh: bool) -> bool:
    """Create the bench database (dropped first when `fresh`); True when it already had data."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    c = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        host=c.get("HOST") or None,
        port=c.get("PORT") or None,
        user=c.get("USER") or None,
        password=c.get("PASSWORD") or None,
        autocommit=True,
    ) as conn:
        name = sql.Identifier(c["NAME"])
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [c["NAME"]]
        ).fetchone()
        if exists and fresh:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(name))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return bool(exists)


PREPARE = r"""
import json, sys
from datetime import datetime, time, timedelta
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from kennisbrug.accounts import services as accounts
from kennisbrug.accounts.models import User
from kennisbrug.facilities.models import Facility
from kennisbrug.organisations.models import Membership

secretariat = User.objects.filter(platform_role="secretariat", is_active=True).order_by("pk").first()
session = SessionStore()
session[SESSION_KEY] = str(secretariat.pk)
# a backend the settings list, or the session is quietly anonymous
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = secretariat.get_session_auth_hash()
session.create()
member = (
    Membership.objects.filter(status="active", user__is_active=True)
    .select_related("user", "organisation").order_by("pk").first()
)
user = member.user
from kennisbrug.accounts.models import ApiToken
ApiToken.objects.filter(user=user, name="bench").delete()
token = accounts.api_token_create(user=user, name="bench")[1]
# Booking bodies: one-hour slots on weekdays from next month on that the service would accept
# now (open, within the facility's horizon, a tariff for the member's customer class) and that
# no request or booking holds yet, also with --reuse after earlier runs booked some. Ordered
# slot by slot across the facilities, so consecutive requests lock different facility rows.
from django.core.exceptions import ValidationError
from kennisbrug.facilities import booking_rules, selectors as facility_selectors
from kennisbrug.facilities.models import Booking
now = timezone.now()
today = timezone.localdate()
organisation = member.organisation
per_facility, skipped = [], {"no tariff": 0, "no free slot": 0}
for facility in (
    Facility.objects.filter(requires_approval=True, is_published=True)
    .prefetch_related("opening_hours", "tariffs").order_by("pk")
):
    customer_class = facility_selectors.customer_class_for(facility=facility, organisation=organisation)
    if not any(t.customer_class == customer_class for t in facility.tariffs.all()):
        skipped["no tariff"] += 1
        continue
    slots = facility_selectors.facility_slots(facility=facility)
    held = list(
        Booking.objects.filter(facility=facility, status__in=["requested", "approved"], end__gt=now)
        .values_list("start", "end")
    )
    free = []
    for d in range(30, 400):
        day = today + timedelta(days=d)
        if len(free) >= 40:  # 40 a facility: enough rows for any run, quick to prepare
            break
        if day.weekday() >= 5:
            continue
        for hour in (10, 13):
            start = timezone.make_aware(datetime.combine(day, time(hour)))
            end = start + timedelta(hours=1)
            if any(s < end and e > start for s, e in held):
                continue
            try:
                booking_rules.validate_booking_window(
                    start=start, end=end, now=now, slots=slots,
                    min_minutes=facility.min_duration_minutes,
                    max_minutes=facility.max_duration_minutes,
                    lead_hours=facility.lead_time_hours,
                    max_advance_days=facility.max_advance_days,
                )
            except ValidationError:
                continue
            free.append([facility.pk, {"organisation": organisation.pk, "start": start.isoformat(),
                                       "end": end.isoformat(), "purpose": "Bench"}])
    if free:
        per_facility.append(free)
    else:
        skipped["no free slot"] += 1
bodies = []
for i in range(max((len(f) for f in per_facility), default=0)):
    bodies += [free[i] for free in per_facility if i < len(free)]
json.dump({"session_cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
           "token": token, "bookings": bodies[:20000], "booking_facilities": len(per_facility),
           "booking_skipped": skipped}, sys.stdout)
"""


def _prepare(env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, str(SRC / "manage.py"), "shell", "-c", PREPARE],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _lua_post(path: Path, bodies: list[tuple[str, dict]], headers: dict[str, str]) -> int:
    """A wrk script that POSTs `bodies` in turn, each thread its own share (no repeats while
    the rows last), and counts the answers per status code (printed as `statuses: 201=…`).
    Returns the number of rows."""
    rows = ",\n".join(
        f"{{{json.dumps(url)}, {json.dumps(json.dumps(body))}}}" for url, body in bodies
    )
    header_lines = "\n".join(
        f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()
    )
    path.write_text(
        f"""
local rows = {{
{rows}
}}
local counter = 1
local threads = {{}}
statuses = {{}}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
{header_lines}
function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads)
end
function init(args)
  counter = offset + 2 * (tonumber(args[1]) or 0)
end
function request()
  local row = rows[((counter - 1) % #rows) + 1]
  counter = counter + 2
  return wrk.format(nil, row[1], nil, row[2])
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {{}}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {{}}
  for status, n in pairs(total) do
    table.insert(parts, status .. "=" .. n)
  end
  table.sort(parts)
  io.write("statuses: " .. table.concat(parts, " ") .. "\\n")
end
""",
        encoding="utf-8",
    )
    return len(bodies)


def _wrk(base: str, target: str, *, duration: int, connections: int, headers, script=None, skip=0):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    if script:
        args += ["-s", str(script)]
    # `skip`: how many rows each thread starts into the script's list (the warm-up uses rows
    # at the end, which the run does not reach)
    tail = ["--", str(skip)] if script else []
    out = subprocess.run(
        [*args, base + target, *tail], capture_output=True, text=True, check=True
    ).stdout

    def ms(label: str) -> float:
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    statuses = re.search(r"^statuses: (.*)$", out, re.M)
    return {
        "rps": rps,
        "p50": ms("50"),
        "p99": ms("99"),
        "requests": total,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
        "statuses": statuses.group(1).strip() if statuses else "",
    }


def _drain(base: str) -> float:
    """Wait until the server answers at once again; returns the seconds waited.

    When wrk stops it closes its connections, but a sync gunicorn worker still works through
    every request it had already been sent (it notices the closed socket only when it
    writes the answer). After a slow row that backlog can last longer than the next row:
    the booking row once finished no request at all, queued behind the indicators row's."""
    started = time.monotonic()
    while time.monotonic() - started < 300:
        t0 = time.monotonic()
        request = urllib.request.Request(
            base + "/bench/hello/", headers={"X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request, timeout=300):
            pass
        if time.monotonic() - t0 < 0.2:
            break
    return time.monotonic() - started


def _logged_in(base: str, cookie: str) -> bool:
    """Whether the secretariat page answers the bench session itself (not a login redirect)."""
    request = urllib.request.Request(
        base + "/indicators/", headers={"X-Forwarded-Proto": "https", "Cookie": cookie}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status == 200 and response.geturl() == base + "/indicators/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--scale", type=int, default=10, help="demo data scale")
    parser.add_argument("--reuse", action="store_true", help="keep the bench database if present")
    parser.add_argument("--quick", action="store_true", help="scale 1, 3 s per endpoint")
    parser.add_argument(
        "--cache",
        choices=["redis", "database"],
        default="redis",
        help="where the server keeps its shared cache and sessions: Redis (BENCH_REDIS_URL,\n"
        "default redis://127.0.0.1:6379/14, emptied; as deployed) or the database table\n"
        "(as `make serve` without REDIS_URL); redis falls back to database when none answers",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated rows to measure (hello is always measured): home, organisations,\n"
        "facilities, research, labs, trainings, api, search, match, indicators, booking",
    )
    args = parser.parse_args()
    if args.quick:
        args.scale, args.duration = 1, 3
    if shutil.which("wrk") is None:
        print("wrk is not installed (Debian: apt-get install wrk); nothing measured.")
        return 0
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        print("BENCH_DATABASE_URL must be a PostgreSQL URL")
        return 2
    sys.path.insert(0, str(SRC))
    var = ROOT / "var" / "bench-web"
    var.mkdir(parents=True, exist_ok=True)
    _settings_module(var)
    env = _env(var, url, args.workers)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    if args.cache == "redis" and not _redis(redis_url):
        print(f"Redis at {redis_url} does not answer: the cache and sessions are in the database")
        args.cache = "database"
    server_env = dict(env)
    if args.cache == "redis":
        # as deployed (deploy/): shared cache, sessions and the task queue in Redis; the
        # queue under its own name, so the bench's tasks never reach a real worker
        server_env.update(REDIS_URL=redis_url, KENNISBRUG_TASK_QUEUE_NAME="kennisbrug-bench")

    started = time.monotonic()
    try:
        had_data = _database(url, fresh=not args.reuse)
    except Exception as exc:
        print(f"PostgreSQL at {url} cannot be reached ({exc}); nothing measured.")
        return 0
    if not had_data:
        _manage(env, "migrate", "--noinput", "--verbosity", "0")
        # before any data: loading it bumps fragment versions in the cache
        _manage(env, "createcachetable")
        _manage(env, "load_reference_data")
        _manage(env, "demo_data", "--scale", str(args.scale))
    if not had_data or not (var / "index").exists():
        _manage(env, "matching", "rebuild")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    prepared = _prepare(env)
    print(f"database ready in {time.monotonic() - started:.0f} s ({url}, demo data ×{args.scale})")

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (var / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "conf" / "gunicorn.py")],
        env={**server_env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print("the server did not start; see", var / "server.log")
                    return 1
                time.sleep(0.5)
        if not _logged_in(base, prepared["session_cookie"]):
            print("the bench session is not logged in: the logged-in rows would be anonymous")
            return 1
        return _measure(base, var, prepared, args)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        if args.cache == "redis":
            _redis(redis_url)  # the queued notification tasks of the booking row


def _measure(base: str, var: Path, prepared: dict, args) -> int:
    https = {"X-Forwarded-Proto": "https"}
    session = {**https, "Cookie": prepared["session_cookie"]}
    api = {**https, "Authorization": f"Token {prepared['token']}", "Accept": "application/json"}
    tmp = Path(tempfile.mkdtemp(dir=var))
    match_script = tmp / "match.lua"
    questions = ["waterstof opslag", "lasersnijden van roestvrij staal", "digitale tweeling haven"]
    _lua_post(
        match_script,
        [("/api/v1/match/", {"text": q, "limit": 10}) for q in questions],
        {**api},
    )
    booking_script = tmp / "booking.lua"
    booking_rows = _lua_post(
        booking_script,
        [(f"/api/v1/facilities/{pk}/bookings/", body) for pk, body in prepared["bookings"]],
        {**api},
    )
    endpoints = [
        ("hello", "hello-world Django view (baseline)", "/bench/hello/", https, None),
        ("home", "home page", "/", https, None),
        ("organisations", "organisations catalogue", "/organisations/", https, None),
        (
            "organisations",
            "  same, logged in (secretariat)",
            "/organisations/",
            session,
            None,
        ),
        ("facilities", "facilities catalogue", "/facilities/", https, None),
        ("facilities", "  same, logged in (secretariat)", "/facilities/", session, None),
        ("research", "research groups catalogue", "/organisations/research-groups/", https, None),
        ("research", "experts catalogue", "/organisations/experts/", https, None),
        ("research", "  same, logged in (secretariat)", "/organisations/experts/", session, None),
        ("labs", "living labs catalogue", "/facilities/living-labs/", https, None),
        ("trainings", "trainings catalogue", "/skills/trainings/", https, None),
        ("trainings", "  same, logged in (secretariat)", "/skills/trainings/", session, None),
        ("trainings", "vacancies catalogue", "/skills/vacancies/", https, None),
        ("api", "organisations API list", "/api/v1/organisations/", api, None),
        ("search", "search page", "/matching/search/?q=waterstof", https, None),
        (
            "search",
            "  same, logged in (secretariat)",
            "/matching/search/?q=waterstof",
            session,
            None,
        ),
        ("match", "match API (POST)", "/api/v1/match/", api, match_script),
        ("indicators", "indicators page (secretariat)", "/indicators/", session, None),
        ("booking", "booking request (POST)", "/", api, booking_script),
    ]
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - {name for name, *_rest in endpoints}
    if unknown:
        print(f"--only: no row named {', '.join(sorted(unknown))}; nothing measured")
        return 2
    if "booking" in only or not only:
        print(
            f"booking rows: {booking_rows} free one-hour slots on {prepared['booking_facilities']} "
            f"facilities that need approval (left out: {prepared['booking_skipped']}); each "
            "request books a different one, so a 409 means the slot was taken after preparing"
        )
    cores = os.cpu_count()
    print(
        f"gunicorn {args.workers} workers, wrk 2 threads × {args.connections} connections, "
        f"{args.duration} s each, on 127.0.0.1; {cores} cores shared by server, wrk and other jobs; "
        f"cache and sessions in {'Redis' if args.cache == 'redis' else 'the database'}"
    )
    print(
        f"{'endpoint':38} {'req/s':>8} {'× hello':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'non-2xx':>8} {'share':>6}"
    )
    hello = None
    for name, label, path, headers, script in endpoints:
        if only and name not in only and name != "hello":  # the baseline is always measured
            continue
        # the warm-up books from the end of the list, where the run does not reach
        warm_skip = max(0, booking_rows - 400) // 2 if script == booking_script else 9000
        # a short warm-up so every worker has the page's code and queries loaded
        _wrk(base, path, duration=1, connections=4, headers=headers, script=script, skip=warm_skip)
        waited = _drain(base)
        r = _wrk(
            base,
            path,
            duration=args.duration,
            connections=args.connections,
            headers=headers,
            script=script,
        )
        hello = hello or r["rps"]
        ratio = r["rps"] / hello if hello else float("nan")
        share = r["non_2xx"] / r["requests"] if r["requests"] else float("nan")
        notes = []
        if r["statuses"]:
            notes.append(f"answers {r['statuses']}")
        if r["socket_errors"]:
            notes.append(f"socket errors: {r['socket_errors']}")
        if script == booking_script and r["requests"] > booking_rows - 400:
            notes.append("ran past the prepared slots: some requests repeat a slot")
        if waited > 1:
            notes.append(f"waited {waited:.0f} s for the previous row's backlog")
        print(
            f"{label:38} {r['rps']:8.1f} {ratio:8.3f} {r['p50']:8.1f} {r['p99']:8.1f} "
            f"{r['non_2xx']:8d} {share:6.1%}" + ("  " + "; ".join(notes) if notes else ""),
            flush=True,
        )
        # what wrk left queued must not be measured as the next row's latency
        waited = _drain(base)
        if waited > 1:
            print(f"{'':38} (the server worked {waited:.0f} s more on requests wrk had left)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
