"""Saving and loading an engine: one directory, written to a temp dir and renamed into place.

Layout (``FORMAT_VERSION`` 1)::

    manifest.json   format and analysis versions, embedder name, config, counts
    documents.jsonl one document per line, with the concepts recognised in it
    lexical.npz     BM25 term-by-document matrix, term list, lengths
    vectors.npy     float32 unit vectors, one row per document (if an embedder was used)
    vocabulary.json learned compound-splitter vocabulary
    concepts.json   the concept lexicon
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .analysis import ANALYSIS_VERSION
from .concepts import Concept
from .documents import Document, IndexFormatError
from .lexical import BM25Index
from .semantic import CachedEmbedder, Embedder, VectorIndex

if TYPE_CHECKING:
    from .engine import Engine

FORMAT_VERSION = 1


def save_engine(engine: Engine, directory: Path) -> None:
    """Caller holds the engine's read lock and has compacted it (no dead slots)."""
    directory = directory.resolve()
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        docs = engine._docs
        with open(tmp / "documents.jsonl", "w", encoding="utf-8") as f:
            for d, cs in zip(docs, engine._doc_concepts, strict=True):
                assert d is not None  # compacted: every slot holds a document
                row = d.to_json() | {"found_concepts": sorted(cs - d.concepts)}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        # numpy's stub reads any ** mapping as possibly holding its allow_pickle flag
        np.savez(tmp / "lexical.npz", **engine.lexical.to_arrays())  # type: ignore[arg-type]
        if engine.vectors is not None:
            np.save(tmp / "vectors.npy", engine.vectors.matrix)
        _write_json(tmp / "vocabulary.json", sorted(engine.analyzer.learned_words))
        _write_json(tmp / "concepts.json", [c.to_json() for c in engine.lexicon.concepts()])
        manifest = {
            "format_version": FORMAT_VERSION,
            "analysis_version": ANALYSIS_VERSION,
            "embedder": engine.embedder.name if engine.embedder else None,
            "documents": len(docs),
            "config": dataclasses.asdict(engine.config),
        }
        _write_json(tmp / "manifest.json", manifest)  # last: its presence marks completeness
        old = None
        if directory.exists():
            old = directory.with_name(f".{directory.name}.old-{os.getpid()}")
            os.replace(directory, old)
        os.replace(tmp, directory)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def load_engine(
    cls: type[Engine], directory: Path, embedder: Embedder | None, text_concepts=None
) -> Engine:
    from .engine import EngineConfig

    try:
        manifest = json.loads((directory / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexFormatError(f"no readable index in {directory}: {exc}") from exc
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexFormatError(f"unsupported index format {manifest.get('format_version')!r}")
    try:
        config = EngineConfig(**manifest["config"])
        concepts = [Concept.from_json(c) for c in _read_json(directory / "concepts.json")]
        engine = cls(
            embedder=embedder, concepts=concepts, config=config, text_concepts=text_concepts
        )
        engine.analyzer.learn(_read_json(directory / "vocabulary.json"))
        docs, found = [], []
        with open(directory / "documents.jsonl", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                doc = Document.from_json(row)
                docs.append(doc)
                found.append(doc.concepts | frozenset(row.get("found_concepts", ())))
        vectors = None
        if (directory / "vectors.npy").exists():
            vectors = np.load(directory / "vectors.npy", allow_pickle=False)
        with np.load(directory / "lexical.npz", allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexFormatError(f"damaged index in {directory}: {exc}") from exc
    if len(docs) != manifest["documents"]:
        raise IndexFormatError("document count does not match the manifest")

    same_model = engine.embedder is not None and manifest["embedder"] == engine.embedder.name
    if engine.embedder is not None and not same_model:
        engine.upsert(docs)  # another model: vectors must be recomputed
        return engine
    if manifest["analysis_version"] != ANALYSIS_VERSION:
        if engine.embedder is not None and vectors is not None:
            _seed_cache(engine.embedder, docs, vectors)
        engine.upsert(docs)  # analysis changed: re-analyse, reuse the vectors
        return engine

    engine.lexical = BM25Index.from_arrays(arrays)
    engine.lexical.k1, engine.lexical.b = config.k1, config.b
    if engine.embedder is not None:
        if vectors is None or len(vectors) != len(docs):
            raise IndexFormatError("vectors do not match the documents")
        engine.vectors = VectorIndex(engine.embedder.dim)
        engine.vectors.add_many(vectors)
    engine._restore(docs, found)
    return engine


def _seed_cache(embedder: CachedEmbedder, docs: list[Document], vectors: np.ndarray) -> None:
    from .engine import embed_text

    embedder.cache.put_many([embed_text(d) for d in docs], vectors)


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _read_json(path: Path):
    return json.loads(path.read_text("utf-8"))
