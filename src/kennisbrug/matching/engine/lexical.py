"""BM25 over analysed terms, stored as term-by-document CSR matrices.

Rows are terms and columns are document slots, so a query reads just the rows
of its terms (a cheap CSR row slice) and accumulates scores with one
``np.bincount``. The matrices hold raw term frequencies; BM25's length
normalisation and IDF are applied at query time, so adding documents (which
moves the average length and the document frequencies) never rewrites old rows.

Writes go to a small *delta* segment that is rebuilt on each upsert and merged
into the *base* segment once it grows; removed documents are tombstoned by the
owner (the engine passes an ``alive`` mask) and dropped by ``compact``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

_DELTA_MERGE = 2_048


def _csr(rows: list[np.ndarray], cols: list[np.ndarray], data: list[np.ndarray], shape):
    if not rows:
        return sp.csr_matrix(shape, dtype=np.float32)
    return sp.csr_matrix(
        (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
        shape=shape,
        dtype=np.float32,
    )


class BM25Index:
    """Sparse BM25 index over document slots ``0..n_slots-1``.

    ``add`` appends a document at the next slot; ``forget`` removes its
    statistics (call it before tombstoning a slot); ``search`` scores all slots.
    """

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.term_ids: dict[str, int] = {}
        self.df = np.zeros(1024, dtype=np.int64)
        self.doc_len = np.zeros(1024, dtype=np.float32)
        self.n_slots = 0
        self.n_live = 0
        self.total_len = 0.0
        self._base = sp.csr_matrix((0, 0), dtype=np.float32)
        self._base_slots = 0
        self._delta_docs: list[tuple[np.ndarray, np.ndarray]] = []
        self._delta = sp.csr_matrix((0, 0), dtype=np.float32)
        self._base_csc: sp.csc_matrix | None = None

    # ----- writes -----
    def _term_id(self, term: str) -> int:
        tid = self.term_ids.get(term)
        if tid is None:
            tid = len(self.term_ids)
            self.term_ids[term] = tid
            if tid >= len(self.df):
                self.df = np.concatenate([self.df, np.zeros(len(self.df), dtype=np.int64)])
        return tid

    def add_many(self, term_lists: Sequence[Sequence[str]]) -> list[int]:
        """Append documents (each a list of terms with repeats); return their slots."""
        slots = []
        for terms in term_lists:
            counts = Counter(terms)
            ids = np.fromiter((self._term_id(t) for t in counts), dtype=np.int64, count=len(counts))
            tfs = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
            self.df[ids] += 1
            slot = self.n_slots
            if slot >= len(self.doc_len):
                grow = np.zeros(max(len(self.doc_len), 1024), dtype=np.float32)
                self.doc_len = np.concatenate([self.doc_len, grow])
            self.doc_len[slot] = len(terms)
            self.total_len += len(terms)
            self.n_slots += 1
            self.n_live += 1
            self._delta_docs.append((ids, tfs))
            slots.append(slot)
        if len(self._delta_docs) >= _DELTA_MERGE:
            self._merge_delta()
        else:
            self._rebuild_delta()
        return slots

    def forget(self, slot: int) -> None:
        """Remove a live slot's statistics; its postings stay until ``compact``."""
        row = self._postings_of(slot)
        if row is not None:
            self.df[row] -= 1
        self.total_len -= float(self.doc_len[slot])
        self.doc_len[slot] = 0.0
        self.n_live -= 1

    def _postings_of(self, slot: int) -> np.ndarray | None:
        if slot >= self._base_slots:
            return self._delta_docs[slot - self._base_slots][0]
        if self._base_csc is None:  # built once per merge, only when something is removed
            self._base_csc = self._base.tocsc()
        csc = self._base_csc
        return csc.indices[csc.indptr[slot] : csc.indptr[slot + 1]]

    def _rebuild_delta(self) -> None:
        rows, cols, data = [], [], []
        for j, (ids, tfs) in enumerate(self._delta_docs):
            rows.append(ids)
            cols.append(np.full(len(ids), j, dtype=np.int64))
            data.append(tfs)
        self._delta = _csr(rows, cols, data, (len(self.term_ids), len(self._delta_docs)))

    def _merge_delta(self) -> None:
        self._rebuild_delta()
        n_terms = len(self.term_ids)
        base = self._base.copy()
        base.resize((n_terms, self._base_slots))
        self._base = sp.hstack([base, self._delta], format="csr", dtype=np.float32)
        self._base_slots = self.n_slots
        self._base_csc = None
        self._delta_docs = []
        self._delta = sp.csr_matrix((n_terms, 0), dtype=np.float32)

    def compact(self, keep: np.ndarray) -> None:
        """Keep only the slots in ``keep`` (sorted), renumbered ``0..len(keep)-1``."""
        self._merge_delta()
        matrix = self._base[:, keep].tocsr() if len(keep) else self._base[:, :0].tocsr()
        matrix.eliminate_zeros()
        self._base = matrix
        self._base_csc = None
        self.doc_len = np.ascontiguousarray(self.doc_len[keep])
        self.n_slots = self._base_slots = len(keep)
        self.n_live = len(keep)
        self.total_len = float(self.doc_len.sum())
        self.df = np.zeros(max(len(self.term_ids), 1024), dtype=np.int64)
        self.df[: matrix.shape[0]] = np.diff(matrix.indptr)

    # ----- reads -----
    def idf(self, tids: np.ndarray) -> np.ndarray:
        n = max(self.n_live, 1)
        df = self.df[tids].astype(np.float64)
        return np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)

    def lookup(self, terms: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """Known terms of a query (deduplicated, order kept) and their ids."""
        known = [t for t in dict.fromkeys(terms) if t in self.term_ids]
        return known, np.array([self.term_ids[t] for t in known], dtype=np.int64)

    def search(self, tids: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """BM25 scores of every slot for the given term ids (a dense float32 vector)."""
        scores = np.zeros(self.n_slots, dtype=np.float32)
        if len(tids) == 0 or self.n_live == 0:
            return scores
        idf = self.idf(tids) if weights is None else self.idf(tids) * weights
        avgdl = max(self.total_len / self.n_live, 1.0)
        norm = self.k1 * (1.0 - self.b + self.b * self.doc_len[: self.n_slots] / avgdl)
        for matrix, offset in ((self._base, 0), (self._delta, self._base_slots)):
            if matrix.shape[1] == 0:
                continue
            inside = tids < matrix.shape[0]
            if not inside.any():
                continue
            sub = matrix[tids[inside]]
            if sub.nnz == 0:
                continue
            term_row = np.repeat(np.arange(sub.shape[0]), np.diff(sub.indptr))
            docs = sub.indices + offset
            tf = sub.data
            w = idf[inside][term_row] * tf * (self.k1 + 1.0) / (tf + norm[docs])
            scores += np.bincount(docs, weights=w, minlength=self.n_slots).astype(np.float32)
        return scores

    def matched_terms(self, tids: np.ndarray, slots: np.ndarray) -> list[set[int]]:
        """For each slot, the positions in ``tids`` whose term occurs in it."""
        out: list[set[int]] = [set() for _ in slots]
        for matrix, offset in ((self._base, 0), (self._delta, self._base_slots)):
            for pos, tid in enumerate(tids):
                if tid >= matrix.shape[0] or matrix.shape[1] == 0:
                    continue
                row = matrix.indices[matrix.indptr[tid] : matrix.indptr[tid + 1]] + offset
                hit = np.isin(slots, row)
                for i in np.flatnonzero(hit):
                    out[i].add(pos)
        return out

    # ----- persistence -----
    def to_arrays(self) -> dict[str, np.ndarray]:
        """Arrays for ``np.savez``; read-only, so it is safe under a read lock."""
        n_terms = len(self.term_ids)
        base = self._base.copy()
        base.resize((n_terms, self._base_slots))
        delta = self._delta.copy()
        delta.resize((n_terms, self.n_slots - self._base_slots))
        m = sp.hstack([base, delta], format="csr", dtype=np.float32)
        terms = np.array(sorted(self.term_ids, key=self.term_ids.__getitem__), dtype=object)
        return {
            "lex_data": m.data,
            "lex_indices": m.indices,
            "lex_indptr": m.indptr,
            "lex_shape": np.array(m.shape, dtype=np.int64),
            "lex_doc_len": self.doc_len[: self.n_slots],
            "lex_terms": terms.astype(str),
            "lex_params": np.array([self.k1, self.b], dtype=np.float64),
        }

    @classmethod
    def from_arrays(cls, arrays) -> BM25Index:
        k1, b = (float(x) for x in arrays["lex_params"])
        index = cls(k1=k1, b=b)
        shape = tuple(int(x) for x in arrays["lex_shape"])
        m = sp.csr_matrix(
            (arrays["lex_data"], arrays["lex_indices"], arrays["lex_indptr"]), shape=shape
        )
        index.term_ids = {str(t): i for i, t in enumerate(arrays["lex_terms"])}
        index._base = m
        index.n_slots = index._base_slots = index.n_live = shape[1]
        index.doc_len = np.array(arrays["lex_doc_len"], dtype=np.float32)
        index.total_len = float(index.doc_len.sum())
        index.df = np.zeros(max(len(index.term_ids), 1024), dtype=np.int64)
        index.df[: shape[0]] = np.diff(m.indptr)
        index._delta = sp.csr_matrix((shape[0], 0), dtype=np.float32)
        index._base_csc = None
        return index
