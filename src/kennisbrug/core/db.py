"""Serialising writers that must see each other's writes (bookings, budget), on both databases.

PostgreSQL: the services lock the contended row (a facility, a voucher scheme) with SELECT ... FOR UPDATE, so concurrent
requests for one facility queue behind each other. SQLite has no row locks; its IMMEDIATE
transaction mode takes the database write lock at BEGIN and waits up to the configured
timeout. SQLite can still answer "database is locked" (timeout passed) or, with a
shared-cache in-memory database such as the test database, "database table is locked"
at once without waiting. Such an attempt has written nothing (its transaction rolled
back), so it is safe to try again after a short pause.
"""

import functools
import random
import time

from django.db import OperationalError, connection

MAX_WAIT_SECONDS = 30.0


def retry_when_sqlite_locked(func):
    """Retry `func` when SQLite reports a lock, unless running inside an outer transaction.

    Only the outermost caller can safely start over; PostgreSQL errors are never retried.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        waited = 0.0
        attempt = 0
        while True:
            try:
                return func(*args, **kwargs)
            except OperationalError as exc:
                retryable = (
                    connection.vendor == "sqlite"
                    and "locked" in str(exc)
                    and not connection.in_atomic_block
                    and waited < MAX_WAIT_SECONDS
                )
                if not retryable:
                    raise
                pause = min(0.01 * 2**attempt, 0.25) * (0.5 + random.random())
                time.sleep(pause)
                waited += pause
                attempt += 1

    return wrapper
