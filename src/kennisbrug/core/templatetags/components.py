"""The component layer: form fields, buttons, alerts, tables and navigation in one place.

Templates use `{% field form.name %}`, `{% button _("Save") %}`, `{% alert "error" msg %}`,
`{% form_errors form %}`, `{% table rows columns caption %}`, `{% nav_link "app:name" _("Label") %}`
and `{% include "components/pagination.html" %}` so that markup, classes and accessibility
attributes are written once. These tags are builtins: no `{% load %}` needed.
"""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

GROUP_WIDGETS = {"checkboxselectmultiple", "radioselect"}


@register.inclusion_tag("components/field.html")
def field(bound_field, hint: str = ""):
    """A labelled form field with its hint and errors tied to the input (aria-describedby)."""
    hint = hint or bound_field.help_text
    described_by = []
    if hint:
        described_by.append(f"{bound_field.auto_id}_hint")
    described_by += [
        f"{bound_field.auto_id}_error_{i}" for i in range(1, len(bound_field.errors) + 1)
    ]
    is_group = bound_field.widget_type in GROUP_WIDGETS
    attrs = {}
    if described_by and not is_group:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return {
        "field": bound_field,
        "widget": bound_field.as_widget(attrs=attrs) if attrs else bound_field,
        "hint": hint,
        "described_by": " ".join(described_by),
        "is_group": is_group,
    }


@register.inclusion_tag("components/button.html")
def button(label, kind: str = "primary", type: str = "submit", name: str = "", value: str = ""):
    return {"label": label, "kind": kind, "type": type, "name": name, "value": value}


@register.inclusion_tag("components/alert.html")
def alert(level, message):
    return {"level": level, "message": message}


@register.inclusion_tag("components/form_errors.html")
def form_errors(form):
    return {"form": form}


@register.inclusion_tag("components/table.html")
def table(rows, columns, caption, empty: str = ""):
    """A data table: `columns` is a list of (header, attribute) pairs, `rows` any iterable.

    Cells are escaped text; for richer cells write the same markup by hand
    (see components/table.html: caption, th scope, scrollable region).
    """
    body = [[_resolve(row, attribute) for _header, attribute in columns] for row in rows]
    return {
        "headers": [header for header, _attribute in columns],
        "rows": body,
        "caption": caption,
        "empty": empty,
    }


def _resolve(obj, path: str):
    value = obj
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else getattr(value, part, "")
        if callable(value):
            value = value()
    return "" if value is None else value


@lru_cache(maxsize=256)
def _menu_url(url_name: str, script_prefix: str) -> str:
    return reverse(url_name)


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label, exact: bool = False) -> SafeString:
    """A main-menu item; marked aria-current="page" when the visitor is in that section.

    Every page has a dozen of these, so the item is built in Python rather than from a
    template, and the URL of a name (fixed while the process runs, for one script prefix) is
    reversed once.
    """
    url = _menu_url(url_name, get_script_prefix())
    request = context.get("request")
    path = request.path if request is not None else ""
    current = path == url if (exact or url == "/") else path.startswith(url)
    if current:
        return format_html('<li><a href="{}" aria-current="page">{}</a></li>', url, label)
    return format_html('<li><a href="{}">{}</a></li>', url, label)


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The current URL's query string with `page` set to `number` (filters kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def may_import(user) -> bool:
    """Whether the menu shows "Import": the secretariat, and admins of an organisation
    (asked once per request, the answer kept on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_kennisbrug_may_import"):
        from kennisbrug.core.imports.kinds import kind_list

        user._kennisbrug_may_import = bool(kind_list(user=user))
    return user._kennisbrug_may_import
