"""The SQLite lock retry: retried only when it is safe to start over."""

import pytest
from django.db import OperationalError, connection, transaction

from kennisbrug.core.db import retry_when_sqlite_locked


def _flaky(failures: int, message: str = "database table is locked"):
    calls = []

    @retry_when_sqlite_locked
    def write():
        calls.append(1)
        if len(calls) <= failures:
            raise OperationalError(message)
        return "written"

    return write, calls


@pytest.mark.django_db(transaction=True)
def test_a_refused_write_is_retried_on_sqlite_only():
    write, calls = _flaky(failures=2)
    if connection.vendor == "sqlite":
        assert write() == "written" and len(calls) == 3
    else:
        with pytest.raises(OperationalError):
            write()
        assert len(calls) == 1


@pytest.mark.django_db(transaction=True)
def test_other_errors_are_not_retried():
    write, calls = _flaky(failures=1, message="no such table: x")
    with pytest.raises(OperationalError):
        write()
    assert len(calls) == 1


@pytest.mark.django_db(transaction=True)
def test_no_retry_inside_an_outer_transaction():
    write, calls = _flaky(failures=1)
    with pytest.raises(OperationalError), transaction.atomic():
        write()
    assert len(calls) == 1
