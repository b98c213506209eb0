"""No template relies on what the content security policy refuses: inline scripts, inline
styles, event-handler attributes, javascript: URLs."""

import re
from pathlib import Path

from django.conf import settings

SRC = Path(settings.BASE_DIR) / "src" / "kennisbrug"
FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "htmx inline script": re.compile(r"\shx-on[:-]|js:", re.IGNORECASE),
}
# Django template comments may mention the words.
COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.DOTALL)


def _templates() -> list[Path]:
    return sorted(p for p in SRC.rglob("templates/**/*.html"))


def test_templates_are_found():
    assert len(_templates()) > 50


def test_no_template_needs_unsafe_inline():
    problems = []
    for path in _templates():
        text = COMMENT.sub("", path.read_text("utf-8"))
        for what, pattern in FORBIDDEN.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(SRC)}:{line}: {what}")
    assert problems == []


def test_the_check_finds_what_it_looks_for():
    samples = [
        "<script>alert(1)</script>",
        "<style>p{}</style>",
        '<p style="color:red">',
        '<a onclick="x()">',
        '<a href="javascript:x()">',
        '<button hx-on:click="x()">',
    ]
    for sample in samples:
        assert any(p.search(sample) for p in FORBIDDEN.values()), sample
    assert not any(
        p.search('<script src="/static/x.js" defer></script>') for p in FORBIDDEN.values()
    )
