"""Recognise taxonomy skills in free text (Dutch or English).

Two signals from the matching engine: the concept lexicon finds skill labels and
synonyms written out in the text (after Dutch/English stemming and compound
splitting), and the multilingual sentence embedder (USE multilingual v3) finds
skills whose English label means what a Dutch or English phrase says — ESCO has
no Dutch skill labels in the data we have, so this is what makes Dutch text work.
Label vectors are cached on disk (settings.KENNISBRUG_INDEX_DIR).

Precision before recall: a sentence only yields a skill by meaning when it shares
a topic word with the skill's labels (or is very close in meaning, which is what
carries Dutch text to English-only ESCO labels). Generic words -- "veiligheid",
"werken", "regels", "safety" -- are never such a shared word, so "ik werk volgens
de veiligheidsvoorschriften" does not turn into electrical safety or work at
height. Each skill keeps the phrase it was recognised in; only confident ones
are pre-ticked for the person, and a text in which nothing is recognised
confidently is reported as work the taxonomy does not cover.
"""

from __future__ import annotations

import contextlib
import re
import threading
from dataclasses import dataclass

import numpy as np
from django.conf import settings

from kennisbrug.matching.engine import (
    CachedEmbedder,
    Concept,
    ConceptLexicon,
    UseEmbedder,
    VectorCache,
)
from kennisbrug.matching.engine.analysis import GENERIC_WORDS

MIN_SIMILARITY = 0.5  # candidates below this are not considered at all
ANCHORED_SIMILARITY = 0.55  # a sentence sharing a topic word with the skill's labels
UNANCHORED_SIMILARITY = 0.75  # meaning alone (e.g. Dutch text, English-only label)
PRETICK_SCORE = 0.7  # proposals at or above this are ticked for the person
LEXICAL_SCORE = 1.0
MAX_SEGMENTS = 60
MIN_WORDS_FOR_VERDICT = 4  # shorter texts are not called "outside the taxonomy"

# Words that say how, not what: never the shared word that ties a sentence to a skill.
_HOW_NOT_WHAT = """
    veilig veiligheid veiligheidsvoorschriften veiligheidsregels voorschrift voorschriften regel
    regels norm normen procedure procedures werkvloer dagelijks jaar jaren ervaring collega
    collegas klant klanten uitvoeren volgen houden zorgen verzorgen zorg ik mijn
    safe safety safely regulations regulation rule rules standard standards procedure
    procedures follow following always daily year years experience colleague colleagues
    customer customers perform performing care caring i my
"""
SKILL_GENERIC_WORDS = GENERIC_WORDS | frozenset(_HOW_NOT_WHAT.split())
_SPLIT_RE = re.compile(r"[.;:!?\n\r•·]+|,\s+|\s+(?:en|and|of|or|maar|but)\s+")


@dataclass(frozen=True)
class Recognised:
    skill_id: int
    score: float
    evidence: str  # the phrase of the text it was recognised in

    @property
    def confident(self) -> bool:
        """Whether the person gets this proposal ticked (they still confirm it)."""
        return self.score >= PRETICK_SCORE


class SkillRecogniser:
    def __init__(self, skills: list[tuple[int, str, str, str]], version) -> None:
        """``skills``: (id, English label, Dutch label, alternative labels one per line)."""
        self.version = version
        self.lexicon = ConceptLexicon(
            Concept(
                str(sid),
                {k: v for k, v in (("en", en), ("nl", nl)) if v},
                tuple(a for a in alt.split("\n") if a),
            )
            for sid, en, nl, alt in skills
        )
        self.row_skill: list[int] = []
        texts: list[str] = []
        for sid, en, nl, _alt in skills:
            for label in {en, nl} - {""}:
                self.row_skill.append(sid)
                texts.append(label)
        self._generic_terms = frozenset(
            term for w in SKILL_GENERIC_WORDS for term in self.lexicon.analyzer.stems(w)
        )
        self._terms_of_skill: dict[int, frozenset[str]] = {}
        self.matrix = get_embedder().encode(texts) if texts else np.zeros((0, 512), np.float32)
        self.row_skill_arr = np.array(self.row_skill, dtype=np.int64)
        _save_cache()

    def _topic_terms(self, text: str) -> frozenset[str]:
        analyzer = self.lexicon.analyzer
        return frozenset(
            term
            for tok in analyzer.analyse(text)
            if tok.surface not in SKILL_GENERIC_WORDS
            for term in (tok.stems | (frozenset().union(*tok.parts) if tok.parts else frozenset()))
            if term not in self._generic_terms
        )

    def _skill_terms(self, sid: int) -> frozenset[str]:
        terms = self._terms_of_skill.get(sid)
        if terms is None:
            concept = self.lexicon.get(str(sid))
            labels = concept.all_labels() if concept else []
            terms = self._topic_terms(" ".join(labels))
            self._terms_of_skill[sid] = terms
        return terms

    def recognise(self, text: str, limit: int = 25) -> list[Recognised]:
        """Skills in ``text``, best first, each with the phrase that triggered it."""
        text = (text or "").strip()[:5000]
        if not text:
            return []
        found: dict[int, Recognised] = {}
        for concept_id, span in self.lexicon.recognise(text).items():
            if not self._topic_terms(span):
                continue  # the label matched on generic words only
            found[int(concept_id)] = Recognised(int(concept_id), LEXICAL_SCORE, span)
        segments = [s.strip() for s in _SPLIT_RE.split(text) if len(s.strip()) >= 3]
        segments = segments[:MAX_SEGMENTS]
        if segments and len(self.matrix):
            vectors = get_embedder().encode(segments)
            sims = vectors @ self.matrix.T  # segments × label rows
            for i, segment in enumerate(segments):
                topic = self._topic_terms(segment)
                best = np.argsort(-sims[i])[:5]
                for row in best:
                    score = float(sims[i, row])
                    if score < MIN_SIMILARITY:
                        break
                    sid = int(self.row_skill_arr[row])
                    anchored = bool(topic & self._skill_terms(sid))
                    if score < (ANCHORED_SIMILARITY if anchored else UNANCHORED_SIMILARITY):
                        continue
                    if sid not in found or found[sid].score < score:
                        found[sid] = Recognised(sid, round(score, 3), segment[:200])
        ranked = sorted(found.values(), key=lambda r: (-r.score, r.skill_id))
        return ranked[:limit]

    def covers(self, text: str, recognised: list[Recognised] | None = None) -> bool:
        """False when a real description yields no confident skill: work outside the taxonomy."""
        if recognised is None:
            recognised = self.recognise(text)
        if any(r.confident for r in recognised):
            return True
        return len(self._topic_words(text)) < MIN_WORDS_FOR_VERDICT

    def _topic_words(self, text: str) -> list[str]:
        return [
            tok.surface
            for tok in self.lexicon.analyzer.analyse(text)
            if tok.surface not in SKILL_GENERIC_WORDS
        ]


_embedder_lock = threading.Lock()
_embedder: CachedEmbedder | None = None
_recogniser: SkillRecogniser | None = None
_recogniser_lock = threading.Lock()


def get_embedder() -> CachedEmbedder:
    global _embedder
    with _embedder_lock:
        if _embedder is None:
            model = UseEmbedder()
            path = settings.KENNISBRUG_INDEX_DIR / "skills_label_vectors.npz"
            _embedder = CachedEmbedder(model, VectorCache(model.name, path))
        return _embedder


def _save_cache() -> None:
    # a read-only disk only costs re-embedding after a restart
    with contextlib.suppress(OSError):
        get_embedder().cache.save()


def get_recogniser() -> SkillRecogniser | None:
    """The recogniser for the current taxonomy (rebuilt after an import)."""
    global _recogniser
    from .models import Skill
    from .occupation_index import _db_version

    version = _db_version()
    with _recogniser_lock:
        if _recogniser is None or _recogniser.version != version:
            rows = list(
                Skill.objects.exclude(skill_type="group").values_list(
                    "id", "label_en", "label_nl", "alt_labels_en"
                )
            )
            _recogniser = SkillRecogniser(rows, version) if rows else None
        return _recogniser
