"""Reasons of a fit-check verdict as codes with parameters, rendered in the reader's language.

A stored report keeps the codes, so the page shows the reasons in the language of
whoever reads them, not of whoever ran the check. ``render`` works for the reasons
the checker writes (see checker.py) and falls back to a stored ``text``.
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _


def _en() -> bool:
    return (get_language() or "nl").startswith("en")


def _words(words) -> str:
    return ", ".join(f"“{w}”" for w in words)


def _profile_name(code: str) -> str:
    from .programme import load_programme

    programme = load_programme()
    try:
        profile = programme.profile(code)
    except StopIteration:
        return code
    return f"{code} ({profile.name_en if _en() else profile.name_nl})"


def render(reason: dict) -> str:
    code = reason.get("code", "")
    if code == "words":
        return _("The idea uses words this objective is about: %(words)s.") % {
            "words": _words(reason.get("words", []))
        }
    if code == "sector":
        return _(
            "%(words)s belongs to the priority sector “%(sector)s” named on the programme page."
        ) % {
            "words": _words(reason.get("words", [])),
            "sector": reason.get("sector_en") if _en() else reason.get("sector_nl"),
        }
    if code == "sentence":
        sentence = reason.get("programme_en") if _en() else reason.get("programme_nl")
        return _("Your text “%(idea)s” matches the programme’s description: “%(sentence)s”") % {
            "idea": reason.get("idea", ""),
            "sentence": sentence or "",
        }
    if code == "activity":
        text = reason.get("text_en") if _en() else reason.get("text_nl")
        return _(
            "It resembles the programme’s example activity %(objective)s.%(n)s: “%(text)s”"
        ) % {
            "objective": reason.get("objective", ""),
            "n": reason.get("number", ""),
            "text": text or "",
        }
    if code == "topic_before_instrument":
        return _(
            "The main topic is energy, climate, water, circularity or nature (%(words)s); the programme "
            "puts such projects in “Een groener Europa” even when they are research and innovation."
        ) % {"words": _words(reason.get("words", []))}
    if code == "green_topic_mentioned":
        return _(
            "The idea also mentions green topics (%(words)s). If its main result is energy, climate, "
            "water, circularity or nature, it belongs in “Een groener Europa”."
        ) % {"words": _words(reason.get("words", []))}
    if code == "social_even_when_technical":
        return _(
            "It is about the labour market or education (%(words)s); the programme puts job placement, "
            "labour mobility, talent pools, general education, care staff and inclusion in “Een socialer "
            "Europa”, even when the jobs are technical."
        ) % {"words": _words(reason.get("words", []))}
    if code == "social_topic_mentioned":
        return _(
            "It also mentions the labour market or education (%(words)s); if that is the main aim, "
            "“Een socialer Europa” fits better."
        ) % {"words": _words(reason.get("words", []))}
    if code == "skills_topic_mentioned":
        return _(
            "It also mentions skills for technical occupations (%(words)s); if they serve the priority "
            "sectors or industrial transition, A2 fits as well."
        ) % {"words": _words(reason.get("words", []))}
    if code == "skills_for_priority_sectors":
        return _(
            "The training serves a priority sector (%(words)s); the programme puts skills for smart "
            "specialisation and industrial transition in A2, general education in C2."
        ) % {"words": _words(reason.get("words", []))}
    if code == "border_obstacle":
        return _(
            "It is about border obstacles or governance (%(words)s); the programme puts such results "
            "in “Een Europa zonder grenzen”."
        ) % {"words": _words(reason.get("words", []))}
    if code == "close":
        return _(
            "%(other)s is almost as likely; read both sets of reasons and pick the one that matches "
            "the idea’s main result."
        ) % {"other": _profile_name(reason.get("other", ""))}
    return reason.get("text", "")
