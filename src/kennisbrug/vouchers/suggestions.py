"""Provider suggestions for a stated need: knowledge institutions across the border.

`suggest_providers` asks the platform's matching engine: organisation
documents of knowledge institutions on the other side of the border, ranked for
the need text with the engine's readable reasons. Only when there is no need text
to search for does it fall back to ranking the registry by shared sectors and
technologies (`registry_suggestions`).
"""

import logging
import re
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.organisations.models import Organisation

logger = logging.getLogger(__name__)

_DUTCH = snowballstemmer.stemmer("dutch_porter")
_ENGLISH = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "voor",
        "met",
        "naar",
        "door",
        "over",
        "onder",
        "bij",
        "aan",
        "als",
        "dat",
        "die",
        "dit",
        "zijn",
        "wordt",
        "worden",
        "wij",
        "we",
        "ons",
        "onze",
        "hoe",
        "wat",
        "welke",
        "kunnen",
        "willen",
        "moet",
        "moeten",
        "graag",
        "ook",
        "nog",
        "niet",
        "maar",
        "of",
        "om",
        "op",
        "te",
        "in",
        "is",
        "er",
        "the",
        "and",
        "for",
        "with",
        "from",
        "into",
        "about",
        "our",
        "we",
        "how",
        "what",
        "which",
        "can",
        "want",
        "need",
        "needs",
        "this",
        "that",
        "are",
        "be",
        "of",
        "to",
        "on",
        "in",
        "a",
        "an",
        "or",
        "by",
        "not",
        "also",
        "kennis",
        "knowledge",
        "bedrijf",
        "company",
    ]
)
MAX_CANDIDATES = 5000


@dataclass
class Suggestion:
    organisation: Organisation
    score: float
    matched_terms: list[str] = field(default_factory=list)
    shared_sectors: list[str] = field(default_factory=list)
    shared_technologies: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # the matching engine's sentences

    @property
    def explanation(self) -> str:
        if self.reasons:
            return "; ".join(self.reasons)
        parts = []
        if self.matched_terms:
            parts.append(_("matched on: %(terms)s") % {"terms": ", ".join(self.matched_terms)})
        if self.shared_sectors:
            parts.append(_("shared sectors: %(s)s") % {"s": ", ".join(self.shared_sectors)})
        if self.shared_technologies:
            parts.append(
                _("shared technologies: %(t)s") % {"t": ", ".join(self.shared_technologies)}
            )
        parts.append(
            _("provider in %(country)s — cross-border") % {"country": self.organisation.country}
        )
        return "; ".join(parts)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").casefold()
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def analyse(text: str) -> dict[str, str]:
    """Stems (Dutch and English) of the content words of `text`, mapped to a surface word."""
    stems: dict[str, str] = {}
    for word in _WORD.findall(_fold(text)[:20000]):
        if len(word) < 3 or word in STOP_WORDS or word.isdigit():
            continue
        for stem in {_DUTCH.stemWord(word), _ENGLISH.stemWord(word)}:
            stems.setdefault(stem, word)
    return stems


def suggest_providers(
    *, applicant: Organisation, need_text: str, limit: int = 5
) -> list[Suggestion]:
    """Knowledge institutions on the other side of the border, best fit first.

    With need text: the matching engine's organisation hits, filtered to knowledge
    institutions in the other border country (for an applicant outside Belgium and
    the Netherlands: any other country), each with the engine's reasons as its
    explanation. Without need text (nothing to search for): `registry_suggestions`.
    At most `limit` (1..50).
    """
    limit = max(1, min(int(limit), 50))
    if not any(ch.isalnum() for ch in need_text or ""):
        return registry_suggestions(applicant=applicant, need_text="", limit=limit)
    from kennisbrug.matching.engine.documents import BORDER_COUNTRIES, MAX_QUERY_CHARS
    from kennisbrug.matching.services import match

    filters: dict[str, object] = {"organisation_type": OrganisationType.KNOWLEDGE_INSTITUTION}
    border = bool(applicant.pk) and applicant.country_id in BORDER_COUNTRIES
    if border:
        filters["cross_border"] = True
    try:
        hits = match(
            text=need_text[:MAX_QUERY_CHARS],
            kinds=["organisation"],
            filters=filters,
            asker_organisation=applicant if applicant.pk else None,
            limit=limit if border else min(limit + 20, 100),
        )
    except ValidationError as exc:  # e.g. a need of only stop words: nothing to search
        logger.info("voucher_suggestions_not_searched reason=%s", exc.messages)
        return []
    suggestions = [
        Suggestion(organisation=hit.object, score=hit.score, reasons=hit.reasons)
        for hit in hits
        if hit.object is not None and hit.object.country_id != applicant.country_id
    ]
    return suggestions[:limit]


def registry_suggestions(
    *, applicant: Organisation, need_text: str, limit: int = 5
) -> list[Suggestion]:
    """The fallback ranking of the registry itself (no engine).

    Ranked by shared sectors and technologies with the applicant and by the words
    of `need_text` found in the provider's expertise, offers and description.
    Providers in the programme area get a small boost. Only providers with some
    overlap are returned; at most `limit` (1..50).
    """
    limit = max(1, min(int(limit), 50))
    need = analyse(need_text)
    sectors = {s.code: s.name for s in applicant.sectors.all()} if applicant.pk else {}
    technologies = {t.code: t.name for t in applicant.technologies.all()} if applicant.pk else {}
    candidates = (
        Organisation.objects.filter(type=OrganisationType.KNOWLEDGE_INSTITUTION)
        .exclude(country_id=applicant.country_id)
        .select_related("country", "nuts3")
        .prefetch_related("sectors", "technologies")
        .order_by("name")[:MAX_CANDIDATES]
    )
    suggestions = []
    for org in candidates:
        text = analyse(" ".join([org.expertise, org.offers, org.description, org.name]))
        terms = sorted({need[stem] for stem in need.keys() & text.keys()})
        shared_s = sorted(sectors[s.code] for s in org.sectors.all() if s.code in sectors)
        shared_t = sorted(
            technologies[t.code] for t in org.technologies.all() if t.code in technologies
        )
        score = 2.0 * len(terms) + 1.5 * len(shared_s) + 1.5 * len(shared_t)
        if score == 0:
            continue
        if org.in_programme_area:
            score += 0.5
        suggestions.append(Suggestion(org, score, terms, shared_s, shared_t))
    suggestions.sort(key=lambda s: (-s.score, s.organisation.name))
    return suggestions[:limit]
