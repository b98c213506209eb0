"""Plain-text hygiene: one rule for every free-text field, whichever face writes it.

Attached to model fields, the validator runs in ``full_clean()`` and so reaches the
pages (model forms and services), the API, the admin and imports alike.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Line breaks and tabs belong to multi-line text; everything else in Unicode's
# "control" category (C0 including NUL, DEL and C1) never does.
LINE_CONTROLS = frozenset("\t\n\r")

CONTROL_CHARACTERS_MESSAGE = _("The text contains control characters; remove them.")


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def has_control_characters(value: str, *, multiline: bool = True) -> bool:
    """True when `value` holds a control character not allowed in such a text."""
    allowed = LINE_CONTROLS if multiline else frozenset()
    return any(_is_control(ch) and ch not in allowed for ch in value or "")


def strip_control_characters(value: str | None, *, multiline: bool = True) -> str:
    """`value` without the control characters `PlainTextValidator` refuses.

    For data taken over from outside sources (imports), where refusing a whole
    row for an invisible byte would lose more than it protects.
    """
    allowed = LINE_CONTROLS if multiline else frozenset()
    return "".join(ch for ch in value or "" if not _is_control(ch) or ch in allowed)


@deconstructible
class PlainTextValidator:
    """Refuse control characters; tabs and line breaks only in multi-line text.

    Length is the field's own business (``max_length``; add ``MaxLengthValidator``
    on a ``TextField``, whose ``max_length`` Django does not check on the model).
    """

    code = "control_characters"
    message = CONTROL_CHARACTERS_MESSAGE

    def __init__(self, *, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if isinstance(value, str) and has_control_characters(value, multiline=self.multiline):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, PlainTextValidator) and self.multiline == other.multiline

    def __hash__(self) -> int:
        return hash((PlainTextValidator, self.multiline))


single_line_text = PlainTextValidator()
multi_line_text = PlainTextValidator(multiline=True)


def plain_text_check(value: str, *, field: str, multiline: bool = True) -> None:
    """The plain-text rule for a service that checks input before the model does.

    Raises ValidationError keyed by `field`, so pages and the API show it beside
    the input it concerns.
    """
    try:
        PlainTextValidator(multiline=multiline)(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.error_list}) from None


@deconstructible
class PlausibleDateValidator:
    """Refuse dates (and date-times) outside a window of years a person could mean.

    Year 1 or 9999 is a typo or a probe, never a plan; and arithmetic on such dates
    (a booking's end plus a day, a voucher's validity) overflows. One validator serves
    model fields, form fields and serializer fields alike (DRF turns Django's
    ValidationError into a field error).
    """

    code = "implausible_date"

    def __init__(self, *, earliest_year: int = 1900, latest_year: int = 2100):
        self.earliest_year = earliest_year
        self.latest_year = latest_year

    def __call__(self, value) -> None:
        year = getattr(value, "year", None)
        if year is not None and not self.earliest_year <= year <= self.latest_year:
            raise ValidationError(
                _("Enter a date between the years %(earliest)d and %(latest)d."),
                code=self.code,
                params={"earliest": self.earliest_year, "latest": self.latest_year},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, PlausibleDateValidator) and (
            self.earliest_year,
            self.latest_year,
        ) == (other.earliest_year, other.latest_year)

    def __hash__(self) -> int:
        return hash((PlausibleDateValidator, self.earliest_year, self.latest_year))


# Any date a record may hold (history included) …
plausible_date = PlausibleDateValidator()
# … and dates of what happens on the platform: calls, applications, bookings, pilots,
# deadlines. The platform did not exist before 2000.
plausible_event_date = PlausibleDateValidator(earliest_year=2000, latest_year=2100)
