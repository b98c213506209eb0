"""Matching for people: validated filters in, hits with objects and readable reasons out.

`match()` is the one entry point for pages, the API and the CLI. It checks the
filters against the reference data, turns the asking organisation into the
engine's cross-border and sector-fit inputs, and renders the engine's
structured explanation into translated sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Value
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kennisbrug.core import fragments
from kennisbrug.core.concepts import sector_concept, technology_concept
from kennisbrug.core.models import Country, Sector, Technology

from . import index, registry
from .engine import InvalidQuery, Query
from .engine.documents import BORDER_COUNTRIES, MAX_QUERY_CHARS
from .engine.variants import shipped_variants

MAX_LIMIT = 100


class _KindLabels(Mapping):
    """Every kind of document the platform indexes -> its label, as the apps registered them."""

    def __getitem__(self, kind: str):
        found = registry.kinds.get(kind)
        if found is None:
            raise KeyError(kind)
        return found.label

    def __iter__(self) -> Iterator[str]:
        return iter(registry.kinds.names())

    def __len__(self) -> int:
        return len(registry.kinds)


KIND_LABELS: Mapping[str, Any] = _KindLabels()


def provider_kinds() -> tuple[str, ...]:
    """Kinds that can answer an innovation question (providers of knowledge)."""
    return tuple(k.name for k in registry.kinds if k.answers_questions)


FILTER_NAMES = frozenset(
    {"kind", "country", "cross_border", "programme_area", "sector", "organisation_type"}
)


@dataclass
class MatchResult:
    kind: str
    id: str
    score: float
    title: str
    summary: str
    url: str | None
    country: str | None
    reasons: list[str]
    explanation: list[dict[str, Any]]
    components: dict[str, float]
    object: Any = None
    attrs: dict[str, Any] = field(default_factory=dict)
    strong: bool = True  # False: only the closest there is, not a match for the question

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    values = value if isinstance(value, list | tuple | set | frozenset) else [value]
    out: list[str] = []
    for v in values:
        if not isinstance(v, str | int) or isinstance(v, bool):
            raise ValidationError(_("Filter values must be text."))
        out.extend(p.strip() for p in str(v).split(",") if p.strip())
    return out


def _as_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if value in (None, ""):
        return False
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValidationError(_("Use true or false."))


def validate_filters(filters: dict | None) -> dict[str, Any]:
    """Clean user filters; raises ValidationError (per field) on unknown names or values."""
    filters = dict(filters or {})
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(filters) - FILTER_NAMES)
    for name in unknown:
        errors[str(name)[:40]] = [_("Unknown filter.")]
    clean: dict[str, Any] = {}

    def check(name, func):
        try:
            clean[name] = func(filters.get(name))
        except ValidationError as exc:
            errors[name] = exc.messages

    def kinds(value):
        values = _as_list(value)
        bad = [v for v in values if v not in KIND_LABELS]
        if bad:
            raise ValidationError(_("Unknown kind: %(values)s.") % {"values": ", ".join(bad)})
        return values

    def countries(value):
        values = [v.upper() for v in _as_list(value)]
        known = set(Country.objects.filter(code__in=values).values_list("code", flat=True))
        bad = [v for v in values if v not in known]
        if bad:
            raise ValidationError(_("Unknown country: %(values)s.") % {"values": ", ".join(bad)})
        return values

    def sectors(value):
        values = _as_list(value)
        known = set(Sector.objects.filter(code__in=values).values_list("code", flat=True))
        bad = [v for v in values if v not in known]
        if bad:
            raise ValidationError(_("Unknown sector: %(values)s.") % {"values": ", ".join(bad)})
        return values

    def org_types(value):
        values = _as_list(value)
        known = {value for value, _label in registry.choices_of("organisation_type")}
        bad = [v for v in values if v not in known]
        if bad:
            raise ValidationError(
                _("Unknown organisation type: %(values)s.") % {"values": ", ".join(bad)}
            )
        return values

    check("kind", kinds)
    check("country", countries)
    check("sector", sectors)
    check("organisation_type", org_types)
    check("cross_border", _as_bool)
    check("programme_area", _as_bool)
    if errors:
        raise ValidationError(errors)
    return clean


def validate_text(text) -> str:
    if not isinstance(text, str) or not any(ch.isalnum() for ch in text):
        raise ValidationError({"text": [_("Type a few words to search for.")]})
    if len(text) > MAX_QUERY_CHARS:
        raise ValidationError(
            {
                "text": [
                    _("The search text is too long (at most %(max)s characters).")
                    % {"max": MAX_QUERY_CHARS}
                ]
            }
        )
    return text


def organisation_concepts(organisation) -> frozenset[str]:
    if organisation is None:
        return frozenset()
    # Both tag lists in one query of the link tables (a match call asks this every time).
    sectors = (
        organisation.sectors.through.objects.filter(organisation_id=organisation.pk)
        .annotate(tag=Value("sector"))
        .values_list("tag", "sector_id")
    )
    technologies = (
        organisation.technologies.through.objects.filter(organisation_id=organisation.pk)
        .annotate(tag=Value("technology"))
        .values_list("tag", "technology_id")
    )
    return frozenset(
        sector_concept(code) if tag == "sector" else technology_concept(code)
        for tag, code in sectors.union(technologies, all=True)
    )


def match(
    *,
    text: str,
    kinds: Iterable[str] | None = None,
    filters: dict | None = None,
    asker_organisation=None,
    concepts: Iterable[str] | None = None,
    exclude: Iterable[tuple[str, str]] = (),
    limit: int = 10,
    offset: int = 0,
) -> list[MatchResult]:
    """Ranked, explained hits for `text`.

    `kinds` limits the document kinds (a `kind` filter narrows it further);
    `filters` are user filters (see FILTER_NAMES); `asker_organisation` gives
    the cross-border reference country, sector fit and is itself never a hit;
    `concepts` (sector:/ket: ids) override the asker's concepts for sector fit.
    Raises ValidationError on empty or too long text, unknown filters or values.
    """
    text = validate_text(text)
    clean = validate_filters(filters)
    if not 1 <= int(limit) <= MAX_LIMIT or not 0 <= int(offset) <= 10_000:
        raise ValidationError({"limit": [_("Ask for between 1 and 100 results.")]})
    wanted_kinds = list(kinds) if kinds is not None else None
    if wanted_kinds is not None:
        bad = [str(k)[:40] for k in wanted_kinds if k not in KIND_LABELS]
        if bad:
            raise ValidationError(
                {"kinds": [_("Unknown kind: %(values)s.") % {"values": ", ".join(bad)}]}
            )
    if clean.get("kind"):
        wanted_kinds = [k for k in clean["kind"] if wanted_kinds is None or k in wanted_kinds]
        if not wanted_kinds:
            return []
    asker_country = getattr(asker_organisation, "country_id", None)
    countries = clean.get("country") or None
    if clean.get("cross_border"):
        if asker_country not in BORDER_COUNTRIES:
            raise ValidationError(
                {
                    "cross_border": [
                        _("Cross-border only needs an organisation in Belgium or the Netherlands.")
                    ]
                }
            )
        other = next(iter(BORDER_COUNTRIES - {asker_country}))
        countries = [c for c in (countries or [other]) if c == other]
        if not countries:
            return []
    engine_filters: dict[str, Any] = {}
    if clean.get("sector"):
        engine_filters["sectors"] = clean["sector"]
    if clean.get("organisation_type"):
        engine_filters["type"] = clean["organisation_type"]
    excluded = {(str(k), str(i)) for k, i in exclude}
    if asker_organisation is not None:
        excluded.add((registry.ORGANISATION, str(asker_organisation.pk)))
    asked_concepts = (
        frozenset(concepts) if concepts is not None else organisation_concepts(asker_organisation)
    )
    query = Query(
        text=text,
        kinds=tuple(wanted_kinds) if wanted_kinds is not None else None,
        filters=engine_filters,
        country=tuple(countries) if countries else None,
        cross_border_from=asker_country,
        programme_area_only=clean.get("programme_area", False),
        concepts=asked_concepts,
        limit=int(limit) + len(excluded),
        offset=int(offset),
    )
    engine = index.get_engine()
    try:
        hits = engine.search(query)
    except InvalidQuery as exc:
        raise ValidationError(
            {"text": [_("This search cannot be run: %(why)s") % {"why": exc}]}
        ) from exc
    hits = [h for h in hits if (h.kind, h.id) not in excluded][: int(limit)]
    return _enrich(engine, hits)


def _objects(hits) -> dict[str, dict[str, Any]]:
    """The records behind the hits, per kind that registered a loader."""
    ids: dict[str, list[str]] = {}
    for h in hits:
        ids.setdefault(h.kind, []).append(h.id)
    found = {}
    for kind_name, kind_ids in ids.items():
        kind = registry.kinds.get(kind_name)
        if kind is not None and kind.objects is not None:
            found[kind_name] = kind.objects(kind_ids)
    return found


def _enrich(engine, hits) -> list[MatchResult]:
    objects = _objects(hits)
    labels, country_names = reference_labels()
    results = []
    for h in hits:
        doc = engine.get(h.kind, h.id)
        if doc is None:
            continue
        obj = None
        if h.kind in objects:
            obj = objects[h.kind].get(h.id)
            if obj is None:
                continue  # deleted since the index saw it
        url = doc.attrs.get("url") if isinstance(doc.attrs.get("url"), str) else None
        kind = registry.kinds.get(h.kind)
        if obj is not None and kind is not None and kind.url is not None:
            url = kind.url(obj)
        body = " ".join(doc.body.split())
        results.append(
            MatchResult(
                kind=h.kind,
                id=h.id,
                score=round(float(h.score), 4),
                title=doc.title,
                summary=body[:240] + ("…" if len(body) > 240 else ""),
                url=url,
                country=doc.country,
                reasons=explain(h.explanation, labels=labels, countries=country_names),
                explanation=h.explanation,
                components=h.components,
                object=obj,
                attrs=doc.attrs,
                strong=h.strong,
            )
        )
    return results


def strong_match(results: list[MatchResult]) -> bool:
    """Whether any hit answers the question; if not, pages and the API say "no strong match"."""
    return any(r.strong for r in results)


# (language, reference data version) -> (concept labels, country names); a few entries at most
_REFERENCE_LABELS: dict[tuple[str, str], tuple[dict[str, str], dict[str, str]]] = {}


def reference_labels() -> tuple[dict[str, str], dict[str, str]]:
    """`concept_labels()` and the countries' names, in the active language, kept in this
    process per version of the reference data: every match explains its hits with them, and
    reading sectors, technologies and countries cost three queries a call. The version is the
    one core.fragments bumps (in the shared cache, so in every worker) whenever a country,
    region, sector or technology is saved, deleted or loaded in bulk: an edit shows at the
    next call. Reading it is one cache read."""
    key = (get_language() or "", fragments.reference_version())
    found = _REFERENCE_LABELS.get(key)
    if found is None:
        found = (concept_labels(), {c.code: c.name for c in Country.objects.all()})
        if len(_REFERENCE_LABELS) >= 8:  # old versions are never asked for again
            _REFERENCE_LABELS.clear()
        _REFERENCE_LABELS[key] = found
    return found


def concept_labels() -> dict[str, str]:
    """Concept id -> its name in the active language."""
    labels = {sector_concept(s.code): s.name for s in Sector.objects.all()}
    labels.update({technology_concept(t.code): t.name for t in Technology.objects.all()})
    language = "en" if get_language() == "en" or (get_language() or "").startswith("en-") else "nl"
    for concept in shipped_variants():
        labels[concept.id] = concept.labels.get(language) or concept.labels["nl"]
    return labels


def explain(
    explanation: list[dict], *, labels: dict[str, str], countries: dict[str, str]
) -> list[str]:
    """The engine's structured reasons as sentences in the active language."""
    out = []
    for reason in explanation:
        kind = reason.get("type")
        values = reason.get("values") or []
        if kind == "concepts" and values:
            names = _labels(values, labels)
            out.append(_("Shared concepts: %(concepts)s") % {"concepts": names})
        elif kind == "terms" and values:
            out.append(_("Shared terms: %(terms)s") % {"terms": ", ".join(values)})
        elif kind == "variants" and values:
            for v in values:
                said, found = v.get("query", ""), v.get("document", "")
                if found and found != said:
                    out.append(
                        _("Same topic in other words: you wrote “%(query)s”, it says “%(found)s”")
                        % {"query": said, "found": found}
                    )
                else:
                    name = labels.get(v.get("concept", ""), said)
                    out.append(_("Same topic: %(topic)s") % {"topic": name})
        elif kind == "semantic":
            score = number_format(float(reason.get("value", 0)), 2)
            out.append(_("Related in content (semantic %(score)s)") % {"score": score})
        elif kind == "sector_fit" and values:
            names = _labels(values, labels)
            out.append(_("Sector fit: %(sectors)s") % {"sectors": names})
        elif kind == "cross_border":
            code = reason.get("country") or ""
            out.append(
                _("Cross-border: provider in %(country)s") % {"country": countries.get(code, code)}
            )
        elif kind == "programme_area":
            out.append(_("In the Flanders–Netherlands programme area"))
    return out


def _labels(values: list[str], labels: dict[str, str]) -> str:
    """Concept names, each once (two frameworks may name a technology alike)."""
    names: dict[str, str] = {}
    for v in values:
        name = labels.get(v, v.split(":", 1)[-1])
        if len(name) > 1 and not name[1].isupper():  # mid-sentence, keep acronyms
            name = name[0].lower() + name[1:]
        names.setdefault(name.casefold(), name)
    return ", ".join(names.values())


def result_as_dict(result: MatchResult) -> dict[str, Any]:
    """A JSON-ready hit (API and CLI)."""
    return {
        "kind": result.kind,
        "id": result.id,
        "title": result.title,
        "score": result.score,
        "url": result.url,
        "country": result.country,
        "summary": result.summary,
        "reasons": result.reasons,
        "explanation": result.explanation,
        "components": result.components,
        "strong": result.strong,
    }


def no_strong_match_message(results: list[MatchResult]) -> str:
    """What pages, the API and the CLI say when no hit is a strong match."""
    if not results:
        return str(_("Nothing found. Try other or fewer words, or fewer filters."))
    return str(_("No strong match; the closest are below. Try other words or fewer filters."))


def match_payload(results: list[MatchResult]) -> dict[str, Any]:
    """The API shape of a list of hits, with the strong-match verdict (every match endpoint)."""
    strong = strong_match(results)
    return {
        "count": len(results),
        "strong_match": strong,
        "message": "" if strong else no_strong_match_message(results),
        "results": [result_as_dict(r) for r in results],
    }
