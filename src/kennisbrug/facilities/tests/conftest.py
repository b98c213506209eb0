"""Fixtures for the facilities tests.

`_reference_data_after_flush` overrides the shared one of src/conftest.py for these tests:
the shared one reloads reference data after a transactional test's flush without
unblocking database access, and misses tests marked django_db(transaction=True).
"""

import pytest


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request, django_db_blocker):
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or bool(marker and marker.kwargs.get("transaction"))
    )
    if transactional:
        from kennisbrug.core.reference import load_reference_data

        with django_db_blocker.unblock():
            load_reference_data()


@pytest.fixture(autouse=True)
def _english_messages():
    """Service-level assertions read the English msgids; pages still render in Dutch."""
    from django.utils import translation

    with translation.override("en"):
        yield
