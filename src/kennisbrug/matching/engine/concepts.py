"""A concept lexicon (sectors, technologies, ESCO) and a phrase matcher for text.

Labels and text go through the same analyser and are compared as sequences of
*units*: a word's stem set, or, for a Dutch compound, one unit per part. So the
label "lasrobot" (las + robot) is found in "lasrobots" and "lasrobotcel", the
label "waterstof opslag" in "waterstofopslag", and "robotic welding" in
"Robotic welding of steel" -- and when a concept lists both "lasrobot" and
"robotic welding", texts in either language meet on it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .analysis import Analyzer, Token

_MAX_LABEL_UNITS = 8


@dataclass(frozen=True)
class Concept:
    """One taxonomy entry: id like ``sector:agrifood`` or ``esco:<uri>``, labels per language."""

    id: str
    labels: Mapping[str, str] = field(default_factory=dict)  # language -> preferred label
    synonyms: tuple[str, ...] = ()

    def all_labels(self) -> list[str]:
        return [*self.labels.values(), *self.synonyms]

    def to_json(self) -> dict:
        return {"id": self.id, "labels": dict(self.labels), "synonyms": list(self.synonyms)}

    @classmethod
    def from_json(cls, data: Mapping) -> Concept:
        return cls(data["id"], dict(data.get("labels", {})), tuple(data.get("synonyms", ())))


Units = tuple[frozenset[str], ...]


class ConceptLexicon:
    """Concepts and a compiled matcher; the matcher recompiles when the vocabulary grows."""

    def __init__(self, concepts: Iterable[Concept] = (), analyzer: Analyzer | None = None) -> None:
        self.analyzer = analyzer or Analyzer()
        self._concepts: dict[str, Concept] = {}
        self._lock = threading.Lock()
        self._compiled_for = -1
        # first unit key -> [(concept id, label units)]
        self._by_first: dict[str, list[tuple[str, Units]]] = {}
        self.add(concepts)

    def __len__(self) -> int:
        return len(self._concepts)

    def __contains__(self, concept_id: str) -> bool:
        return concept_id in self._concepts

    def get(self, concept_id: str) -> Concept | None:
        return self._concepts.get(concept_id)

    def concepts(self) -> list[Concept]:
        return list(self._concepts.values())

    def add(self, concepts: Iterable[Concept]) -> None:
        concepts = list(concepts)
        if not concepts:
            return
        with self._lock:
            for c in concepts:
                self._concepts[c.id] = c
            self._compiled_for = -1
        # label words join the splitter vocabulary, so compounds of them decompose
        self.analyzer.learn(label for c in concepts for label in c.all_labels())

    def _units(self, text: str) -> Units:
        units: list[frozenset[str]] = []
        for tok in self.analyzer.analyse(text):
            units.extend(tok.units)
        return tuple(units)

    def _compile(self) -> None:
        with self._lock:
            if self._compiled_for == self.analyzer.version:
                return
            by_first: dict[str, list[tuple[str, Units]]] = {}
            for c in self._concepts.values():
                seen: set[Units] = set()
                for label in c.all_labels():
                    units = self._units(label)
                    if not units or len(units) > _MAX_LABEL_UNITS or units in seen:
                        continue
                    seen.add(units)
                    for key in units[0]:
                        by_first.setdefault(key, []).append((c.id, units))
            self._by_first = by_first
            self._compiled_for = self.analyzer.version

    def recognise(self, text: str) -> dict[str, str]:
        """Concepts mentioned in ``text``: concept id -> the text span (folded words) found."""
        if not self._concepts or not text:
            return {}
        return self.recognise_tokens(self.analyzer.analyse(text))

    def recognise_tokens(self, tokens: list[Token]) -> dict[str, str]:
        """``recognise`` for text the caller has analysed already."""
        if not self._concepts or not tokens:
            return {}
        if self._compiled_for != self.analyzer.version:
            self._compile()
        by_first = self._by_first
        seq: list[tuple[frozenset[str], str]] = []
        for tok in tokens:
            if tok.parts:
                seq.extend((unit, tok.surface) for unit in tok.parts)
            else:
                seq.append((tok.stems, tok.surface))
        found: dict[str, str] = {}
        for i, (unit, _) in enumerate(seq):
            for key in unit:
                entries = by_first.get(key)
                if not entries:
                    continue
                for concept_id, units in entries:
                    if concept_id in found or i + len(units) > len(seq):
                        continue
                    if all(units[k] & seq[i + k][0] for k in range(1, len(units))):
                        words = dict.fromkeys(seq[i + k][1] for k in range(len(units)))
                        found[concept_id] = " ".join(words)
        return found
