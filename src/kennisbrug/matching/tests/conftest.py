"""Fixtures for the engine tests: plain pytest, no Django and no database needed."""

import pytest

from kennisbrug.matching.engine import Concept, Document, Engine, UseEmbedder

from .factories import DocumentFactory

CONCEPTS = [
    Concept("ket:robotic-welding", {"nl": "lasrobot", "en": "robotic welding"}, ("welding robot",)),
    Concept("ket:photonics", {"nl": "fotonica", "en": "photonics"}),
    Concept("sector:energy", {"nl": "waterstof", "en": "hydrogen"}, ("energieopslag",)),
    Concept("sector:agrifood", {"nl": "agrovoeding", "en": "agrifood"}, ("voedingsindustrie",)),
]


@pytest.fixture(scope="session")
def use_embedder():
    """The real USE model, loaded once per session (about 2 s)."""
    return UseEmbedder()


def make_docs() -> list[Document]:
    return [
        DocumentFactory(
            id="photonics-be",
            title="Fotonicalab Gent",
            body="Wij bieden lasersnijden van metaal en onderzoek naar fotonica voor kmo's.",
            country="BE",
            nuts3="BE234",
            in_area=True,
            attrs={"available": True, "trl": 5, "tags": ["laser", "optics"]},
        ),
        DocumentFactory(
            id="welding-nl",
            title="Robotic welding cell",
            body="Industrial welding robots and collaborative robots for small manufacturers.",
            country="NL",
            nuts3="NL414",
            in_area=True,
            attrs={"available": True, "trl": 7, "tags": ["robotics"]},
        ),
        DocumentFactory(
            id="bakery-nl",
            title="Bakkerij De Korenschoof",
            body="Ambachtelijk brood en gebak uit eigen bakkerij.",
            country="NL",
            attrs={"available": False, "trl": 9},
        ),
        DocumentFactory(
            kind="facility",
            id="hydrogen-nl",
            title="Hydrogen storage test site",
            body="Testing hydrogen storage in pressurised tanks and pipelines.",
            country="NL",
            nuts3="NL341",
            in_area=True,
            concepts=frozenset({"sector:energy"}),
        ),
        DocumentFactory(
            kind="facility",
            id="hydrogen-be",
            title="Proeftuin waterstofopslag",
            body="Proeven met waterstofopslag in ondergrondse tanks en leidingen.",
            country="BE",
            nuts3="BE251",
            in_area=True,
        ),
        DocumentFactory(
            kind="living_lab",
            id="food-de",
            title="Food innovation living lab",
            body="Agrifood pilots with farmers and the food industry.",
            country="DE",
            concepts=frozenset({"sector:agrifood"}),
        ),
    ]


@pytest.fixture
def docs() -> list[Document]:
    return make_docs()


@pytest.fixture
def engine(use_embedder, docs) -> Engine:
    e = Engine(embedder=use_embedder, concepts=CONCEPTS)
    e.upsert(docs)
    return e


@pytest.fixture
def lexical_engine(docs) -> Engine:
    """No embedder: lexical + concepts only, so rankings are exact and easy to reason about."""
    e = Engine(concepts=CONCEPTS)
    e.upsert(docs)
    return e
