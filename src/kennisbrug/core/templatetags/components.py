"""The component layer: form fields, buttons, alerts and tables live in one place.

Templates use `{% field form.name %}`, `{% button _("Save") %}`, `{% alert "error" msg %}`
so that markup, classes and accessibility attributes are written once.
"""

from django import template

register = template.Library()


@register.inclusion_tag("components/field.html")
def field(bound_field, hint: str = ""):
    return {"field": bound_field, "hint": hint or bound_field.help_text}


@register.inclusion_tag("components/button.html")
def button(label, kind: str = "primary", type: str = "submit", name: str = "", value: str = ""):
    return {"label": label, "kind": kind, "type": type, "name": name, "value": value}


@register.inclusion_tag("components/alert.html")
def alert(level, message):
    return {"level": level, "message": message}


@register.inclusion_tag("components/form_errors.html")
def form_errors(form):
    return {"form": form}
