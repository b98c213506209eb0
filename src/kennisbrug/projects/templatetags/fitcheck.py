"""Render a stored fit-check report in the reader's language (reasons are kept as codes)."""

from django import template
from django.utils.translation import get_language

from kennisbrug.projects.fitcheck.programme import load_programme
from kennisbrug.projects.fitcheck.reasons import render

register = template.Library()


@register.filter
def fit_reason(reason) -> str:
    """A reason as a sentence; reports stored before reasons had codes hold plain strings."""
    if isinstance(reason, dict):
        return render(reason)
    return str(reason)


@register.filter
def fit_objective(code) -> str:
    """'B: Climate, energy, …' for a profile code, in the reader's language."""
    programme = load_programme()
    try:
        profile = programme.profile(str(code))
    except StopIteration:
        return str(code)
    en = (get_language() or "nl").startswith("en")
    pnl, pen = programme.priorities[profile.priority]
    return f"{pen if en else pnl} — {profile.code}: {profile.name_en if en else profile.name_nl}"
