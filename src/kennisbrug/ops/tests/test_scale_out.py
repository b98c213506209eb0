"""Scale out: two application servers and a task worker on one PostgreSQL database stay consistent.

Two gunicorn servers (production settings, DEBUG off, two workers each) and one Huey worker
run as separate processes on this test's PostgreSQL database. An organisation created
through server A is found by a search through server B (B replays the index change log the
worker wrote), and the booking and voucher-budget races run over HTTP against both servers
at once: one booking per slot, not one euro over budget. PostgreSQL only: SQLite is one
file on one machine, which is not what scaling out means.
"""

# ruff: noqa: S310, S603 - requests go to the servers this test started on 127.0.0.1

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from kennisbrug.accounts import services as accounts
from kennisbrug.facilities.models import Booking
from kennisbrug.facilities.tests.factories import FacilityFactory, next_weekday
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.vouchers import selectors as vouchers
from kennisbrug.vouchers.constants import ApplicationStatus, LedgerKind
from kennisbrug.vouchers.models import Application, LedgerEntry
from kennisbrug.vouchers.tests.factories import Cast

from .production import SRC, production_env

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="scale-out runs several servers on one shared database: PostgreSQL only "
        "(run with DATABASE_URL=postgres://…)",
    ),
    pytest.mark.django_db(transaction=True),
]
BASE = Path(settings.BASE_DIR)
RACERS = 12
START_TIMEOUT = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _request(base: str, method: str, path: str, *, token: str = "", body=None):
    """(status, parsed JSON or None) over HTTP, as the TLS proxy in front would forward it."""
    headers = {"X-Forwarded-Proto": "https", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        return status, None


class Cluster:
    """Servers A and B and a task worker, each its own process group."""

    PRODUCTION_CACHE = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kennisbrug_cache",
        }
    }
    MANIFEST = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.env = production_env(
            tmp_path,
            DATABASE_URL=_database_url(),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_STATIC_ROOT=str(tmp_path / "static"),
            # the servers are the test's only users: no throttling in the races
            KENNISBRUG_THROTTLE_USER="100000/min",
            KENNISBRUG_THROTTLE_ANON="100000/min",
            KENNISBRUG_TASK_RETRY_DELAY="1",
            WEB_CONCURRENCY="2",
            GUNICORN_TIMEOUT="60",
            GUNICORN_GRACEFUL_TIMEOUT="5",
            LOG_FORMAT="json",
            # Lexical matching only: the replay of the change log is the same with or
            # without the embedding model, and loading it in three processes at once
            # would make this test wait a minute for nothing it checks.
            KENNISBRUG_MATCHING_SEMANTIC="0",
        )
        self.processes: list[tuple[str, subprocess.Popen, Path]] = []
        self.bases: list[str] = []

    def _spawn(self, name: str, args: list[str], **env: str) -> None:
        log = self.tmp / f"{name}.log"
        process = subprocess.Popen(
            [sys.executable, *args],
            env={**self.env, **env},
            cwd=BASE,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process, log))

    def start(self) -> None:
        # What scripts/serve does before gunicorn (the test database is migrated already),
        # here in this process: the cache table, and the static files with their manifest
        # (uncompressed: the servers read the same manifest, only faster to write).
        with override_settings(CACHES=self.PRODUCTION_CACHE):
            call_command("createcachetable", verbosity=0)
        with override_settings(
            STATIC_ROOT=self.tmp / "static",
            STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": self.MANIFEST}},
        ):
            call_command("collectstatic", interactive=False, verbosity=0)
        for name in ("a", "b"):
            port = _free_port()
            self._spawn(
                f"server-{name}",
                ["-m", "gunicorn", "--config", str(BASE / "conf" / "gunicorn.py")],
                GUNICORN_BIND=f"127.0.0.1:{port}",
            )
            self.bases.append(f"http://127.0.0.1:{port}")
        self._spawn("worker", [str(SRC / "manage.py"), "run_huey", "--workers", "2"])
        deadline = time.monotonic() + START_TIMEOUT
        for base in self.bases:
            while _request_quietly(base, "/healthz") != 200:
                self._assert_running()
                assert time.monotonic() < deadline, self.logs("servers did not start")
                time.sleep(0.5)

    def _assert_running(self) -> None:
        for name, process, _log in self.processes:
            assert process.poll() is None, self.logs(f"{name} stopped")

    def logs(self, why: str) -> str:
        tails = [f"--- {name}\n" + log.read_text()[-3000:] for name, _p, log in self.processes]
        return why + "\n" + "\n".join(tails)

    def stop(self) -> None:
        for _name, process, _log in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _name, process, _log in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _request_quietly(base: str, path: str) -> int:
    try:
        return _request(base, "GET", path)[0]
    except OSError:
        return 0


@pytest.fixture
def cluster(tmp_path):
    servers = Cluster(tmp_path)
    try:
        servers.start()
        yield servers
    finally:
        # before the test's flush, so no server holds a connection to the database
        servers.stop()


def _token(user, *, second_factor: bool = False) -> str:
    return accounts.api_token_create(user=user, name="scale-out test", second_factor=second_factor)[
        1
    ]


def _concurrently(calls):
    """Run the calls at the same moment, one thread each; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as exc:  # asserted by the caller, with its reason
            results[i] = (0, repr(exc))

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_servers_on_one_database_stay_consistent(cluster):
    a, b = cluster.bases

    # --- a write through A is found by a search through B -------------------------------
    creator = MembershipFactory().user
    token = _token(creator)
    name = "Schaalproef Getijdenlab Vlissingen"
    status, created = _request(
        a,
        "POST",
        "/api/v1/organisations/",
        token=token,
        body={
            "name": name,
            "type": "sme",
            "country": "NL",
            "postcode": "5611",
            "description": "Getijdenenergie",
        },
    )
    assert status == 201, json.dumps(created)
    found = None
    deadline = time.monotonic() + 30
    while found is None and time.monotonic() < deadline:
        status, answer = _request(
            b,
            "POST",
            "/api/v1/match/",
            token=token,
            body={"text": "Getijdenlab Vlissingen", "kinds": ["organisation"], "limit": 5},
        )
        assert status == 200, answer
        titles = [hit.get("title") for hit in answer["results"]]
        found = name if name in titles else None
        if found is None:
            time.sleep(0.5)
    assert found == name, cluster.logs("server B never found what server A wrote")

    # --- the booking race, half the requests through each server ------------------------
    facility = FacilityFactory(requires_approval=False)
    members = [MembershipFactory(organisation=OrganisationFactory()) for _ in range(RACERS)]
    start = next_weekday(2, 9)

    def book(i, membership, member_token):
        offset = timedelta(minutes=15 * (i % 3))
        return _request(
            (a, b)[i % 2],
            "POST",
            f"/api/v1/facilities/{facility.pk}/bookings/",
            token=member_token,
            body={
                "organisation": membership.organisation.pk,
                "start": (start + offset).isoformat(),
                "end": (start + offset + timedelta(hours=2)).isoformat(),
                "purpose": "Race",
            },
        )

    tokens = [_token(m.user) for m in members]
    outcomes = _concurrently(
        [
            lambda i=i, m=m, t=t: book(i, m, t)
            for i, (m, t) in enumerate(zip(members, tokens, strict=True))
        ]
    )
    statuses = sorted(status for status, _body in outcomes)
    assert statuses == [201] + [409] * (RACERS - 1), outcomes
    assert Booking.objects.filter(facility=facility).count() == 1

    # --- the voucher budget race: 5,500 left, twelve approvals of 1,000 -----------------
    cast = Cast(
        total_budget=Decimal("10000.00"),
        min_amount=Decimal("500.00"),
        max_amount=Decimal("4500.00"),
        max_vouchers_per_applicant=1,
    )
    cast.advance(
        cast.draft(requested_amount=Decimal("4500.00"), quote_amount=Decimal("7000")),
        ApplicationStatus.APPROVED,
    )
    racers = []
    for i in range(RACERS):
        applicant = OrganisationFactory(name=f"Racer {i}", kbo_number=f"{i:010d}")
        MembershipFactory(organisation=applicant)
        other = Cast(scheme=cast.scheme, applicant=applicant)
        draft = other.draft(requested_amount=Decimal("1000.00"), quote_amount=Decimal("2000"))
        racers.append(other.advance(draft, ApplicationStatus.REVIEWED))
    # staff decide only with a token made after their code was confirmed
    approver_token = _token(cast.approver, second_factor=True)
    outcomes = _concurrently(
        [
            lambda i=i, app=app: _request(
                (a, b)[i % 2],
                "POST",
                f"/api/v1/vouchers/applications/{app.pk}/transitions/",
                token=approver_token,
                body={"action": "approve"},
            )
            for i, app in enumerate(racers)
        ]
    )
    statuses = sorted(status for status, _body in outcomes)
    assert statuses.count(200) == 5, outcomes
    assert all(status in (400, 409) for status in statuses if status != 200), outcomes
    totals = vouchers.scheme_totals(scheme=cast.scheme)
    assert totals["committed"] + totals["disbursed"] <= cast.scheme.total_budget
    assert totals["committed"] == Decimal("9500.00")
    assert LedgerEntry.objects.filter(kind=LedgerKind.COMMITMENT).count() == 6
    assert Application.objects.filter(status=ApplicationStatus.APPROVED).count() == 6
