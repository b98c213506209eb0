"""The engine's data: documents in, queries in, hits out, and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AttrValue = str | int | float | bool | list[str]
BORDER_COUNTRIES = frozenset({"BE", "NL"})
MAX_LIMIT = 1_000
MAX_QUERY_CHARS = 2_000


class MatchingError(Exception):
    """Base class of the engine's errors."""


class InvalidQuery(MatchingError, ValueError):
    """The query cannot be run (the web layer answers 400); ``code`` says why."""

    code = "invalid_query"


class EmptyQuery(InvalidQuery):
    """The query text is empty, whitespace or has no letters or digits."""

    code = "empty_query"


class IndexFormatError(MatchingError):
    """A saved index is missing, damaged or of an unsupported format version."""


@dataclass(frozen=True)
class Document:
    """A searchable entity handed over by a domain app; (kind, id) identifies it."""

    kind: str
    id: str
    title: str
    body: str = ""
    concepts: frozenset[str] = frozenset()
    country: str | None = None
    nuts3: str | None = None
    in_programme_area: bool = False
    attrs: dict[str, AttrValue] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "concepts": sorted(self.concepts),
            "country": self.country,
            "nuts3": self.nuts3,
            "in_programme_area": self.in_programme_area,
            "attrs": self.attrs,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        return cls(
            kind=data["kind"],
            id=data["id"],
            title=data["title"],
            body=data.get("body", ""),
            concepts=frozenset(data.get("concepts", ())),
            country=data.get("country"),
            nuts3=data.get("nuts3"),
            in_programme_area=bool(data.get("in_programme_area", False)),
            attrs=dict(data.get("attrs", {})),
        )


@dataclass(frozen=True)
class Query:
    """What to look for and where.

    ``filters`` maps an attribute to a value or a list of accepted values (any
    of them; a list-valued document attribute matches when one element does).
    ``country`` keeps only documents of that country (or countries).
    ``cross_border_from`` is the asker's country: BE/NL documents of the other
    country get the cross-border boost. ``concepts`` are the asker's own
    concept ids (sector, technology) and drive the sector-fit boost.
    """

    text: str
    kinds: tuple[str, ...] | frozenset[str] | None = None
    filters: dict[str, AttrValue | list[AttrValue]] = field(default_factory=dict)
    country: str | tuple[str, ...] | list[str] | None = None
    cross_border_from: str | None = None
    programme_area_only: bool = False
    concepts: frozenset[str] = frozenset()
    limit: int = 10
    offset: int = 0


@dataclass(frozen=True)
class Hit:
    """One result: ``components`` are the unboosted scores, ``explanation`` structured reasons.

    Explanation items are dicts with a ``type``: ``terms`` (values: matched
    query words), ``concepts`` (values: concept ids in query and document),
    ``semantic`` (value: cosine), ``cross_border`` (country), ``programme_area``,
    ``sector_fit`` (values: the asker's concept ids the document shares),
    ``variants`` (values: {concept, query, document}: the same thing in other words).
    ``strong`` is False when the hit is only the closest there is, not a match
    (it covers too little of the question's topic words; see ``EngineConfig``).
    """

    kind: str
    id: str
    score: float
    components: dict[str, float]
    explanation: list[dict[str, Any]]
    strong: bool = True
