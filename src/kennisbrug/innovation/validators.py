import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def no_control_characters(value: str) -> None:
    """Reject invisible control characters (keep line breaks and tabs)."""
    if any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS for ch in value or ""):
        raise ValidationError(
            _("The text contains invisible control characters; please remove them."),
            code="control_characters",
        )
