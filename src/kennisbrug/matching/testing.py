"""Test helpers for apps whose tests go through the matching index.

Import the fixture into a test module or conftest:
`from kennisbrug.matching.testing import matching_index  # noqa: F401`.
It gives every test its own index directory and, by default, an engine
without the sentence-embedding model (fast and deterministic); tests that
need the real model set `settings.KENNISBRUG_MATCHING_SEMANTIC = True` via
the `semantic_index` fixture (the model loads once per test session).
"""

import pytest

from . import index


@pytest.fixture(autouse=True)
def matching_index(settings, tmp_path):
    settings.KENNISBRUG_INDEX_DIR = tmp_path / "index"
    settings.KENNISBRUG_MATCHING_SEMANTIC = False
    index.reset()
    yield
    index.reset()


@pytest.fixture
def semantic_index(settings, matching_index):
    settings.KENNISBRUG_MATCHING_SEMANTIC = True
    index.reset()
    yield
    index.reset()
