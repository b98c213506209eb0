"""Input rules shared by services (and thus by forms and the API)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kennisbrug.core.validators import plain_text_check

HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PDF_TYPES = {"application/pdf", "application/x-pdf"}


def clean_text(value, *, field: str, max_length: int, required: bool = True) -> str:
    """Strip, refuse control characters and HTML markup, enforce length."""
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError(
            {field: _("At most %(n)s characters are allowed.") % {"n": max_length}}
        )
    plain_text_check(text, field=field)
    if HTML_TAG.search(text):
        raise ValidationError({field: _("HTML markup is not allowed; write plain text.")})
    return text


def validate_pdf(upload, *, field: str = "file") -> None:
    """An uploaded attachment: a PDF (name, declared type and content) of at most 10 MB."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".pdf"):
        raise ValidationError({field: _("Upload a PDF file (.pdf).")})
    content_type = (getattr(upload, "content_type", "") or "application/pdf").split(";")[0]
    if content_type.strip().lower() not in PDF_TYPES:
        raise ValidationError({field: _("Upload a PDF file (.pdf).")})
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise ValidationError({field: _("The file is empty.")})
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError({field: _("The file is larger than 10 MB.")})
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError({field: _("This file is not a valid PDF document.")})


def validate_choice_list(values, *, field: str, choices) -> list[str]:
    allowed = {str(value) for value in choices}
    values = list(values or [])
    if any(not isinstance(v, str) or v not in allowed for v in values):
        raise ValidationError({field: _("Choose only from the listed options.")})
    return sorted(set(values))
