"""Database helpers for writes that must serialise."""

import functools
import random
import time

from django.db import OperationalError, connection

SQLITE_RETRIES = 60


def retry_when_sqlite_locked(function):
    """Retry a whole write transaction that SQLite refused with "locked".

    PostgreSQL queues writers on row locks (select_for_update). SQLite has one
    writer at a time: a file database waits up to its busy timeout, but a
    shared-cache database (the in-memory test database) reports "table is
    locked" at once without waiting. The refused transaction has rolled back and
    changed nothing, so running it again is safe. Never retries inside an outer
    transaction: only the outermost caller can safely start over.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        for attempt in range(SQLITE_RETRIES):
            try:
                return function(*args, **kwargs)
            except OperationalError as exc:
                if (
                    connection.vendor != "sqlite"
                    or "locked" not in str(exc)
                    or connection.in_atomic_block
                    or attempt == SQLITE_RETRIES - 1
                ):
                    raise
                time.sleep(0.01 + random.random() * 0.04)
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper
