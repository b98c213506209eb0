"""What the probes report: /healthz (the process answers) and /readyz (it can serve).

Readiness checks the three things a request needs: the database, this process's matching
index (loaded, or saved on disk for it to load) and the task queue. Each check is cheap
(one query, a file check, two queue counts) and never raises; the body names each check
and, when one fails, the error class only (details go to the log, not to the probe).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import connection

from kennisbrug.jobs import selectors as jobs_selectors
from kennisbrug.matching import index

logger = logging.getLogger(__name__)


def liveness() -> tuple[bool, dict[str, Any]]:
    return True, {"status": "ok"}


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        # a table, not `SELECT 1`: an empty or unmigrated SQLite file would pass that
        cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def check_index() -> dict[str, Any]:
    state = index.status()
    # Without either, the first search would build the whole index inside a request.
    return {"ok": bool(state["loaded"] or state["saved"]), **state}


def check_queue() -> dict[str, Any]:
    state = jobs_selectors.health()
    result = {"ok": bool(state["ok"]), "backend": state.get("backend")}
    if not state["ok"]:
        logger.warning("readiness_queue_failed error=%s", state.get("error"))
        result["error"] = str(state.get("error", "")).split("(", 1)[0]
    return result


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": check_database,
    "index": check_index,
    "queue": check_queue,
}


def readiness() -> tuple[bool, dict[str, Any]]:
    checks: dict[str, dict[str, Any]] = {}
    for name, check in CHECKS.items():
        try:
            checks[name] = check()
        except Exception as exc:
            logger.warning("readiness_check_failed check=%s error=%r", name, exc)
            checks[name] = {"ok": False, "error": type(exc).__name__}
    failed = [name for name, result in checks.items() if not result["ok"]]
    body = {"status": "unavailable" if failed else "ok", "checks": checks, "failed": failed}
    return not failed, body
