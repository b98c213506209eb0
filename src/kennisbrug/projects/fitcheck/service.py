"""The one fit-check flow behind the page, the API, ``manage.py projects fitcheck`` and stored checks.

Callers hand in the idea's text (and, when known, partners, sectors and technologies);
the text is validated here so every entry point rejects the same input with the same
message, and the verdict comes from the same process-wide checker.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .checker import get_fit_checker
from .partnership_checks import PartnerSpec


def validate_idea_text(text: str) -> str:
    if not text or not text.strip() or not any(ch.isalpha() for ch in text):
        raise ValidationError(
            _("Describe the idea; an empty idea cannot be checked."), code="empty_idea"
        )
    return text


def fit_check(
    text: str,
    partners: Iterable[PartnerSpec] = (),
    *,
    sectors: Iterable[str] = (),
    technologies: Iterable[str] = (),
) -> dict:
    """The fit-check report for ``text``; raises ValidationError for an empty idea. Writes nothing."""
    validate_idea_text(text)
    return get_fit_checker().check(
        text, list(partners), sectors=list(sectors), technologies=list(technologies)
    )
