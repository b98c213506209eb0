"""How registered providers' records become engine documents (see `registry.providers`).

Concept ids are `sector:<code>` and `ket:<code>` (`kennisbrug.core.concepts`);
`concept_lexicon()` builds the engine's lexicon from the reference tables.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Iterator

from kennisbrug.core.concepts import sector_concept, technology_concept
from kennisbrug.core.models import Sector, Technology
from kennisbrug.core.sector_mapping import activity_labels, sectors_in_text

from .engine import Concept, Document, fold
from .registry import providers as registered_providers


def _split(keywords: str) -> list[str]:
    return [k.strip() for k in keywords.split("|") if k.strip()]


def concept_lexicon() -> list[Concept]:
    """Sectors (names, keywords and the NACE activity names mapped to them as synonyms) and
    key technologies as engine concepts."""
    activities = activity_labels()
    concepts = [
        Concept(
            sector_concept(s.code),
            {"nl": s.name_nl, "en": s.name_en or s.name_nl},
            tuple(_split(s.keywords_nl) + _split(s.keywords_en) + list(activities.get(s.code, ()))),
        )
        for s in Sector.objects.all()
    ]
    concepts += [
        Concept(technology_concept(t.code), {"nl": t.name_nl, "en": t.name_en or t.name_nl})
        for t in Technology.objects.all()
    ]
    return concepts


_WORDS = re.compile(r"\w+")


def code_concepts(text: str) -> dict[str, str]:
    """Sector concepts of the NACE/SBI codes written in `text` ("NACE 28.92", "SBI 2893"),
    each with the folded words that named it (the engine credits those query words)."""
    return {
        sector_concept(sector): " ".join(_WORDS.findall(fold(span)))
        for sector, span in sectors_in_text(text).items()
    }


def as_document(item: Document | dict) -> Document:
    if isinstance(item, Document):
        return item
    return Document(
        kind=str(item["kind"]),
        id=str(item["id"]),
        title=str(item.get("title", "")),
        body=str(item.get("body", "") or ""),
        concepts=frozenset(item.get("concepts") or ()),
        country=item.get("country") or None,
        nuts3=item.get("nuts3") or None,
        in_programme_area=bool(item.get("in_programme_area", False)),
        attrs=dict(item.get("attrs") or {}),
    )


def _accepts_ids(func) -> bool:
    return "ids" in inspect.signature(func).parameters


def providers() -> list:
    """The registered providers, in registration order."""
    return list(registered_providers)


def all_documents() -> Iterator[Document]:
    """Every document of every provider (for a full rebuild)."""
    for func in providers():
        for item in func():
            yield as_document(item)


def documents_for(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Document]:
    """The current documents for (kind, id) keys; a key missing from the result is gone."""
    wanted = {(str(k), str(i)) for k, i in keys}
    if not wanted:
        return {}
    ids = sorted({i for _, i in wanted})
    found: dict[tuple[str, str], Document] = {}
    for func in providers():
        items = func(ids=ids) if _accepts_ids(func) else func()
        for item in items:
            doc = as_document(item)
            if doc.key in wanted:
                found[doc.key] = doc
    return found
