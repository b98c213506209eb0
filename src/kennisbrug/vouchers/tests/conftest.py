import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Service messages are asserted in English (the msgids); Dutch has its own test."""
    with translation.override("en"):
        yield
