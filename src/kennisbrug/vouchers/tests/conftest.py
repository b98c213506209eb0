import pytest

# Every test gets its own matching index (provider suggestions query the engine).
from kennisbrug.matching.testing import matching_index  # noqa: F401


@pytest.fixture(autouse=True)
def _english(english):
    """Service messages are asserted in English (the msgids); Dutch has its own test."""


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded test files go to a temporary MEDIA_ROOT, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
