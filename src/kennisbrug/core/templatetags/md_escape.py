"""`{% load md_escape %}`: user text in Markdown templates, rendered as the literal text."""

from django import template

from kennisbrug.core.markdown import escape_markdown, escape_markdown_inline

register = template.Library()


@register.filter(name="md")
def md(value) -> str:
    return escape_markdown(value)


@register.filter(name="md_inline")
def md_inline(value) -> str:
    return escape_markdown_inline(value)
