"""Speed of the matching engine at 1k, 10k and 100k documents.

    uv run python bench/matching_speed.py            # 1k, 10k, 100k
    uv run python bench/matching_speed.py --quick    # 1k, 10k (CI)

The corpus is generated (seeded) from real ESCO v1.1.1 text when
../shared/data/esco is present, else from a small built-in vocabulary. Vectors
come from the on-disk cache in var/bench-cache/ after the first run, so build
time is reported without embedding, and embedding separately (warm or cold).
BLAS is pinned to --threads (default 1) while measuring, so the query
latencies are single-core figures; embedding uses --embed-threads.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import time

import numpy as np
from _common import CACHE_DIR, esco_dir, load_occupations, load_skills, print_table, rss_mb
from tqdm import tqdm

from kennisbrug.matching.engine import (
    CachedEmbedder,
    Concept,
    Document,
    Engine,
    Query,
    UseEmbedder,
    VectorCache,
    blas,
)
from kennisbrug.matching.engine.engine import embed_text

SEED = 20260101
KINDS = ["provider", "facility", "living_lab", "occupation", "training"]
COUNTRIES = ["BE", "NL", "NL", "BE", "DE", "FR"]
CONCEPTS = [
    Concept("ket:photonics", {"nl": "fotonica", "en": "photonics"}),
    Concept("ket:robotics", {"nl": "robotica", "en": "robotics"}, ("lasrobot", "robotic welding")),
    Concept("ket:ai", {"nl": "kunstmatige intelligentie", "en": "artificial intelligence"}),
    Concept("ket:nano", {"nl": "nanotechnologie", "en": "nanotechnology"}),
    Concept("ket:materials", {"nl": "geavanceerde materialen", "en": "advanced materials"}),
    Concept("sector:energy", {"nl": "energie", "en": "energy"}, ("waterstof", "hydrogen")),
    Concept("sector:agrifood", {"nl": "agrovoeding", "en": "agrifood"}, ("voeding", "food")),
    Concept("sector:health", {"nl": "gezondheidszorg", "en": "health care"}),
    Concept("sector:logistics", {"nl": "logistiek", "en": "logistics"}),
    Concept("sector:chemistry", {"nl": "chemie", "en": "chemistry"}),
]
_BUILTIN = (
    "waterstof opslag tank fotonica laser snijden robot lassen sensor data software "
    "onderhoud installatie productie proces voeding landbouw logistiek haven chemie "
    "kunststof recycling energie batterij zonnepaneel warmtepomp ziekenhuis zorg "
    "hydrogen storage photonics welding maintenance production food logistics chemistry "
    "recycling battery solar heat pump hospital care machine learning design testing"
)
BUILTIN_WORDS = _BUILTIN.split()


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 20]


def make_corpus(n: int) -> tuple[list[Document], list[str], str]:
    """``n`` documents and a query list, deterministic for a given ``n`` prefix."""
    rng = random.Random(SEED)
    base = esco_dir()
    if base is not None:
        occupations = load_occupations(base)
        skills = load_skills(base)
        titles = [o.label_nl for o in occupations] + [o.label_en for o in occupations]
        titles += [label for label, _ in skills]
        sentences = []
        for o in occupations:
            sentences += _sentences(o.description_nl) + _sentences(o.description_en)
        sentences += [d for _, d in skills if len(d) > 20]
        queries = [a for o in occupations for a in o.alt_nl[:2] + o.alt_en[:2]]
        queries += [label for label, _ in skills[:3000]]
        source = f"ESCO v1.1.1 from {base} ({len(titles):,} labels, {len(sentences):,} sentences)"
    else:
        titles = [" ".join(rng.sample(BUILTIN_WORDS, 3)) for _ in range(2000)]
        sentences = [" ".join(rng.sample(BUILTIN_WORDS, 12)) + "." for _ in range(5000)]
        queries = [" ".join(rng.sample(BUILTIN_WORDS, 2)) for _ in range(1000)]
        source = "built-in vocabulary (ESCO not found: set KENNISBRUG_ESCO_DIR)"
    docs = []
    for i in range(n):
        concepts = frozenset(c.id for c in rng.sample(CONCEPTS, rng.randint(0, 2)))
        docs.append(
            Document(
                kind=rng.choice(KINDS),
                id=str(i),
                title=rng.choice(titles),
                body=" ".join(rng.sample(sentences, rng.choice((1, 2)))),
                concepts=concepts,
                country=rng.choice(COUNTRIES),
                in_programme_area=rng.random() < 0.6,
                attrs={"available": rng.random() < 0.8, "trl": rng.randint(1, 9)},
            )
        )
    return docs, rng.sample(queries, min(len(queries), 2000)), source


def percentiles(values: list[float]) -> tuple[float, float, float]:
    p50, p95, p99 = np.percentile(np.array(values) * 1000, [50, 95, 99])
    return float(p50), float(p95), float(p99)


def run_size(n, docs, queries, embedder, n_queries):
    gc.collect()
    engine = Engine(embedder=embedder, concepts=CONCEPTS)
    t0 = time.perf_counter()
    for start in range(0, n, 5000):
        engine.upsert(docs[start : min(start + 5000, n)])
    build = time.perf_counter() - t0
    index_mb = (
        engine.vectors.matrix.nbytes
        + sum(a.nbytes for a in engine.lexical.to_arrays().values() if a.dtype != object)
    ) / 1e6
    rng = random.Random(SEED + n)
    qs = [rng.choice(queries) for _ in range(n_queries)]
    for q in qs[:20]:  # warm up caches and code paths
        engine.search(Query(q))
    latencies, filtered = [], []
    for i, q in enumerate(qs):
        t = time.perf_counter()
        engine.search(Query(q, cross_border_from="NL"))
        latencies.append(time.perf_counter() - t)
        if i % 2 == 0:
            query = Query(q, kinds=("provider", "facility"), filters={"available": True})
            t = time.perf_counter()
            engine.search(query)
            filtered.append(time.perf_counter() - t)
    embed_times = []
    for q in qs[:100]:
        t = time.perf_counter()
        embedder.embedder.encode([q])
        embed_times.append(time.perf_counter() - t)
    upserts = []
    for i in range(50):
        doc = Document("provider", f"new-{i}", qs[i], qs[-i - 1])
        embedder.encode([embed_text(doc)])  # measure the index write, not the model
        t = time.perf_counter()
        engine.upsert([doc])
        upserts.append(time.perf_counter() - t)
    row = [
        f"{n:,}",
        build,
        *percentiles(latencies),
        percentiles(filtered)[1],
        percentiles(embed_times)[0],
        percentiles(upserts)[0],
        index_mb,
        rss_mb(),
    ]
    del engine
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only (for CI)")
    parser.add_argument("--sizes", default=None, help="comma-separated sizes")
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads for queries")
    parser.add_argument("--embed-threads", type=int, default=1, help="BLAS threads to embed")
    parser.add_argument("--embed-only", action="store_true", help="only fill the vector cache")
    parser.add_argument(
        "--fill-missing",
        action="store_true",
        help="give texts missing from the cache a random unit vector instead of embedding "
        "them (latency does not depend on vector values; the run says how many)",
    )
    args = parser.parse_args()
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]

    docs, queries, source = make_corpus(max(sizes))
    print(f"corpus: {source}")
    load = os.getloadavg()[0]
    print(f"cpus: {os.cpu_count()}, load average at start: {load:.1f}")
    model = UseEmbedder(threads=args.embed_threads, query_threads=args.threads)
    cache = VectorCache(model.name, CACHE_DIR / "vectors-speed.npz")
    embedder = CachedEmbedder(model, cache)
    texts = [embed_text(d) for d in docs]
    t = time.perf_counter()
    synthetic = 0
    if args.fill_missing:
        missing = [t for t, v in zip(texts, cache.get_many(texts), strict=True) if v is None]
        rng = np.random.default_rng(SEED)
        vectors = rng.standard_normal((len(missing), model.dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        cache.put_many(missing, vectors)  # in memory only: never saved
        synthetic = len(missing)
    step = 2_000
    for start in tqdm(range(0, len(texts), step), desc="embedding", unit="batch", leave=False):
        embedder.encode(texts[start : start + step])
        if not args.fill_missing:
            cache.save()  # so an interrupted cold run resumes where it stopped
    embed_s = time.perf_counter() - t
    if synthetic:
        print(f"vectors: {synthetic:,} of {len(texts):,} are random stand-ins (--fill-missing)")
    warm = embedder.misses == 0
    rate = embedder.misses / embed_s if embedder.misses else float("nan")
    print(
        f"embedding {len(texts):,} docs: {embed_s:.1f} s, cache {'warm' if warm else 'cold'} "
        f"({embedder.hits:,} cached, {embedder.misses:,} computed"
        + (f", {rate:,.0f} texts/s)" if embedder.misses else ")")
    )
    if args.embed_only:
        return
    blas.set_threads(args.threads)
    print(f"BLAS threads while measuring: {blas.get_threads()} (query latency is single-core)")
    rows = [run_size(n, docs, queries, embedder, args.queries) for n in sizes]
    print()
    print_table(
        [
            "docs",
            "build s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "p95 filtered",
            "q-embed p50",
            "upsert 1 p50",
            "index MB",
            "RSS MB",
        ],
        rows,
    )
    print(
        "\nbuild = analysis + indexing with vectors from the cache; latencies are full "
        "Engine.search calls\n(query embedding included) over mixed NL/EN ESCO queries; "
        "RSS is the whole process after that size."
    )


if __name__ == "__main__":
    main()
