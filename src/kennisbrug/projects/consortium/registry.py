"""Candidates for a consortium and how well each covers a required competence.

A competence is a sector, a key technology or a free-text need. Sector and
technology needs match the organisation's tagged concepts (score 1.0) or, failing
that, their names in its expertise/offers text (0.6); a text need is scored by the
idf-weighted share of its analysed terms (matching engine ``Analyzer``: Dutch +
English stems, compounds split) found in the organisation's text.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from kennisbrug.matching.engine import Analyzer

BUSINESS_TYPES = {"sme", "large_enterprise"}
_WORD_RE = re.compile(r"[\w][\w'’-]*", re.UNICODE)
TAG_SCORE = 1.0
NAME_IN_TEXT_SCORE = 0.6


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    type: str
    country: str
    nuts3: str = ""
    province: str = ""
    in_programme_area: bool = False
    flemish: bool = False
    sectors: frozenset[str] = frozenset()
    technologies: frozenset[str] = frozenset()
    text: str = ""


@dataclass(frozen=True)
class Requirement:
    kind: str  # "sector" | "technology" | "text"
    value: str
    label: str = ""

    @property
    def display(self) -> str:
        return self.label or self.value


@dataclass
class Registry:
    """Candidates with precomputed indexes; build once, query many times."""

    candidates: list[Candidate]
    analyzer: Analyzer = field(default_factory=Analyzer)
    concept_names: dict[str, Sequence[str]] = field(default_factory=dict)  # code -> names

    def __post_init__(self) -> None:
        n = len(self.candidates)
        self.index_of = {c.id: i for i, c in enumerate(self.candidates)}
        self.by_sector: dict[str, list[int]] = defaultdict(list)
        self.by_tech: dict[str, list[int]] = defaultdict(list)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, c in enumerate(self.candidates):
            for s in c.sectors:
                self.by_sector[s].append(i)
            for t in c.technologies:
                self.by_tech[t].append(i)
            for term in set(self.analyzer.terms(c.text)):
                self.postings[term].append(i)
        self.idf = {t: math.log(1 + n / len(ids)) for t, ids in self.postings.items()}
        self.types = np.array([c.type for c in self.candidates], dtype=object)
        self.is_nl = np.array([c.country == "NL" for c in self.candidates], dtype=bool)
        self.is_flemish = np.array([c.flemish for c in self.candidates], dtype=bool)
        self.is_sme = self.types == "sme"
        self.is_knowledge = self.types == "knowledge_institution"
        self.is_government = self.types == "government"
        self.is_business = np.isin(self.types, list(BUSINESS_TYPES))
        self.in_area = np.array([c.in_programme_area for c in self.candidates], dtype=bool)
        self.provinces = np.array([c.province for c in self.candidates], dtype=object)

    def __len__(self) -> int:
        return len(self.candidates)

    def own_words(self, i: int, terms: Iterable[str], limit: int = 6) -> list[str]:
        """The words of candidate ``i``'s own text that carry the analysed ``terms``.

        Analysed terms are stems ("machin"); people read the words as the organisation wrote them.
        """
        wanted = set(terms)
        out: list[str] = []
        seen: set[str] = set()
        for word in _WORD_RE.findall(self.candidates[i].text):
            folded = word.casefold()
            if folded in seen:
                continue
            seen.add(folded)
            hit = wanted & set(self.analyzer.terms(word))
            if hit:
                out.append(word)
                wanted -= hit
                if len(out) >= limit or not wanted:
                    break
        return out

    def _text_scores(self, text: str) -> tuple[np.ndarray, dict[int, list[str]]]:
        terms = set(self.analyzer.terms(text))
        scores = np.zeros(len(self), dtype=np.float64)
        matched: dict[int, list[str]] = defaultdict(list)
        total = sum(self.idf.get(t, math.log(1 + len(self))) for t in terms)
        if not terms or total == 0:
            return scores, matched
        for t in terms:
            ids = self.postings.get(t)
            if ids:
                scores[ids] += self.idf[t] / total
                for i in ids:
                    matched[i].append(t)
        return np.minimum(scores, 1.0), matched

    def score(self, requirements: Iterable[Requirement]) -> tuple[np.ndarray, list[dict[int, str]]]:
        """Matrix (candidates x requirements) of scores in [0, 1] and why, per requirement."""
        reqs = list(requirements)
        matrix = np.zeros((len(self), len(reqs)), dtype=np.float64)
        reasons: list[dict[int, str]] = []
        for j, r in enumerate(reqs):
            why: dict[int, str] = {}
            if r.kind in ("sector", "technology"):
                tagged = (self.by_sector if r.kind == "sector" else self.by_tech).get(r.value, [])
                names = " ".join(self.concept_names.get(r.value, (r.display,)))
                text_scores, _ = (
                    self._text_scores(names) if names.strip() else (np.zeros(len(self)), {})
                )
                fallback = np.where(text_scores >= 0.99, NAME_IN_TEXT_SCORE, 0.0)
                matrix[:, j] = fallback
                for i in np.flatnonzero(fallback):
                    why[int(i)] = "text"
                matrix[tagged, j] = TAG_SCORE
                for k in tagged:
                    why[k] = "tag"
            else:
                scores, matched = self._text_scores(r.value)
                matrix[:, j] = scores
                for i in np.flatnonzero(scores):
                    why[int(i)] = ", ".join(self.own_words(int(i), matched[int(i)]))
            reasons.append(why)
        return matrix, reasons
