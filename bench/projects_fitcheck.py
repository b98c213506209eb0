"""Fit-check accuracy on real Interreg projects, on our own labelled ideas and on the programme's examples.

    uv run python bench/projects_fitcheck.py [--lexical-only] [--errors]

- Real projects: ../shared/programme/dev_projects.jsonl (kept outside the project; read
  from the repository's ../shared, skipped when absent). Each project's objective as its
  own page states it is mapped to A1 / A2 / other, the three-way question the checker
  must answer; per-priority figures (A1, A2, B, C, D) are printed as well. The checker is
  never built from this file and has no rule for any project in it: it is for measuring.
  With --errors the wrongly classified projects are listed by name.
- Labelled ideas: bench/projects_fitcheck_examples.json, written by the team for
  evaluation only (the checker never reads it). 'dev' examples were looked at when the
  fixed weights and confidence thresholds were chosen, 'test' never.
- Programme activities: each A1/A2 example activity is classified *leave-one-out*.
- Calibration: for every confidence label (low / medium / high) the share of verdicts
  that were right (three-way), on real projects and on our own ideas.
"""

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REAL = HERE.parent.parent / "shared" / "programme" / "dev_projects.jsonl"
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.conf.test")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

from kennisbrug.matching.engine import CachedEmbedder, UseEmbedder  # noqa: E402
from kennisbrug.projects.fitcheck import FitChecker  # noqa: E402
from kennisbrug.projects.fitcheck.programme import load_programme  # noqa: E402

# our examples' labels are priority codes; the checker's verdicts are objective codes
PRIORITY_OF = {"groener": "B", "socialer": "C", "zonder-grenzen": "D"}


def three_way(code: str) -> str:
    return code if code in ("A1", "A2") else "other"


def priority(code: str) -> str:
    return PRIORITY_OF.get(code, code[:1] if code[:1] in "BCD" else code)


def report(title: str, rows: list[tuple[str, str, str, str]]) -> dict:
    """rows: (name, gold three-way, predicted three-way, confidence label)."""
    n = len(rows)
    ok = sum(g == p for _n, g, p, _c in rows)
    print(f"\n{title}: {ok}/{n} right = {ok / n:.1%} (three-way A1 / A2 / other)")
    print(f"  {'class':<7}{'gold':>5}{'pred':>5}{'right':>6}{'precision':>11}{'recall':>8}")
    for cls in ("A1", "A2", "other"):
        gold = sum(g == cls for _n, g, _p, _c in rows)
        pred = sum(p == cls for _n, _g, p, _c in rows)
        tp = sum(g == cls == p for _n, g, p, _c in rows)
        prec = f"{tp / pred:.0%}" if pred else "-"
        rec = f"{tp / gold:.0%}" if gold else "-"
        print(f"  {cls:<7}{gold:>5}{pred:>5}{tp:>6}{prec:>11}{rec:>8}")
    print(f"  {'confidence':<12}{'n':>4}{'right':>7}{'share':>8}")
    calib = {}
    for label in ("high", "medium", "low"):
        sel = [(g, p) for _n, g, p, c in rows if c == label]
        right = sum(g == p for g, p in sel)
        share = f"{right / len(sel):.0%}" if sel else "-"
        calib[label] = (len(sel), right)
        print(f"  {label:<12}{len(sel):>4}{right:>7}{share:>8}")
    return {"n": n, "right": ok, "calibration": calib}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the leave-one-out part")
    parser.add_argument("--lexical-only", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list wrongly classified rows")
    args = parser.parse_args()
    translation.activate("en")
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
    times = []

    def verdict(text):
        t = time.perf_counter()
        v = checker.check(text)["verdict"]
        times.append(time.perf_counter() - t)
        return v

    if REAL.exists():
        rows, by_priority = [], defaultdict(Counter)
        for line in REAL.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            project = json.loads(line)
            v = verdict(project["description"])
            gold = three_way(project["objective"])
            rows.append((project["name"], gold, three_way(v["code"]), v["confidence_label"]))
            by_priority[project["objective"]][priority(v["code"])] += 1
            if args.errors and gold != three_way(v["code"]):
                print(
                    f"  wrong: {project['name'][:50]:<50} stated {project['objective']}, "
                    f"verdict {v['code']} ({v['confidence_label']})"
                )
        report(f"REAL projects ({REAL.name})", rows)
        print("  stated objective -> verdict priority: ", end="")
        print(
            "; ".join(
                f"{gold}: " + ", ".join(f"{p} {n}" for p, n in sorted(c.items()))
                for gold, c in sorted(by_priority.items())
            )
        )
    else:
        print(f"\nREAL projects: skipped ({REAL} is absent)")

    own_rows = {"dev": [], "test": []}
    by_priority = Counter()
    for e in examples:
        v = verdict(e["text"])
        gold = e["label"]
        own_rows[e["split"]].append(
            (e["text"][:40], three_way(gold), three_way(v["code"]), v["confidence_label"])
        )
        by_priority[(priority(gold), priority(v["code"]))] += 1
        if args.errors and priority(gold) != priority(v["code"]):
            print(f"  wrong: {e['text'][:60]!r} label {gold}, verdict {v['code']}")
    report("OWN ideas, dev split", own_rows["dev"])
    report("OWN ideas, test split", own_rows["test"])
    n = sum(by_priority.values())
    ok = sum(c for (g, p), c in by_priority.items() if g == p)
    print(f"  own ideas, five priorities (A1/A2/B/C/D), all splits: {ok}/{n} = {ok / n:.1%}")

    if not args.quick:
        ok_obj = n = 0
        for activity in programme.activities:
            loo = FitChecker(
                programme,
                embedder,
                exclude_activities=frozenset({(activity.objective, activity.number)}),
            )
            for text in (activity.text_nl, activity.text_en):
                scores, _acts = loo.scorer.score(text)
                n += 1
                ok_obj += scores[0].code == activity.objective
        print(f"\nprogramme example activities, leave-one-out: {ok_obj}/{n} = {ok_obj / n:.1%}")
    times.sort()
    print(
        f"\nlatency per check: median {times[len(times) // 2] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
