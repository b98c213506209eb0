"""Fixtures for the facilities tests."""

import pytest


@pytest.fixture(autouse=True)
def _english_messages(english):
    """Service-level assertions read the English msgids; pages still render in Dutch."""
