"""User text in a Markdown export renders as the literal text: no HTML, links, images or blocks."""

import pytest

from kennisbrug.core.markdown import escape_markdown, escape_markdown_inline


@pytest.mark.parametrize(
    "hostile, expected",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"),
        ("[klik](javascript:alert(1))", "\\[klik\\]\\(javascript:alert\\(1\\)\\)"),
        ("![pixel](https://evil.example/p.png)", "\\!\\[pixel\\]\\(https://evil.example/p.png\\)"),
        ("<https://evil.example>", "&lt;https://evil.example&gt;"),
        ("[ref]: https://evil.example", "\\[ref\\]: https://evil.example"),
        ("a | b", "a \\| b"),
        ("**vet** `code`", "\\*\\*vet\\*\\* \\`code\\`"),
    ],
)
def test_hostile_inline_text_is_literal(hostile, expected):
    assert escape_markdown(hostile) == expected
    assert escape_markdown_inline(hostile) == expected


def test_lines_cannot_start_blocks_but_keep_their_breaks():
    text = "# Kop\n- punt\n12. nummer\n> citaat\n===\nR&D, e.g. 3.5"
    assert escape_markdown(text) == (
        "\\# Kop\n\\- punt\n12\\. nummer\n&gt; citaat\n\\===\nR&D, e.g. 3.5"
    )


def test_inline_text_is_one_line():
    assert escape_markdown_inline("een\n# twee\r\n| drie") == "een \\# twee \\| drie"
    assert escape_markdown_inline(None) == ""
