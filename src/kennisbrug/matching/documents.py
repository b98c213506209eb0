"""The registry of document providers: how database records become engine documents.

A provider is a callable found by dotted path in `PROVIDERS`. It is called as
`provider(ids=None)` and yields engine `Document`s or plain dicts with the keys
kind, id, title, body, concepts, country, nuts3, in_programme_area, attrs.
With `ids` (strings) it yields only those records (those it still wants
indexed); a provider without an `ids` parameter is called without it and its
output is filtered here. Apps add one line to `PROVIDERS` to become searchable
and call `kennisbrug.matching.index.document_changed` after commit on writes.

Concept ids are `sector:<code>` and `ket:<code>`; `concept_lexicon()` builds
the engine's lexicon from the reference tables.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from functools import cache

from django.utils.module_loading import import_string

from kennisbrug.core.models import Sector, Technology

from .engine import Concept, Document

PROVIDERS: list[str] = [
    "kennisbrug.matching.documents.organisation_documents",
    "kennisbrug.innovation.documents.question_documents",
    "kennisbrug.facilities.documents.facility_provider",
    "kennisbrug.facilities.documents.living_lab_provider",
    "kennisbrug.projects.documents.challenge_documents",
]

ORGANISATION = "organisation"


def sector_concept(code: str) -> str:
    return f"sector:{code}"


def technology_concept(code: str) -> str:
    return f"ket:{code}"


def _split(keywords: str) -> list[str]:
    return [k.strip() for k in keywords.split("|") if k.strip()]


def concept_lexicon() -> list[Concept]:
    """Sectors (names + keywords as synonyms) and key technologies as engine concepts."""
    concepts = [
        Concept(
            sector_concept(s.code),
            {"nl": s.name_nl, "en": s.name_en or s.name_nl},
            tuple(_split(s.keywords_nl) + _split(s.keywords_en)),
        )
        for s in Sector.objects.all()
    ]
    concepts += [
        Concept(technology_concept(t.code), {"nl": t.name_nl, "en": t.name_en or t.name_nl})
        for t in Technology.objects.all()
    ]
    return concepts


def organisation_documents(ids: Iterable[str] | None = None) -> Iterator[Document]:
    """Every organisation as a document: what it is, knows and offers."""
    from kennisbrug.organisations.models import Organisation

    qs = Organisation.objects.select_related("nuts3", "nuts3__province").prefetch_related(
        "sectors", "technologies"
    )
    if ids is not None:
        qs = qs.filter(pk__in=[int(i) for i in ids if str(i).isdigit()])
    for org in qs.iterator(chunk_size=500):
        sectors = sorted(s.code for s in org.sectors.all())
        technologies = sorted(t.code for t in org.technologies.all())
        body = "\n".join(p for p in (org.description, org.expertise, org.offers) if p)
        yield Document(
            kind=ORGANISATION,
            id=str(org.pk),
            title=org.name,
            body=body,
            concepts=frozenset(
                [sector_concept(c) for c in sectors] + [technology_concept(c) for c in technologies]
            ),
            country=org.country_id,
            nuts3=org.nuts3_id,
            in_programme_area=org.in_programme_area,
            attrs={
                "type": org.type,
                "size_class": org.size_class,
                "province": org.nuts3.province_id if org.nuts3 and org.nuts3.province_id else "",
                "sectors": sectors,
                "technologies": technologies,
            },
        )


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


@cache
def _provider(path: str):
    func = import_string(path)
    accepts_ids = "ids" in inspect.signature(func).parameters
    return func, accepts_ids


def providers() -> list[str]:
    return list(PROVIDERS)


def all_documents() -> Iterator[Document]:
    """Every document of every provider (for a full rebuild)."""
    for path in providers():
        func, _ = _provider(path)
        for item in func():
            yield as_document(item)


def documents_for(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Document]:
    """The current documents for (kind, id) keys; a key missing from the result is gone."""
    wanted = {(str(k), str(i)) for k, i in keys}
    if not wanted:
        return {}
    ids = sorted({i for _, i in wanted})
    found: dict[tuple[str, str], Document] = {}
    for path in providers():
        func, accepts_ids = _provider(path)
        items = func(ids=ids) if accepts_ids else func()
        for item in items:
            doc = as_document(item)
            if doc.key in wanted:
                found[doc.key] = doc
    return found
