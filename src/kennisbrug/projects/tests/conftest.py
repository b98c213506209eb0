import pytest

from kennisbrug.projects.fitcheck import checker as checker_module


@pytest.fixture(scope="session")
def fit_checker():
    """The real checker (USE embeddings), built once and installed as the process-wide one."""
    checker = checker_module.get_fit_checker()
    return checker


# Open challenges are matching documents: every test gets its own index.
from kennisbrug.matching.testing import matching_index  # noqa: E402, F401
