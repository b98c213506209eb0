import pytest

from kennisbrug.matching.testing import matching_index  # noqa: F401


@pytest.fixture(autouse=True)
def _english(english):
    """Queue notes are asserted in English (the msgids)."""
