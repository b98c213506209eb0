"""Fit-check accuracy on labelled project ideas and on the programme's own A1/A2 example activities.

    uv run python bench/projects_fitcheck.py [--quick] [--lexical-only]

- Labelled ideas: bench/projects_fitcheck_examples.json, written for evaluation only
  (the checker never reads it; nothing is fitted to it). Reported per split: 'dev'
  examples were looked at when the fixed weights were chosen, 'test' never.
- Programme activities: each A1/A2 example activity is classified *leave-one-out*:
  the activity is removed from the profiles before it is scored, so the checker never
  sees the text it is tested on. Reported: objective accuracy (A1 vs A2 vs others) and
  whether the nearest remaining activity is of the same objective.
"""

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.conf.test")

import django  # noqa: E402

django.setup()

from kennisbrug.matching.engine import CachedEmbedder, UseEmbedder  # noqa: E402
from kennisbrug.projects.fitcheck import FitChecker  # noqa: E402
from kennisbrug.projects.fitcheck.programme import load_programme  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--lexical-only", action="store_true")
    args = parser.parse_args()
    examples = json.loads((HERE / "projects_fitcheck_examples.json").read_text())["examples"]
    programme = load_programme()
    embedder = (
        None if args.lexical_only else CachedEmbedder(UseEmbedder(threads=os.cpu_count() or 1))
    )
    t0 = time.perf_counter()
    checker = FitChecker(programme, embedder)
    build = time.perf_counter() - t0

    print(
        f"embedding model: {embedder.name if embedder else 'none (lexical only)'}; build {build:.2f} s"
    )
    print(f"{'set':<22}{'n':>4}{'correct':>9}{'accuracy':>10}")
    confusion = Counter()
    times = []
    for split in ("dev", "test"):
        rows = [e for e in examples if e["split"] == split]
        ok = 0
        for e in rows:
            t = time.perf_counter()
            scores, _ = checker.scorer.score(e["text"])
            times.append(time.perf_counter() - t)
            ok += scores[0].code == e["label"]
            confusion[(e["label"], scores[0].code)] += 1
        print(f"{'ideas/' + split:<22}{len(rows):>4}{ok:>9}{ok / len(rows):>10.1%}")
    for lang in ("nl", "en"):
        rows = [e for e in examples if e["lang"] == lang and e["split"] == "test"]
        ok = sum(confusion_pred(checker, e) == e["label"] for e in rows)
        print(f"{'ideas/test/' + lang:<22}{len(rows):>4}{ok:>9}{ok / len(rows):>10.1%}")

    # leave-one-out on the programme's own example activities
    ok_obj = ok_act = n = 0
    for activity in programme.activities:
        loo = FitChecker(
            programme,
            embedder,
            exclude_activities=frozenset({(activity.objective, activity.number)}),
        )
        for text in (activity.text_nl, activity.text_en):
            scores, acts = loo.scorer.score(text)
            n += 1
            ok_obj += scores[0].code == activity.objective
            ok_act += acts[0].activity.objective == activity.objective
    print(f"{'activities (LOO) obj.':<22}{n:>4}{ok_obj:>9}{ok_obj / n:>10.1%}")
    print(f"{'activities (LOO) near':<22}{n:>4}{ok_act:>9}{ok_act / n:>10.1%}")
    print("\nconfusion (label -> predicted, all ideas):")
    for (label, pred), count in sorted(confusion.items()):
        mark = "" if label == pred else "   <- wrong"
        print(f"  {label:<15} -> {pred:<15}{count:>3}{mark}")
    times.sort()
    print(
        f"\nlatency per idea: median {times[len(times) // 2] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )
    return 0


def confusion_pred(checker, example):
    return checker.scorer.score(example["text"])[0][0].code


if __name__ == "__main__":
    sys.exit(main())
