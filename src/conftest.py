"""Shared pytest fixtures: reference data in every test database."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests flush the database; put reference data back for the next test."""
    yield
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        from kennisbrug.core.reference import load_reference_data

        load_reference_data()
