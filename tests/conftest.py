"""Fixtures for the repository-level tests (e2e, API contract).

src/conftest.py only covers tests under src/, so the reference-data fixtures are
repeated here: the browser flow needs countries and postcodes.
"""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests (live_server) flush the database; reload reference data after."""
    yield
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        from kennisbrug.core.reference import load_reference_data

        load_reference_data()
