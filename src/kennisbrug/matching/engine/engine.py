"""The matching engine: documents in, ranked and explained hits out.

Lexical (BM25 on Dutch+English analysed terms), semantic (USE multilingual
vectors) and concept scores are fused, after filters and before boosts. Slots
are append-only: an update tombstones the old slot and appends a new one, and
``compact`` renumbers once enough slots are dead. Searches share a read lock;
an upsert does its heavy work (analysis, embedding) before taking the write
lock, so readers only ever wait for the brief swap-in.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .analysis import GENERIC_WORDS, Analyzer, clean_text, terms_of
from .concepts import Concept, ConceptLexicon
from .documents import (
    BORDER_COUNTRIES,
    MAX_LIMIT,
    MAX_QUERY_CHARS,
    Document,
    EmptyQuery,
    Hit,
    InvalidQuery,
    Query,
)
from .filters import PostingIndex, attr_keys, filter_mask
from .lexical import BM25Index
from .rwlock import RWLock
from .semantic import CachedEmbedder, Embedder, VectorIndex
from .variants import is_variant, shipped_variants

MAX_QUERY_TERMS = 64
MAX_OFFSET = 10_000


@dataclass(frozen=True)
class EngineConfig:
    """Tuning knobs; the defaults were picked with ``bench/matching_quality.py``."""

    k1: float = 1.2
    b: float = 0.75
    fusion: str = "weighted"  # or "rrf"
    # weighted beat RRF on ESCO MRR (0.534 vs 0.518) and 0.4/0.6 beat 0.45/0.45,
    # 0.5/0.5 and 0.6/0.4 (bench/README.md); concepts add on top
    w_lexical: float = 0.40
    w_semantic: float = 0.60
    w_concept: float = 0.10
    rrf_k: int = 60
    rrf_depth: int = 1000
    semantic_floor: float = 0.25  # cosines below this count as no semantic match
    title_weight: int = 2  # title terms counted this many times
    boost_cross_border: float = 1.15
    boost_programme_area: float = 1.05
    boost_sector_fit: float = 0.20  # x (1 + this * share of the asker's concepts matched)
    compact_dead_ratio: float = 0.25
    # terms a query gains from its variant concepts ("kassen" -> glastuinbouw, serre) count this much
    w_variant_terms: float = 0.6
    # generic words ("project", "leveren") still count, this much: they matter in occupation
    # names ("project manager") but are filler in SME questions
    w_generic_terms: float = 0.3
    # a hit is a strong match when it covers this share of the query's topic words, or at
    # least ``strong_words`` of them, or is this close in meaning; otherwise "closest, not a match"
    strong_coverage: float = 0.5
    strong_words: int = 3
    strong_semantic: float = 0.6


@dataclass
class _Prepared:
    doc: Document
    terms: list[str]
    concepts: frozenset[str]
    vector: np.ndarray | None


class Engine:
    def __init__(
        self,
        embedder: Embedder | None = None,
        concepts: Iterable[Concept] = (),
        config: EngineConfig | None = None,
        variants: Iterable[Concept] | None = None,
        text_concepts: Callable[[str], Mapping[str, str]] | None = None,
    ) -> None:
        """``variants``: the regional variant lexicon (default: the shipped one; ``()`` for none).

        ``text_concepts``: finds concepts the lexicon cannot, in raw text (codes such as
        "NACE 28.92" whose punctuation the analyser drops): concept id -> the folded words
        that named it. It runs on document texts and on queries alike.
        """
        self.config = config or EngineConfig()
        self._text_concepts = text_concepts
        self.analyzer = Analyzer()
        variants = shipped_variants() if variants is None else variants
        self.lexicon = ConceptLexicon([*variants, *concepts], analyzer=self.analyzer)
        if embedder is not None and not isinstance(embedder, CachedEmbedder):
            embedder = CachedEmbedder(embedder)
        self.embedder: CachedEmbedder | None = embedder
        self._lock = RWLock()
        self._write_mutex = threading.Lock()  # one upsert prepares at a time
        self._reset_state()

    def _reset_state(self) -> None:
        self._docs: list[Document | None] = []
        self._doc_concepts: list[frozenset[str]] = []
        self._slot_of: dict[tuple[str, str], int] = {}
        self._alive = np.zeros(0, dtype=bool)
        self._kind_codes: dict[str, int] = {}
        self._kind = np.zeros(0, dtype=np.int32)
        self._country_codes: dict[str | None, int] = {None: 0}
        self._country = np.zeros(0, dtype=np.int32)
        self._in_area = np.zeros(0, dtype=bool)
        self._attrs = PostingIndex()
        self._concept_index = PostingIndex()
        self.lexical = BM25Index(self.config.k1, self.config.b)
        self.vectors = VectorIndex(self.embedder.dim) if self.embedder else None

    # ----- writes -----
    def add_concepts(self, concepts: Iterable[Concept]) -> None:
        """Extend the lexicon; documents indexed earlier keep their recognised concepts."""
        self.lexicon.add(concepts)

    def _prepare(self, docs: list[Document]) -> list[_Prepared]:
        self.analyzer.learn_text(f"{d.title} {d.body}" for d in docs)
        out = []
        analyse = self.analyzer.analyse
        for d in docs:
            title, body = analyse(d.title), analyse(d.body)
            terms = terms_of(title) * self.config.title_weight + terms_of(body)
            # title and body as one sequence: a label may not span the seam, which is rare
            found = frozenset(self.lexicon.recognise_tokens(title + body))
            if self._text_concepts is not None:
                found |= frozenset(self._text_concepts(f"{d.title}\n{d.body}"))
            out.append(_Prepared(d, terms, frozenset(d.concepts) | found, None))
        if self.embedder is not None:
            vectors = self.embedder.encode([embed_text(p.doc) for p in out])
            for p, v in zip(out, vectors, strict=True):
                p.vector = v
        return out

    def upsert(self, docs: Iterable[Document]) -> int:
        """Add or replace documents (by kind and id); returns how many were written."""
        unique = {d.key: d for d in docs}
        if not unique:
            return 0
        with self._write_mutex:
            prepared = self._prepare(list(unique.values()))
            with self._lock.write():
                self._apply(prepared)
                self._maybe_compact()
        return len(prepared)

    def _apply(self, prepared: list[_Prepared]) -> None:
        for p in prepared:
            self._tombstone(p.doc.key)
        first = len(self._docs)
        slots = self.lexical.add_many([p.terms for p in prepared])
        assert slots[0] == first
        if self.vectors is not None:
            vectors = [p.vector for p in prepared if p.vector is not None]
            assert len(vectors) == len(prepared)  # an engine with vectors has an embedder
            self.vectors.add_many(np.stack(vectors))
        n = first + len(prepared)
        self._alive = _grow(self._alive, n, True)
        self._kind = _grow(self._kind, n, 0)
        self._country = _grow(self._country, n, 0)
        self._in_area = _grow(self._in_area, n, False)
        for slot, p in zip(slots, prepared, strict=True):
            d = p.doc
            self._docs.append(d)
            self._doc_concepts.append(p.concepts)
            self._slot_of[d.key] = slot
            self._kind[slot] = self._kind_codes.setdefault(d.kind, len(self._kind_codes))
            self._country[slot] = self._country_codes.setdefault(
                d.country, len(self._country_codes)
            )
            self._in_area[slot] = d.in_programme_area
            for key in attr_keys(d.attrs):
                self._attrs.add(key, slot)
            for c in p.concepts:
                self._concept_index.add(c, slot)

    def _tombstone(self, key: tuple[str, str]) -> bool:
        slot = self._slot_of.pop(key, None)
        if slot is None:
            return False
        self.lexical.forget(slot)
        self._alive[slot] = False
        self._docs[slot] = None
        return True

    def remove(self, kind: str, id: str) -> bool:
        """Remove a document; returns whether it was there."""
        with self._write_mutex, self._lock.write():
            removed = self._tombstone((kind, id))
            self._maybe_compact()
        return removed

    def _maybe_compact(self) -> None:
        dead = len(self._docs) - len(self._slot_of)
        if dead > 256 and dead > self.config.compact_dead_ratio * len(self._docs):
            self._compact()

    def compact(self) -> None:
        """Drop removed documents' slots now (saving does this too)."""
        with self._write_mutex, self._lock.write():
            self._compact()

    def _compact(self) -> None:
        keep = np.flatnonzero(self._alive)
        docs = [d for i in keep if (d := self._docs[i]) is not None]  # alive slots hold one
        concepts = [self._doc_concepts[i] for i in keep]
        lexical, vectors = self.lexical, self.vectors
        lexical.compact(keep)
        if vectors is not None:
            vectors.compact(keep)
        self._reset_state()
        self.lexical, self.vectors = lexical, vectors
        self._restore(docs, concepts)

    def _restore(self, docs: list[Document], concepts: list[frozenset[str]]) -> None:
        """Rebuild the per-slot arrays and postings for docs already in lexical/vectors."""
        n = len(docs)
        self._docs, self._doc_concepts = list(docs), list(concepts)
        self._alive = np.ones(n, dtype=bool)
        self._kind = np.zeros(n, dtype=np.int32)
        self._country = np.zeros(n, dtype=np.int32)
        self._in_area = np.zeros(n, dtype=bool)
        for slot, (d, cs) in enumerate(zip(docs, concepts, strict=True)):
            self._slot_of[d.key] = slot
            self._kind[slot] = self._kind_codes.setdefault(d.kind, len(self._kind_codes))
            self._country[slot] = self._country_codes.setdefault(
                d.country, len(self._country_codes)
            )
            self._in_area[slot] = d.in_programme_area
            for key in attr_keys(d.attrs):
                self._attrs.add(key, slot)
            for c in cs:
                self._concept_index.add(c, slot)

    # ----- reads -----
    def __len__(self) -> int:
        return len(self._slot_of)

    def count(self, kind: str | None = None) -> int:
        """Number of live documents, optionally of one kind."""
        with self._lock.read():
            if kind is None:
                return len(self._slot_of)
            return sum(1 for k, _ in self._slot_of if k == kind)

    def get(self, kind: str, id: str) -> Document | None:
        with self._lock.read():
            slot = self._slot_of.get((kind, id))
            return None if slot is None else self._docs[slot]

    def search(self, query: Query) -> list[Hit]:
        """Ranked, explained hits. Raises ``EmptyQuery``/``InvalidQuery`` on bad input."""
        text = validate(query)
        tokens = self.analyzer.analyse(text)[:MAX_QUERY_TERMS]
        # generic words ("oplossingen", "leveren") count little, never explain and are not
        # topic words for the strong-match verdict (unless the query has nothing else)
        topical = [t for t in tokens if t.surface not in GENERIC_WORDS] or tokens
        surface_of: dict[str, str] = {}
        for tok in topical:
            for term in tok.terms:
                surface_of.setdefault(term, tok.surface)
        generic: dict[str, str] = {}
        for tok in tokens:
            for term in tok.terms:
                if term not in surface_of:
                    generic.setdefault(term, tok.surface)
        query_concepts = self.lexicon.recognise_tokens(tokens)
        if self._text_concepts is not None:
            for cid, span in self._text_concepts(text).items():
                query_concepts.setdefault(cid, span)
        expansion = self._variant_terms(query_concepts, surface_of | generic)
        qvec = None
        if self.embedder is not None:
            qvec = self.embedder.embedder.encode([text])[0]  # queries bypass the cache
        words = list(dict.fromkeys(t.surface for t in topical))
        with self._lock.read():
            return self._search_locked(
                query, surface_of, generic, query_concepts, expansion, words, qvec
            )

    def _variant_terms(self, query_concepts: dict[str, str], surface_of) -> dict[str, str]:
        """Index terms of the labels of the query's variant concepts: term -> concept id."""
        out: dict[str, str] = {}
        for cid in query_concepts:
            concept = self.lexicon.get(cid) if is_variant(cid) else None
            if concept is None:
                continue
            for label in concept.all_labels():
                # whole words only: the parts of "aardappelteelt" would add "teelt" to a potato query
                for tok in self.analyzer.analyse(label):
                    for term in tok.stems:
                        if term not in surface_of:
                            out.setdefault(term, cid)
        return out

    def _mask(self, query: Query) -> np.ndarray:
        n = len(self._docs)
        mask = self._alive.copy()
        if query.kinds is not None:
            kinds = [query.kinds] if isinstance(query.kinds, str) else query.kinds
            codes = [self._kind_codes[k] for k in kinds if k in self._kind_codes]
            mask &= np.isin(self._kind, codes)
        if query.country is not None:
            wanted = [query.country] if isinstance(query.country, str) else query.country
            codes = [self._country_codes[c] for c in wanted if c in self._country_codes]
            mask &= np.isin(self._country, codes)
        if query.programme_area_only:
            mask &= self._in_area
        if query.filters:
            mask &= filter_mask(self._attrs, query.filters, n)
        return mask

    def _search_locked(
        self, query, surface_of, generic, found_concepts, expansion, words, qvec
    ) -> list[Hit]:
        cfg = self.config
        n = len(self._docs)
        mask = self._mask(query)
        query_concepts = frozenset(found_concepts)
        terms, tids = self.lexical.lookup([*surface_of, *generic, *expansion])
        weights = np.array(
            [
                1.0
                if t in surface_of
                else cfg.w_generic_terms
                if t in generic
                else cfg.w_variant_terms
                for t in terms
            ],
            dtype=np.float32,
        )
        lex = self.lexical.search(tids, weights)
        lex_max = float(lex[mask].max()) if mask.any() else 0.0
        lex_norm = lex / lex_max if lex_max > 0 else np.zeros(n, dtype=np.float32)
        sem = np.zeros(n, dtype=np.float32)
        if qvec is not None and self.vectors is not None and n:
            sem = self.vectors.scores(qvec)
        sem_adj = np.clip((sem - cfg.semantic_floor) / (1.0 - cfg.semantic_floor), 0.0, 1.0)
        con: np.ndarray = np.zeros(n, dtype=np.float32)
        if query_concepts:
            con = self._concept_index.counts(query_concepts, n) / len(query_concepts)

        if cfg.fusion == "rrf":
            score = _rrf(
                [lex_norm, sem_adj, con],
                [cfg.w_lexical, cfg.w_semantic, cfg.w_concept],
                mask,
                cfg.rrf_k,
                cfg.rrf_depth,
            )
        else:
            score = cfg.w_lexical * lex_norm + cfg.w_semantic * sem_adj + cfg.w_concept * con
        score = np.where(mask, score, 0.0).astype(np.float32)

        border = np.ones(n, dtype=np.float32)
        asker = query.cross_border_from
        if asker in BORDER_COUNTRIES:
            other = next(iter(BORDER_COUNTRIES - {asker}))
            code = self._country_codes.get(other)
            if code is not None:
                border = np.where(self._country == code, cfg.boost_cross_border, 1.0)
        area = np.where(self._in_area, cfg.boost_programme_area, 1.0)
        fit: np.ndarray = np.ones(n, dtype=np.float32)
        asker_concepts = frozenset(query.concepts)
        if asker_concepts:
            shared = self._concept_index.counts(asker_concepts, n) / len(asker_concepts)
            fit = 1.0 + cfg.boost_sector_fit * shared
        final = score * border * area * fit

        want = query.offset + query.limit
        candidates = np.flatnonzero(final > 0)
        if len(candidates) > want:
            part = np.argpartition(-final[candidates], want - 1)[:want]
            candidates = candidates[part]
        order = candidates[np.lexsort((candidates, -final[candidates]))]
        page = order[query.offset : want]
        matched = self.lexical.matched_terms(tids, page)
        # which query word each concept was found in, to credit coverage
        concept_words = {cid: set(span.split()) for cid, span in found_concepts.items()}
        hits = []
        for slot, positions in zip(page.tolist(), matched, strict=True):
            d = self._docs[slot]
            literal = [terms[p] for p in sorted(positions) if terms[p] in surface_of]
            matched_words = list(dict.fromkeys(surface_of[t] for t in literal))
            shared_c = sorted(query_concepts & self._doc_concepts[slot])
            shared_v = [c for c in shared_c if is_variant(c)]
            covered = set(matched_words)
            for c in shared_c:
                covered |= concept_words.get(c, set())
            coverage = len(covered & set(words)) / len(words) if words else 0.0
            strong = (
                coverage >= cfg.strong_coverage
                or len(covered & set(words)) >= cfg.strong_words
                or float(sem[slot]) >= cfg.strong_semantic
            )
            reasons: list[dict] = []
            if matched_words:
                reasons.append({"type": "terms", "values": matched_words})
            if shared_v:
                reasons.append(
                    {
                        "type": "variants",
                        "values": self._variant_evidence(d, shared_v, found_concepts),
                    }
                )
            other_c = [c for c in shared_c if not is_variant(c)]
            if other_c:
                reasons.append({"type": "concepts", "values": other_c})
            if sem[slot] >= cfg.semantic_floor:
                reasons.append({"type": "semantic", "value": round(float(sem[slot]), 3)})
            if border[slot] > 1.0:
                reasons.append({"type": "cross_border", "country": d.country})
            if area[slot] > 1.0:
                reasons.append({"type": "programme_area", "nuts3": d.nuts3})
            if fit[slot] > 1.0:
                fit_values = sorted(asker_concepts & self._doc_concepts[slot])
                reasons.append({"type": "sector_fit", "values": fit_values})
            components = {
                "lexical": round(float(lex_norm[slot]), 4),
                "semantic": round(float(sem[slot]), 4),
                "concept": round(float(con[slot]), 4),
                "coverage": round(coverage, 4),
            }
            hits.append(Hit(d.kind, d.id, float(final[slot]), components, reasons, strong))
        return hits

    def _variant_evidence(self, doc: Document, concept_ids, found_concepts) -> list[dict]:
        """Per shared variant concept: the query's words and the document's words for it."""
        in_doc = self.lexicon.recognise_tokens(
            self.analyzer.analyse(doc.title) + self.analyzer.analyse(doc.body)
        )
        return [
            {"concept": c, "query": found_concepts[c], "document": in_doc.get(c, "")}
            for c in concept_ids
        ]

    # ----- persistence -----
    def save(self, directory: str | Path) -> None:
        """Write the index atomically to ``directory`` (see ``persistence``)."""
        from .persistence import save_engine

        with self._write_mutex:  # no upsert may slip in between compacting and writing
            with self._lock.write():
                self._compact()
            with self._lock.read():
                save_engine(self, Path(directory))

    @classmethod
    def load(
        cls,
        directory: str | Path,
        embedder: Embedder | None = None,
        text_concepts: Callable[[str], Mapping[str, str]] | None = None,
    ) -> Engine:
        """Read an index written by ``save``; raises ``IndexFormatError`` if unusable.

        ``text_concepts`` is code, not data, so the caller hands it again (see ``__init__``)."""
        from .persistence import load_engine

        return load_engine(cls, Path(directory), embedder, text_concepts)


def embed_text(doc: Document) -> str:
    return clean_text(f"{doc.title}. {doc.body}", max_chars=2_000)


def validate(query: Query) -> str:
    """Cleaned query text; raises ``EmptyQuery``/``InvalidQuery``."""
    if not isinstance(query.text, str):
        raise InvalidQuery("query text must be a string")
    if not 1 <= query.limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit must be between 1 and {MAX_LIMIT}")
    if not 0 <= query.offset <= MAX_OFFSET:
        raise InvalidQuery(f"offset must be between 0 and {MAX_OFFSET}")
    text = clean_text(query.text, max_chars=MAX_QUERY_CHARS).strip()
    if not any(ch.isalnum() for ch in text):
        raise EmptyQuery("query text is empty")
    return text


def _rrf(components, weights, mask, k, depth) -> np.ndarray:
    """Weighted reciprocal-rank fusion over each component's top ``depth`` positive scores."""
    out = np.zeros(len(mask), dtype=np.float64)
    for comp, w in zip(components, weights, strict=True):
        cand = np.flatnonzero(mask & (comp > 0))
        if not len(cand) or w == 0:
            continue
        if len(cand) > depth:
            cand = cand[np.argpartition(-comp[cand], depth - 1)[:depth]]
        ranked = cand[np.argsort(-comp[cand], kind="stable")]
        out[ranked] += w / (k + np.arange(1, len(ranked) + 1))
    return out * k  # scale so a rank-1 hit in every component is about 1


def _grow(array: np.ndarray, n: int, fill) -> np.ndarray:
    # exact size: every per-slot array must line up with the score vectors
    out = np.full(n, fill, dtype=array.dtype)
    out[: len(array)] = array
    return out
