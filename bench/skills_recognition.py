"""Skills recognition precision and recall on short work descriptions (demo taxonomy).

    DATABASE_URL=sqlite:////tmp/kb_search.sqlite3 DJANGO_DEBUG=1 \
        uv run python bench/skills_recognition.py [--show-errors]

Needs a database with the demo taxonomy (`demo_data` loads it). The 62
descriptions (Dutch and English, our own) and their hand-labelled skills are in
`bench/data/skills_descriptions.jsonl`, written before tuning. Descriptions
labelled with no skills describe work the taxonomy does not cover, or only
generic safety talk.

Reported: micro precision / recall / F1 of every proposed skill and of the
pre-ticked ones (those the confirm page ticks for the person), and for the
uncovered descriptions how often the recogniser says so (no pre-ticked skill
and "not covered").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DATA = Path(__file__).resolve().parent / "data" / "skills_descriptions.jsonl"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.conf.base")
    os.environ.setdefault("DJANGO_DEBUG", "1")  # a local measurement, not a deployment
    import django

    django.setup()
    from django.db import DatabaseError

    from kennisbrug.skills.models import Skill
    from kennisbrug.skills.recognition import get_recogniser

    try:
        recogniser = get_recogniser()
    except DatabaseError:
        recogniser = None
    if recogniser is None:
        print("SKIPPED: no taxonomy in the database; run `manage.py demo_data` first.")
        return 0
    key_of = {
        s.id: s.uri.rsplit("/", 1)[-1]
        for s in Skill.objects.filter(uri__contains="/taxonomy/demo/skill/")
    }
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8") if line.strip()]
    counts = {"all": [0, 0, 0], "ticked": [0, 0, 0]}
    uncovered_total = uncovered_said = uncovered_ticked = 0
    errors = []
    for row in rows:
        gold = set(row["skills"])
        found = recogniser.recognise(row["text"])
        proposed = {key_of.get(r.skill_id, str(r.skill_id)) for r in found}
        ticked = {key_of.get(r.skill_id, str(r.skill_id)) for r in found if _ticked(r)}
        for name, got in (("all", proposed), ("ticked", ticked)):
            c = counts[name]
            c[0] += len(got & gold)
            c[1] += len(got - gold)
            c[2] += len(gold - got)
        if not gold:
            uncovered_total += 1
            uncovered_ticked += bool(ticked)
            uncovered_said += not _covers(recogniser, row["text"], found)
        if args.show_errors and (ticked - gold or gold - proposed):
            errors.append(
                f"{row['id']}: wrong {sorted(ticked - gold)} missed {sorted(gold - proposed)}"
            )
    print(f"{len(rows)} descriptions, {uncovered_total} outside the taxonomy")
    print(f"{'':18}{'precision':>10}{'recall':>8}{'F1':>7}")
    for name, label in (("all", "proposed"), ("ticked", "pre-ticked")):
        p, r, f = prf(*counts[name])
        print(f"{label:18}{p:>10.3f}{r:>8.3f}{f:>7.3f}")
    print(
        f"outside the taxonomy: said so {uncovered_said}/{uncovered_total}, "
        f"pre-ticked something {uncovered_ticked}/{uncovered_total}"
    )
    for line in errors:
        print(line)
    return 0


def _ticked(r) -> bool:
    return bool(getattr(r, "confident", True))


def _covers(recogniser, text, found) -> bool:
    covers = getattr(recogniser, "covers", None)
    return covers(text, found) if covers else bool(found)


if __name__ == "__main__":
    sys.exit(main())
