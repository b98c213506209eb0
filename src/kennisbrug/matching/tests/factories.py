"""Deterministic factories for the matching engine's documents and concepts and the
index's change log.

`DocumentFactory` builds engine documents (plain objects, no database); traits give
the states a document can be in for ranking: inside the programme area, unavailable.
"""

import factory

from kennisbrug.matching.engine import Concept, Document
from kennisbrug.matching.models import IndexChange, IndexOperation


class ConceptFactory(factory.Factory):
    class Meta:
        model = Concept

    id = factory.Sequence(lambda n: f"sector:test-{n}")
    labels = factory.LazyAttribute(lambda c: {"nl": c.id.split(":")[-1]})
    synonyms = ()


class DocumentFactory(factory.Factory):
    class Meta:
        model = Document

    kind = "provider"
    id = factory.Sequence(lambda n: f"doc-{n}")
    title = factory.Sequence(lambda n: f"Document {n}")
    body = ""
    concepts = frozenset()
    country = None
    nuts3 = None
    in_programme_area = False
    attrs = factory.Dict({})

    class Params:
        in_area = factory.Trait(in_programme_area=True)
        unavailable = factory.Trait(attrs=factory.Dict({"available": False}))


class IndexChangeFactory(factory.django.DjangoModelFactory):
    """A logged index change; `removed` and `rebuild` give the other operations."""

    class Meta:
        model = IndexChange

    version = factory.Sequence(lambda n: n + 1)
    kind = "organisation"
    doc_id = factory.Sequence(str)
    op = IndexOperation.UPSERT

    class Params:
        removed = factory.Trait(op=IndexOperation.REMOVE)
        rebuild = factory.Trait(op=IndexOperation.REBUILD, kind="", doc_id="")
