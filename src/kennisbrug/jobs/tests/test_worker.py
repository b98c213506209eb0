"""The real queue: a task enqueued here is run by a separate `run_huey` worker process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from huey.contrib.djhuey import HUEY

from kennisbrug.jobs.tasks import ping

SRC = Path(settings.BASE_DIR) / "src"


@pytest.fixture
def real_queue(tmp_path):
    """Immediate mode off: the SQLite queue file the worker reads too."""
    filename = tmp_path / "tasks.sqlite3"
    storage, was_immediate = HUEY.storage, HUEY.immediate
    HUEY._immediate = False
    HUEY.storage = HUEY.create_storage()
    HUEY.storage.filename = str(filename)
    HUEY.storage._conn = None
    HUEY.storage.initialize_schema()
    yield filename
    HUEY.storage, HUEY._immediate = storage, was_immediate


def test_a_worker_process_runs_a_queued_task(real_queue):
    assert type(HUEY).__name__ == "SqliteHuey"
    result = ping("hallo-worker")
    assert HUEY.pending_count() == 1
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="kennisbrug.conf.test",
        KENNISBRUG_TASKS_IMMEDIATE="0",
        KENNISBRUG_TASK_FILE=str(real_queue),
        PYTHONPATH=str(SRC),
    )
    env.pop("REDIS_URL", None)
    worker = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, str(SRC / "manage.py"), "run_huey", "--workers", "1", "--no-periodic"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert result.get(blocking=True, timeout=60) == "hallo-worker"
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode(errors="replace")
    assert "kennisbrug.jobs.tasks.ping" in output
    assert HUEY.pending_count() == 0


def test_the_daily_jobs_are_periodic_tasks():
    from huey import crontab  # noqa: F401 - the schedules are crontabs

    names = {HUEY._registry.task_to_string(t) for t in HUEY._registry._periodic_tasks}
    assert {
        "kennisbrug.vouchers.tasks.vouchers_expire_daily",
        "kennisbrug.innovation.tasks.introductions_expire_daily",
        "kennisbrug.facilities.tasks.bookings_complete_daily",
        "kennisbrug.jobs.tasks.exports_cleanup_daily",
        "kennisbrug.jobs.tasks.failed_tasks_cleanup_daily",
        "kennisbrug.ops.tasks.sessions_clear_daily",
    } <= names


@pytest.mark.django_db
def test_daily_jobs_run_and_are_idempotent():
    from kennisbrug.facilities.tasks import bookings_complete_daily
    from kennisbrug.innovation.tasks import introductions_expire_daily
    from kennisbrug.jobs.tasks import exports_cleanup_daily, failed_tasks_cleanup_daily
    from kennisbrug.ops.tasks import sessions_clear_daily
    from kennisbrug.vouchers.tasks import vouchers_expire_daily

    for job in (
        vouchers_expire_daily,
        introductions_expire_daily,
        bookings_complete_daily,
        exports_cleanup_daily,
        failed_tasks_cleanup_daily,
        sessions_clear_daily,
    ):
        assert job.call_local() == 0
        assert job.call_local() == 0


@pytest.mark.django_db
def test_expired_sessions_are_removed_and_live_ones_kept(client):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from kennisbrug.ops.tasks import sessions_clear_daily

    for key, days in (("old", -1), ("live", 1)):
        Session.objects.create(
            session_key=key, session_data="", expire_date=timezone.now() + timedelta(days=days)
        )
    assert sessions_clear_daily.call_local() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
