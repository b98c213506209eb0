"""format_html for SVG: escapes text arguments but keeps numbers numbers, so that
format codes such as {:.1f} work (django's format_html turns every argument into text)."""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _clean(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        return conditional_escape(value)
    return value


def fmt(template: str, *args, **kwargs) -> SafeString:
    return mark_safe(  # noqa: S308 - every non-numeric argument is escaped
        template.format(*[_clean(a) for a in args], **{k: _clean(v) for k, v in kwargs.items()})
    )
