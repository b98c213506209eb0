"""Fixtures of the skills tests: the shipped demo taxonomy and the real ESCO location."""

import os
from pathlib import Path

import pytest

DEMO_TAXONOMY = Path(__file__).resolve().parent.parent / "data" / "demo_taxonomy"
B = "https://kennisbrug.eu/taxonomy/demo/"


def esco_dir() -> Path:
    default = Path(__file__).resolve().parents[5] / "shared" / "data" / "esco"
    return Path(os.environ.get("KENNISBRUG_ESCO_DIR", default))


@pytest.fixture
def taxonomy(db):
    """The demo taxonomy imported through the ESCO importer."""
    from kennisbrug.skills.esco_import import esco_import

    return esco_import(paths=[DEMO_TAXONOMY], version="kennisbrug-demo-1", is_demo=True)


def skill_uri(slug: str) -> str:
    return f"{B}skill/{slug}"


def occupation_uri(slug: str) -> str:
    return f"{B}occupation/{slug}"


@pytest.fixture(autouse=True)
def _english(english_site):
    """Tests assert the English msgids; one test checks the Dutch pages separately."""
