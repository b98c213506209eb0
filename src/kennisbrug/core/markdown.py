"""Escaping user text for Markdown documents the platform writes (exports).

A Markdown reader renders raw HTML and turns `[text](url)` / `![alt](url)` into links and
images, so user text in a Markdown export could carry a script, a tracking image or a
disguised link. Escaped text reads the same in a plain editor and renders as the literal
text: `<` and `>` become entities, Markdown punctuation gets a backslash, and a line can
no longer start a heading, quote or list.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that start
# inline markup (emphasis, code, links, images, tables, strike-through, footnotes).
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]()!|~{}#])")
# What makes a line a block element: list markers, ordered-list numbers, setext underlines.
LIST_MARK = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
NUMBER_MARK = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def escape_markdown(text: object) -> str:
    """Multi-line user text as literal Markdown (line breaks kept)."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("<", "&lt;").replace(">", "&gt;")
    value = INLINE_SPECIAL.sub(r"\\\1", value)
    value = LIST_MARK.sub(r"\1\\\2", value)
    return NUMBER_MARK.sub(r"\1\\\2", value)


def escape_markdown_inline(text: object) -> str:
    """One line of user text as literal Markdown, safe in a heading or a table cell."""
    value = "" if text is None else str(text)
    return escape_markdown(" ".join(value.split()))
