"""Server-rendered SVG charts: readable without JavaScript, each with a title, a text
alternative and (in the template) a data table beside it.

Colours are the Okabe–Ito palette (safe for colour-blind readers); every bar also
carries its label and value in a <title>, and the legend names each colour in text.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe

from .privacy import Cell
from .svg import fmt as format_html

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
# A constant attribute string, no user input.
FONT = mark_safe('font-family="system-ui, sans-serif" font-size="12"')


def _svg(
    uid: str, title: str, desc: str, width: int, height: int, body: Sequence[str]
) -> SafeString:
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="kb-chart" role="img" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-labelledby="{uid}-title {uid}-desc">'
        '<title id="{uid}-title">{title}</title><desc id="{uid}-desc">{desc}</desc>',
        w=width,
        h=height,
        uid=uid,
        title=title,
        desc=desc,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - parts escaped above


def _nice_max(value: float) -> int:
    if value <= 5:
        return 5
    step = 10 ** (len(str(value)) - 1)
    return ((value + step - 1) // step) * step


def column_chart(
    *,
    uid: str,
    title: str,
    desc: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
) -> SafeString:
    """Grouped columns: one group per category (e.g. quarter), one column per series."""
    width, height, left, bottom, top = 720, 300, 44, 56, 16
    plot_h = height - bottom - top
    groups = max(1, len(categories))
    group_w = (width - left - 10) / groups
    bar_w = max(2.0, min(28.0, (group_w - 6) / max(1, len(series))))
    top_value = _nice_max(max([v for _, values in series for v in values] + [0]))
    body = []
    for i in range(5):  # gridlines and axis labels
        value = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        body.append(
            f'<line x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT}>{value:g}</text>'
        )
    for g, category in enumerate(categories):
        x0 = left + g * group_w + 3
        for s, (name, values) in enumerate(series):
            value = values[g]
            h = plot_h * value / top_value if top_value else 0
            x = x0 + s * bar_w
            body.append(
                format_html(
                    '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">'
                    "<title>{} · {}: {}</title></rect>",
                    x,
                    top + plot_h - h,
                    bar_w - 1,
                    h,
                    PALETTE[s % len(PALETTE)],
                    category,
                    name,
                    value,
                )
            )
        if groups <= 16 or g % max(1, groups // 12) == 0:
            body.append(
                format_html(
                    '<text x="{:.1f}" y="{:.1f}" text-anchor="middle" {}>{}</text>',
                    x0 + group_w / 2 - 3,
                    height - bottom + 16,
                    FONT,
                    category,
                )
            )
    for s, (name, _values) in enumerate(series):  # legend
        x = left + s * 150
        body.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="{}" y="{}" {}>{}</text>',
                x,
                height - 20,
                PALETTE[s % len(PALETTE)],
                x + 16,
                height - 10,
                FONT,
                name,
            )
        )
    return _svg(uid, title, desc, width, height, body)


def bar_chart(*, uid: str, title: str, desc: str, items: list[tuple[str, Cell]]) -> SafeString:
    """Horizontal bars, one per item; suppressed values are drawn as an empty, labelled bar."""
    row_h, label_w, width = 26, 190, 720
    height = 12 + row_h * max(1, len(items))
    top_value = _nice_max(max([c.value or 0 for _, c in items] + [0]))
    body = []
    for i, (label, value) in enumerate(items):
        y = 6 + i * row_h
        w = (width - label_w - 60) * (value.value or 0) / top_value if top_value else 0
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" {}>{}</text>'
                '<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"><title>{}: {}</title></rect>'
                '<text x="{:.1f}" y="{}" {}>{}</text>',
                label_w - 8,
                y + 15,
                FONT,
                label,
                label_w,
                y + 2,
                w,
                row_h - 6,
                PALETTE[0],
                label,
                str(value),
                label_w + w + 6,
                y + 15,
                FONT,
                str(value),
            )
        )
    return _svg(uid, title, desc, width, height, body)
