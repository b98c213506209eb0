"""Recognise taxonomy skills in free text (Dutch or English).

Two signals from the matching engine: the concept lexicon finds skill labels and
synonyms written out in the text (after Dutch/English stemming and compound
splitting), and the multilingual sentence embedder (USE multilingual v3) finds
skills whose English label means what a Dutch or English phrase says — ESCO has
no Dutch skill labels in the data we have, so this is what makes Dutch text work.
Label vectors are cached on disk (settings.KENNISBRUG_INDEX_DIR).
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

MIN_SIMILARITY = 0.5
LEXICAL_SCORE = 1.0
MAX_SEGMENTS = 60
_SPLIT_RE = re.compile(r"[.;:!?\n\r•·]+|,\s+|\s+(?:en|and|of|or|maar|but)\s+")


@dataclass(frozen=True)
class Recognised:
    skill_id: int
    score: float
    evidence: str  # the phrase of the text it was recognised in


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
        self.matrix = get_embedder().encode(texts) if texts else np.zeros((0, 512), np.float32)
        self.row_skill_arr = np.array(self.row_skill, dtype=np.int64)
        _save_cache()

    def recognise(self, text: str, limit: int = 25) -> list[Recognised]:
        text = (text or "").strip()[:5000]
        if not text:
            return []
        found: dict[int, Recognised] = {}
        for concept_id, span in self.lexicon.recognise(text).items():
            found[int(concept_id)] = Recognised(int(concept_id), LEXICAL_SCORE, span)
        segments = [s.strip() for s in _SPLIT_RE.split(text) if len(s.strip()) >= 3]
        segments = segments[:MAX_SEGMENTS]
        if segments and len(self.matrix):
            vectors = get_embedder().encode(segments)
            sims = vectors @ self.matrix.T  # segments × label rows
            for i, segment in enumerate(segments):
                best = np.argsort(-sims[i])[:5]
                for row in best:
                    score = float(sims[i, row])
                    if score < MIN_SIMILARITY:
                        break
                    sid = int(self.row_skill_arr[row])
                    if sid not in found or found[sid].score < score:
                        found[sid] = Recognised(sid, round(score, 3), segment[:200])
        ranked = sorted(found.values(), key=lambda r: (-r.score, r.skill_id))
        return ranked[:limit]


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
