"""The matching factories build what the engine and the change log accept."""

import pytest

from kennisbrug.matching.engine import Engine, Query

from .factories import ConceptFactory, DocumentFactory, IndexChangeFactory


def test_document_traits_reach_the_engine():
    inside = DocumentFactory(title="Lasersnijden Gent", in_area=True, country="BE")
    closed = DocumentFactory(title="Lasersnijden Breda", unavailable=True, country="NL")
    engine = Engine(concepts=[ConceptFactory(id="ket:laser", labels={"nl": "lasersnijden"})])
    engine.upsert([inside, closed])
    hits = engine.search(Query("lasersnijden", programme_area_only=True))
    assert [h.id for h in hits] == [inside.id]
    assert closed.attrs == {"available": False} and inside.attrs == {}


@pytest.mark.django_db
def test_index_change_traits():
    for change in (IndexChangeFactory(), IndexChangeFactory(removed=True)):
        change.full_clean()
    assert IndexChangeFactory(rebuild=True).op == "rebuild"
