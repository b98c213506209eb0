"""An SVG map of the programme area: provinces shaded by a figure, each with a <title>.

Province boundaries come from core/data/provinces.geojson (Natural Earth, see SOURCES.md).
Projection: equirectangular with x scaled by cos(mid-latitude), good enough at this size.
The colour scale is ColorBrewer "Blues" (sequential, colour-blind safe); the legend gives
each class its range in text, and the page shows the same values in a table.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .privacy import Cell
from .svg import fmt as format_html

GEOJSON = Path(__file__).resolve().parents[1] / "core" / "data" / "provinces.geojson"
SCALE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
OUTSIDE_FILL = "#f2f2f2"
WIDTH = 640


@cache
def _features() -> list[dict]:
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    return data["features"]


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


@cache
def _layout() -> tuple[list[tuple[str, str, bool, str, tuple[float, float]]], int]:
    """(code, name, in programme area, SVG path, label point) per province, and the height."""
    features = _features()
    area = [f for f in features if f["properties"]["in_programme_area"] != "no"]
    lons = [p[0] for f in area for ring in _rings(f["geometry"]) for p in ring]
    lats = [p[1] for f in area for ring in _rings(f["geometry"]) for p in ring]
    lon0, lon1, lat0, lat1 = min(lons) - 0.1, max(lons) + 0.1, min(lats) - 0.1, max(lats) + 0.1
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = WIDTH / ((lon1 - lon0) * k)
    height = int((lat1 - lat0) * scale) + 1

    def project(lon, lat):
        return (lon - lon0) * k * scale, (lat1 - lat) * scale

    shapes = []
    for feature in features:
        rings = _rings(feature["geometry"])
        flat = [p for ring in rings for p in ring]
        if max(p[0] for p in flat) < lon0 or min(p[0] for p in flat) > lon1:
            continue
        if max(p[1] for p in flat) < lat0 or min(p[1] for p in flat) > lat1:
            continue
        parts = []
        for ring in rings:
            points = [project(*p) for p in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        biggest = max(rings, key=len)
        xs, ys = zip(*(project(*p) for p in biggest), strict=True)
        label_at = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        props = feature["properties"]
        shapes.append(
            (
                props["nuts2_code"],
                props["name_nl"],
                props["in_programme_area"] != "no",
                "".join(parts),
                label_at,
            )
        )
    return shapes, height


def classes(values: list[float]) -> list[tuple[float, float]]:
    """Up to five equal-width classes over (0, maximum]; 0 gets white."""
    top = max([*values, 0])
    if top <= 0:
        return []
    if all(float(v).is_integer() for v in values):
        step = max(1, math.ceil(top / len(SCALE)))
        return [
            (i * step + 1, min(top, (i + 1) * step))
            for i in range(len(SCALE))
            if i * step + 1 <= top
        ]
    width = top / len(SCALE)
    return [(round(i * width, 2), round((i + 1) * width, 2)) for i in range(len(SCALE))]


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def cell_values(cells: dict[str, Cell]) -> dict[str, tuple[float | None, str]]:
    return {k: (None if c.suppressed else float(c.value or 0), str(c)) for k, c in cells.items()}


def province_map(
    *,
    uid: str,
    title: str,
    desc: str,
    values: dict[str, tuple[float | None, str]],
    names: dict[str, str],
) -> SafeString:
    """Provinces in the programme area shaded by `values`: NUTS2 code -> (number, text).

    A number of None means hidden (small group) and is hatched.
    """
    shapes, height = _layout()
    bins = classes([v for v, _t in values.values() if v is not None])
    hatch = f"url(#{uid}-hatch)"

    def fill(number: float | None) -> str:
        if number is None:
            return hatch
        for i, (_low, high) in enumerate(bins):
            if 0 < number <= high + 1e-9:
                return SCALE[i]
        return "#ffffff"

    body = [
        f'<defs><pattern id="{uid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#777" stroke-width="2"/></pattern></defs>',
        f'<clipPath id="{uid}-clip"><rect width="{WIDTH}" height="{height}"/></clipPath>',
        f'<rect width="{WIDTH}" height="{height}" fill="#e8f1f8"/>',
        f'<g clip-path="url(#{uid}-clip)">',
    ]
    labels = []
    for code, name_nl, in_area, path, (lx, ly) in shapes:
        name = names.get(code, name_nl)
        if in_area and code in values:
            number, text = values[code]
            body.append(
                format_html(
                    '<path d="{}" fill="{}" stroke="#333" stroke-width="1">'
                    "<title>{}: {}</title></path>",
                    path,
                    fill(number),
                    name,
                    text,
                )
            )
            labels.append(
                format_html(
                    '<text x="{:.0f}" y="{:.0f}" text-anchor="middle" font-size="13" '
                    'font-family="system-ui, sans-serif" font-weight="700" paint-order="stroke" '
                    'stroke="#fff" stroke-width="3" aria-hidden="true">{}</text>',
                    lx,
                    ly,
                    text,
                )
            )
        else:
            body.append(
                format_html(
                    '<path d="{}" fill="{}" stroke="#999" stroke-width="0.8" stroke-dasharray="3 2">'
                    "<title>{}: {}</title></path>",
                    path,
                    OUTSIDE_FILL,
                    name,
                    _("outside the programme area"),
                )
            )
    body.append("</g>")
    legend_y = height + 8
    legend = [
        format_html(
            '<text x="0" y="{}" font-family="system-ui, sans-serif" font-size="12">{}</text>',
            legend_y + 10,
            _("Legend:"),
        )
    ]
    x = 60
    entries = (
        [("#ffffff", "0")]
        + [
            (SCALE[i], f"{_fmt(low)}–{_fmt(high)}" if low != high else _fmt(low))
            for i, (low, high) in enumerate(bins)
        ]
        + [(hatch, _("hidden (small group)")), (OUTSIDE_FILL, _("outside the programme area"))]
    )
    for colour, text in entries:
        legend.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="{}" stroke="#333"/>'
                '<text x="{}" y="{}" font-family="system-ui, sans-serif" font-size="12">{}</text>',
                x,
                legend_y,
                colour,
                x + 18,
                legend_y + 11,
                text,
            )
        )
        x += 26 + 7 * len(str(text))
    total_height = legend_y + 24
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="kb-map" role="img" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" aria-labelledby="{uid}-title {uid}-desc">'
        '<title id="{uid}-title">{title}</title><desc id="{uid}-desc">{desc}</desc>',
        w=WIDTH,
        h=total_height,
        uid=uid,
        title=title,
        desc=desc,
    )
    return mark_safe(head + "".join([*body, *labels, *legend]) + "</svg>")  # noqa: S308 - escaped parts
