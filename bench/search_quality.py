"""Search quality on questions phrased the way SMEs ask them, over the demo catalogue.

    DATABASE_URL=sqlite:////tmp/kb_search.sqlite3 DJANGO_DEBUG=1 \
        uv run python bench/search_quality.py [--no-semantic] [--show-failures]

Needs a database with the demo catalogue (`load_reference_data`, `demo_data`).
The questions and their graded judgements are in `bench/data/search_questions.jsonl`
(written before any tuning; see bench/README.md). A judgement names either a
topic ("topic:glastuinbouw|greenhouse horticulture": the documents whose own
expertise/offer lines mention one of those phrases) or a title ("title:Waterstof":
documents whose title contains it), with grade 2 (answers the question) or 1
(related). Questions with no judgements are outside the catalogue: a good
engine says it found no strong match for them.

Reported for the engine and for plain BM25 (lowercase tokens, stop words
removed, no stemming, compounds, concepts or vectors) in the same run:
nDCG@10 over the answerable questions, their no-result rate (nothing returned,
or -- engine only -- nothing it calls a strong match), and how often an
unanswerable question is flagged as weak.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

QUESTIONS = Path(__file__).resolve().parent / "data" / "search_questions.jsonl"
K = 10


def load_questions() -> list[dict]:
    with QUESTIONS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _phrase_re(phrase: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(phrase.casefold()) + r"(?!\w)")


def expand_judgements(question: dict, docs: list) -> dict[tuple[str, str], int]:
    """(kind, id) -> grade for one question, from its topic and title judgements."""
    grades: dict[tuple[str, str], int] = {}
    for key, grade in question["rel"].items():
        how, _, value = key.partition(":")
        for d in docs:
            if how == "title":
                hit = value.casefold() in d.title.casefold()
            else:
                # the lines after the first: the first names the organisation and its sectors
                text = "\n".join(d.body.split("\n")[1:]).casefold()
                hit = any(_phrase_re(p).search(text) for p in value.split("|"))
            if hit:
                grades[d.key] = max(grades.get(d.key, 0), int(grade))
    return grades


def ndcg(ranked: list[tuple[str, str]], grades: dict, k: int = K) -> float:
    gains = [grades.get(key, 0) for key in ranked[:k]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


class PlainBM25:
    """Baseline: BM25 on folded tokens without stop words; nothing else."""

    def __init__(self, docs) -> None:
        from kennisbrug.matching.engine import BM25Index
        from kennisbrug.matching.engine.analysis import STOP_WORDS, tokenize

        self._stop = STOP_WORDS
        self._tokenize = tokenize
        self.docs = docs
        self.index = BM25Index()
        self.index.add_many([self._terms(f"{d.title} {d.title} {d.body}") for d in docs])

    def _terms(self, text: str) -> list[str]:
        return [t for t in self._tokenize(text) if t not in self._stop]

    def search(self, text: str, k: int = K) -> list[tuple[str, str]]:
        import numpy as np

        _, tids = self.index.lookup(list(dict.fromkeys(self._terms(text))))
        scores = self.index.search(tids)
        order = [i for i in np.argsort(-scores, kind="stable")[:k] if scores[i] > 0]
        return [self.docs[i].key for i in order]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-semantic", action="store_true", help="Engine without vectors.")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.conf.base")
    os.environ.setdefault("DJANGO_DEBUG", "1")  # a local measurement, not a deployment
    if args.no_semantic:
        os.environ["KENNISBRUG_MATCHING_SEMANTIC"] = "0"
    import django

    django.setup()
    from django.db import DatabaseError

    from kennisbrug.matching import index
    from kennisbrug.matching.documents import all_documents
    from kennisbrug.matching.engine import Query

    try:
        docs = list(all_documents())
    except DatabaseError:
        docs = []
    if not docs:
        print("SKIPPED: no documents; load the demo data first (see the docstring).")
        return 0
    engine = index.build_engine()
    baseline = PlainBM25(docs)
    questions = load_questions()

    rows = defaultdict(list)
    failures = []
    for q in questions:
        grades = expand_judgements(q, docs)
        hits = engine.search(Query(text=q["text"], limit=K))
        ranked = [(h.kind, h.id) for h in hits]
        strong = any(h.strong for h in hits) if hits and hasattr(hits[0], "strong") else bool(hits)
        plain = baseline.search(q["text"])
        if not q["rel"]:
            rows["unanswerable_engine_weak"].append(not strong)
            rows["unanswerable_bm25_empty"].append(not plain)
            continue
        if not grades:
            print(f"warning: {q['id']} has judgements that match no document")
            continue
        e, b = ndcg(ranked, grades), ndcg(plain, grades)
        rows[("engine", q["lang"])].append(e)
        rows[("bm25", q["lang"])].append(b)
        rows["engine_empty"].append(not hits)
        rows["engine_weak"].append(not strong)
        rows["bm25_empty"].append(not plain)
        if args.show_failures and e < 0.3:
            titles = [engine.get(*key).title for key in ranked[:3]]
            failures.append(f"{q['id']} {e:.2f} {q['text']!r} -> {titles}")

    def mean(values):
        return sum(values) / len(values) if values else float("nan")

    langs = sorted({lang for _, lang in (k for k in rows if isinstance(k, tuple))})
    answerable = sum(len(rows[("engine", lang)]) for lang in langs)
    print(f"{len(questions)} questions, {answerable} answerable, {len(docs)} documents")
    print(f"{'':10}{'nDCG@10':>9}" + "".join(f"{lang:>8}" for lang in langs))
    for system in ("engine", "bm25"):
        every = [v for lang in langs for v in rows[(system, lang)]]
        per = "".join(f"{mean(rows[(system, lang)]):>8.3f}" for lang in langs)
        print(f"{system:10}{mean(every):>9.3f}{per}")
    print(
        f"no result (empty list)        engine {mean(rows['engine_empty']):.3f}"
        f"   bm25 {mean(rows['bm25_empty']):.3f}"
    )
    print(f"no strong match (engine says) {mean(rows['engine_weak']):.3f}")
    print(
        f"unanswerable flagged weak     engine {mean(rows['unanswerable_engine_weak']):.3f}"
        f"   bm25 empty {mean(rows['unanswerable_bm25_empty']):.3f}"
    )
    for line in failures:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
