"""Where the lines between the priorities fall (../shared/programme/README.md, last section).

The profile scores say what an idea resembles; these rules say which priority the
programme puts it in when it resembles more than one:

- *topic before instrument*: research and innovation whose main topic is energy,
  climate, water, circularity or nature belongs to "Een groener Europa" (B), not A1;
- *A2 or C*: skills ideas about job placement, labour mobility, talent pools, general
  education, care staff or inclusion belong to "Een socialer Europa" even when the
  jobs are technical; when the evidence is thin both are shown;
- *A2 or C2*: training tied to a priority sector (A1's sectors) is A2, general
  education is C2; both are shown;
- *D*: an idea about border obstacles or governance belongs to D rather than A.

A topic is "main" when the idea names several of the profile's topic phrases and more
of them than of A1's sectors. Each rule that fires is returned as a coded note, so
the page can explain it in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .scoring import ProfileScore

C_CODES = ("C1", "C2")
PROMOTE_MIN_TOPICS = 2


@dataclass
class LineDecision:
    order: list[ProfileScore]
    rule: str = ""  # code of the rule that changed the order, or ""
    close_with: str = ""  # code of a profile the verdict is close to, by rule
    notes: list[dict] = field(default_factory=list)


def _by_code(scores: list[ProfileScore]) -> dict[str, ProfileScore]:
    return {s.code: s for s in scores}


def _promote(scores: list[ProfileScore], code: str) -> list[ProfileScore]:
    winner = next(s for s in scores if s.code == code)
    return [winner, *(s for s in scores if s.code != code)]


def apply_lines(scores: list[ProfileScore]) -> LineDecision:
    """Reorder ``scores`` (best first) by the programme's lines between priorities."""
    by = _by_code(scores)
    best = scores[0]
    a1_topics = len(by["A1"].topic_words) if "A1" in by else 0

    if best.code in ("A1", "A2") and "B" in by:
        green = by["B"].topic_words
        if best.code == "A1" and len(green) >= PROMOTE_MIN_TOPICS and len(green) > a1_topics:
            note = {"rule": "topic_before_instrument", "words": list(green[:6]), "demoted": "A1"}
            return LineDecision(_promote(scores, "B"), "topic_before_instrument", "A1", [note])
        if best.code == "A1" and green:
            note = {"rule": "green_topic_mentioned", "words": list(green[:6])}
            return LineDecision(list(scores), "", "B", [note])

    if best.code in ("A1", "A2") and "D" in by:
        border = by["D"].topic_words
        if len(border) >= PROMOTE_MIN_TOPICS + 1 and len(border) > a1_topics:
            note = {"rule": "border_obstacle", "words": list(border[:6]), "demoted": best.code}
            return LineDecision(_promote(scores, "D"), "border_obstacle", best.code, [note])

    social = [by[c] for c in C_CODES if c in by]
    if best.code in ("A1", "A2") and social:
        # words A2 names as well ("technical education") say nothing about A2 versus C
        skills = {w.casefold() for w in by["A2"].topic_words} if "A2" in by else set()

        def own(s: ProfileScore) -> tuple[str, ...]:
            return tuple(w for w in s.topic_words if w.casefold() not in skills)

        strongest = max(social, key=lambda s: (len(own(s)), s.combined))
        words = own(strongest)
        # for A1 the social topic must outweigh the idea's sector topics (care technology stays
        # A1); training tied to a priority sector stays A2 rather than general education (C2)
        if best.code == "A1":
            outweighs = len(words) > a1_topics
        else:
            outweighs = strongest.code == "C1" or not a1_topics
        if len(words) >= PROMOTE_MIN_TOPICS and outweighs:
            note = {"rule": "social_even_when_technical", "words": list(words[:6]), "demoted": "A2"}
            return LineDecision(
                _promote(scores, strongest.code), "social_even_when_technical", "A2", [note]
            )
        if words:
            note = {"rule": "social_topic_mentioned", "words": list(words[:6])}
            return LineDecision(list(scores), "", strongest.code, [note])
    if best.code == "C2" and "A2" in by and by["A2"].topic_words and a1_topics:
        # training tied to a priority sector is A2's "skills for smart specialisation"
        note = {
            "rule": "skills_for_priority_sectors",
            "words": list(by["A1"].topic_words[:6]),
            "demoted": "C2",
        }
        return LineDecision(_promote(scores, "A2"), "skills_for_priority_sectors", "C2", [note])
    if best.code in C_CODES and "A2" in by and by["A2"].topic_words:
        note = {"rule": "skills_topic_mentioned", "words": list(by["A2"].topic_words[:6])}
        return LineDecision(list(scores), "", "A2", [note])
    return LineDecision(list(scores))
