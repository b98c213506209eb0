"""Retrieval quality on ESCO: occupations as documents, their alternative labels as queries.

    uv run python bench/matching_quality.py [--sample 300] [--seed 7]

Documents are ESCO v1.1.1 occupations with their Dutch and English preferred
labels and descriptions; the alternative labels (held out: never indexed) are
the queries, and the occupation they belong to is the one right answer.
Queries are sampled per language with a fixed seed. Compared in one run:
(a) plain BM25 on lowercase whitespace tokens, (b) the engine's lexical
pipeline, (c) vectors alone, (d) the fused engine (several fusion settings).
Needs ../shared/data/esco (or $KENNISBRUG_ESCO_DIR); skips when it is absent.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time

import numpy as np
from _common import CACHE_DIR, esco_dir, load_occupations, print_table

from kennisbrug.matching.engine import (
    BM25Index,
    CachedEmbedder,
    Document,
    Engine,
    Query,
    UseEmbedder,
    VectorCache,
    fold,
)

DEPTH = 100  # ranks beyond this count as a miss for MRR


def build_queries(occupations, per_language: int, seed: int):
    """(text, language, gold uri), unambiguous and not equal to a preferred label."""
    owners: dict[str, set[str]] = {}
    preferred = set()
    for o in occupations:
        preferred |= {fold(o.label_nl), fold(o.label_en)}
        for alt in o.alt_nl + o.alt_en:
            owners.setdefault(fold(alt), set()).add(o.uri)
    pools: dict[str, list[tuple[str, str, str]]] = {"nl": [], "en": []}
    for o in occupations:
        for lang, alts in (("nl", o.alt_nl), ("en", o.alt_en)):
            for alt in alts:
                key = fold(alt)
                if key not in preferred and len(owners[key]) == 1:
                    pools[lang].append((alt, lang, o.uri))
    rng = random.Random(seed)
    out = []
    for lang in ("nl", "en"):
        out += rng.sample(pools[lang], min(per_language, len(pools[lang])))
    return out, {k: len(v) for k, v in pools.items()}


def metrics(ranks: list[int | None]) -> tuple[float, float, float]:
    rr = [1.0 / r if r else 0.0 for r in ranks]
    r1 = [1.0 if r == 1 else 0.0 for r in ranks]
    r10 = [1.0 if r and r <= 10 else 0.0 for r in ranks]
    return float(np.mean(rr)), float(np.mean(r1)), float(np.mean(r10))


def rank_of(ranked_ids: list[str], gold: str) -> int | None:
    try:
        return ranked_ids.index(gold) + 1
    except ValueError:
        return None


def run_baseline(occupations, queries):
    index = BM25Index()
    index.add_many(
        [
            f"{o.label_nl} {o.label_en} {o.description_nl} {o.description_en}".lower().split()
            for o in occupations
        ]
    )
    uris = [o.uri for o in occupations]
    ranks = []
    for text, _, gold in queries:
        _, tids = index.lookup(text.lower().split())
        scores = index.search(tids)
        top = np.argsort(-scores, kind="stable")[:DEPTH]
        ranks.append(rank_of([uris[i] for i in top if scores[i] > 0], gold))
    return ranks


def run_engine(engine, queries, config):
    engine.config = config
    ranks = []
    for text, _, gold in queries:
        hits = engine.search(Query(text, limit=DEPTH))
        ranks.append(rank_of([h.id for h in hits], gold))
    return ranks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=300, help="queries per language")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    base = esco_dir()
    if base is None:
        print("SKIPPED: ESCO not found (../shared/data/esco or $KENNISBRUG_ESCO_DIR).")
        sys.exit(0)
    t0 = time.perf_counter()
    occupations = load_occupations(base)
    queries, pool_sizes = build_queries(occupations, args.sample, args.seed)
    print(
        f"ESCO v1.1.1 from {base}: {len(occupations):,} occupations (NL+EN labels + descriptions)"
    )
    print(
        f"queries: {len(queries):,} held-out alternative labels, seed {args.seed} "
        f"(sampled from {pool_sizes['nl']:,} NL and {pool_sizes['en']:,} EN)"
    )

    model = UseEmbedder()
    disk = CachedEmbedder(model, VectorCache(model.name, CACHE_DIR / "vectors-quality.npz"))
    engine = Engine(embedder=CachedEmbedder(disk))  # queries go through the disk cache too
    engine.upsert(
        Document(
            "occupation",
            o.uri,
            f"{o.label_nl} / {o.label_en}",
            f"{o.description_nl}\n{o.description_en}",
        )
        for o in occupations
    )
    default = engine.config
    systems: list[tuple[str, list[int | None]]] = [
        ("(a) BM25, lowercase whitespace tokens", run_baseline(occupations, queries))
    ]
    lexical_only = dataclasses.replace(default, w_lexical=1.0, w_semantic=0.0, w_concept=0.0)
    vectors_only = dataclasses.replace(
        default, w_lexical=0.0, w_semantic=1.0, w_concept=0.0, semantic_floor=-1.0
    )
    systems.append(
        ("(b) lexical pipeline (NL+EN analysis, BM25)", run_engine(engine, queries, lexical_only))
    )
    systems.append(
        ("(c) vectors alone (USE multilingual)", run_engine(engine, queries, vectors_only))
    )
    variants = {
        f"(d) fused, default ({default.fusion} {default.w_lexical}/{default.w_semantic})": default,
        "(d') fused, weighted 0.6/0.4": dataclasses.replace(
            default, fusion="weighted", w_lexical=0.6, w_semantic=0.4
        ),
        "(d') fused, weighted 0.45/0.45": dataclasses.replace(
            default, fusion="weighted", w_lexical=0.45, w_semantic=0.45
        ),
        "(d') fused, weighted 0.5/0.5": dataclasses.replace(
            default, fusion="weighted", w_lexical=0.5, w_semantic=0.5
        ),
        "(d') fused, RRF k=60": dataclasses.replace(
            default, fusion="rrf", w_lexical=1.0, w_semantic=1.0
        ),
    }
    for name, config in variants.items():
        systems.append((name, run_engine(engine, queries, config)))
    disk.cache.save()

    langs = [lang for _, lang, _ in queries]
    rows = []
    for name, ranks in systems:
        mrr, r1, r10 = metrics(ranks)
        mrr_nl = metrics([r for r, lang in zip(ranks, langs, strict=True) if lang == "nl"])[0]
        mrr_en = metrics([r for r, lang in zip(ranks, langs, strict=True) if lang == "en"])[0]
        rows.append([name, mrr, r1, r10, mrr_nl, mrr_en])
    print()
    print_table(["system", "MRR", "R@1", "R@10", "MRR nl", "MRR en"], rows)
    baseline, fused = rows[0][1], rows[3][1]
    print(f"\nfused (default) / baseline MRR = {fused / baseline:.2f}  (goal >= 1.15)")
    print(f"MRR counts ranks up to {DEPTH}; run took {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
