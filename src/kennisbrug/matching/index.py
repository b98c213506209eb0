"""The process-wide engine: loaded lazily, kept in step with the database, persisted to disk.

Consistency across web workers: every document change bumps `IndexVersion`
and appends an `IndexChange` with that version (committed versions are
contiguous). A worker remembers the version its engine reflects; before each
search it replays the changes since then (re-reading the documents, so
replays are idempotent). When the log has a gap (pruned by a rebuild) or the
database is behind the worker (a restored database), the worker reloads the
saved index or rebuilds from the database. The index is saved after a
rebuild and every `PERSIST_EVERY` applied changes, under a file lock so two
processes never interleave their writes.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from kennisbrug.core.fragments import fragments_changed
from kennisbrug.core.tasks import enqueue_on_commit

from .documents import all_documents, code_concepts, concept_lexicon, documents_for
from .engine import CachedEmbedder, Engine, IndexFormatError, UseEmbedder, VectorCache
from .models import IndexChange, IndexOperation, IndexVersion

logger = logging.getLogger(__name__)

PERSIST_EVERY = 200
# The kept search pages (views.search, core.fragments) renew with every new index version.
SEARCH_FRAGMENT = "search"
BATCH = 256

_lock = threading.RLock()
_engine: Engine | None = None
_version = -1
_unsaved = 0
_embedders: dict[str, CachedEmbedder] = {}


# ----- configuration -----
def index_dir() -> Path:
    return Path(settings.KENNISBRUG_INDEX_DIR)


def semantic_enabled() -> bool:
    return bool(getattr(settings, "KENNISBRUG_MATCHING_SEMANTIC", True))


def embedder() -> CachedEmbedder | None:
    """The sentence-embedding model, loaded once per process and cached on disk."""
    if not semantic_enabled():
        return None
    with _lock:
        if "use" not in _embedders:
            threads = int(os.environ.get("KENNISBRUG_MATCHING_THREADS", os.cpu_count() or 1))
            model = UseEmbedder(threads=threads)
            cache = VectorCache(model.name, index_dir() / "vectors-cache.npz")
            _embedders["use"] = CachedEmbedder(model, cache)
        return _embedders["use"]


def _engine_path() -> Path:
    return index_dir() / "engine"


def _state_path() -> Path:
    return index_dir() / "engine-state.json"


# ----- the database side -----
def current_version() -> int:
    return IndexVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def _bump(changes: list[tuple[str, str, str]]) -> int:
    """Append changes with consecutive versions; returns the last version. Caller is atomic."""
    n = len(changes)
    if not IndexVersion.objects.filter(pk=1).update(version=F("version") + n):
        try:
            with transaction.atomic():
                IndexVersion.objects.create(pk=1, version=0)
        except IntegrityError:
            pass  # another process created it first
        IndexVersion.objects.filter(pk=1).update(version=F("version") + n)
    last = IndexVersion.objects.get(pk=1).version
    IndexChange.objects.bulk_create(
        IndexChange(version=last - n + 1 + i, kind=kind, doc_id=doc_id, op=op)
        for i, (kind, doc_id, op) in enumerate(changes)
    )
    fragments_changed(SEARCH_FRAGMENT)
    return last


def record_changes(changes: Iterable[tuple[str, str, str]]) -> int:
    """Log document changes (kind, id, op) as new index versions; returns the last version."""
    changes = [(str(k), str(i), op) for k, i, op in changes]
    if not changes:
        return current_version()
    with transaction.atomic():
        return _bump(changes)


def document_changed(kind: str, id, *, removed: bool = False) -> None:
    """A document was written or deleted: log it, then bring this process's index up to date.

    Call it after commit (`transaction.on_commit(lambda: document_changed(...))`).
    """
    op = IndexOperation.REMOVE if removed else IndexOperation.UPSERT
    record_changes([(kind, str(id), op)])
    if _engine is not None:
        try:
            sync()
        except Exception:  # the next search retries; a failing index must not fail a save
            logger.exception("matching_index_sync_failed kind=%s id=%s", kind, id)


def on_commit_changed(kind: str, id, *, removed: bool = False) -> None:
    """After commit, queue the index update: the worker logs the change (and embeds the
    text when its engine is loaded); each web process replays the log before its next search."""
    from .tasks import index_document_changed

    enqueue_on_commit(index_document_changed, str(kind), str(id), removed)


# ----- the process side -----
def build_engine(progress: Callable[[int], None] | None = None) -> Engine:
    """A fresh engine with every provider's documents (read from the database now)."""
    engine = Engine(embedder=embedder(), concepts=concept_lexicon(), text_concepts=code_concepts)
    batch = []
    for doc in all_documents():
        batch.append(doc)
        if len(batch) >= BATCH:
            engine.upsert(batch)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        engine.upsert(batch)
        if progress:
            progress(len(batch))
    return engine


@contextmanager
def _file_lock():
    index_dir().mkdir(parents=True, exist_ok=True)
    with open(index_dir() / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _save(engine: Engine, version: int) -> None:
    with _file_lock():
        engine.save(_engine_path())
        _state_path().write_text(json.dumps({"version": version}), encoding="utf-8")
        emb = engine.embedder
        if emb is not None:
            emb.cache.save()


def _load_saved() -> tuple[Engine, int] | None:
    try:
        with _file_lock():
            version = int(json.loads(_state_path().read_text("utf-8"))["version"])
            engine = Engine.load(_engine_path(), embedder=embedder(), text_concepts=code_concepts)
    except (OSError, ValueError, KeyError, TypeError, IndexFormatError) as exc:
        logger.info("matching_index_not_loaded reason=%s", exc)
        return None
    return engine, version


def _fresh(version: int) -> Engine:
    global _engine, _version, _unsaved
    _engine = engine = build_engine()
    _version = version
    _unsaved = 0
    _save(engine, version)
    return engine


def _load_or_build() -> None:
    global _engine, _version, _unsaved
    db_version = current_version()
    saved = _load_saved()
    if saved is not None and saved[1] <= db_version:
        _engine, _version = saved
        _unsaved = 0
        logger.info("matching_index_loaded version=%s documents=%s", _version, len(_engine))
    else:
        engine = _fresh(db_version)
        logger.info("matching_index_built version=%s documents=%s", _version, len(engine))


def sync() -> int:
    """Apply the changes since this process's version; returns the version now reflected."""
    global _version, _unsaved
    with _lock:
        if _engine is None:
            _load_or_build()
        db_version = current_version()
        if db_version == _version:
            return _version
        if db_version < _version:
            _fresh(db_version)  # the database went back: trust it, not our memory
            return _version
        changes = list(
            IndexChange.objects.filter(version__gt=_version, version__lte=db_version)
            .order_by("version")
            .values_list("version", "kind", "doc_id", "op")
        )
        if len(changes) != db_version - _version:
            _load_or_build()  # a gap: the log was pruned past us
            if _version < db_version:
                return sync()
            return _version
        keys = {(k, i) for _, k, i, op in changes if op != IndexOperation.REBUILD}
        found = documents_for(keys)
        engine = _engine
        assert engine is not None  # loaded above
        engine.upsert(found.values())
        for key in keys - found.keys():
            engine.remove(*key)
        _version = db_version
        _unsaved += len(keys)
        if _unsaved >= PERSIST_EVERY:
            _save(engine, _version)
            _unsaved = 0
        return _version


def get_engine() -> Engine:
    """The engine, up to date with the database."""
    sync()
    assert _engine is not None
    return _engine


def rebuild(progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Rebuild from the database, save, and prune the log. Returns (documents, version)."""
    global _engine, _version, _unsaved
    start = current_version()
    engine = build_engine(progress)
    version = record_changes([("*", "", IndexOperation.REBUILD)])
    # the engine reflects everything up to `start`; later changes are replayed
    with _lock:
        _save(engine, start)
        IndexChange.objects.filter(version__lte=start).delete()
        IndexVersion.objects.filter(pk=1).update(rebuilt_at_version=version)
        _engine, _version, _unsaved = engine, start, 0
    sync()
    return len(engine), version


def status() -> dict[str, object]:
    """This process's index for readiness checks, loading or building nothing.

    {"loaded": in memory here, "version": the version it reflects (None when not loaded),
    "saved": a persisted index is on disk for a worker to load}.
    """
    loaded = _engine is not None
    return {
        "loaded": loaded,
        "version": _version if loaded else None,
        "saved": _state_path().is_file() and _engine_path().exists(),
    }


def reset() -> None:
    """Forget the in-memory engine (tests, or after the index directory changed)."""
    global _engine, _version, _unsaved
    with _lock:
        _engine, _version, _unsaved = None, -1, 0
