"""Small-group suppression, SVG charts and the map."""

import re

import pytest

from kennisbrug.indicators.charts import bar_chart, column_chart
from kennisbrug.indicators.maps import classes, province_map
from kennisbrug.indicators.privacy import Cell, cell, suppress_group


def test_small_counts_are_hidden(settings):
    settings.KENNISBRUG_MIN_GROUP_SIZE = 5
    assert str(cell(3)) == "< 5" and cell(3).value is None
    assert str(cell(0)) == "0" and str(cell(5)) == "5"
    assert str(cell(3, suppress=False)) == "3"


def test_secondary_suppression_protects_a_lone_small_cell(settings):
    settings.KENNISBRUG_MIN_GROUP_SIZE = 5
    cells = suppress_group([2, 7, 9, 0])
    assert [c.suppressed for c in cells] == [True, True, False, False]
    assert str(cells[1]) == "×"  # hidden only to protect the small one
    assert [c.suppressed for c in suppress_group([2, 3, 9])] == [True, True, False]


def test_column_chart_is_accessible_and_escaped():
    svg = str(
        column_chart(
            uid="t",
            title="Trend <script>",
            desc="desc",
            categories=["2024-Q1", "2024-Q2"],
            series=[("België", [1, 2]), ("Nederland", [0, 3])],
        )
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="t-title t-desc"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<rect") == 4 + 2  # bars + legend
    assert "<title>2024-Q2 · Nederland: 3</title>" in svg


def test_bar_chart_draws_hidden_values_as_text():
    svg = str(bar_chart(uid="b", title="t", desc="d", items=[("micro", Cell(None, True))]))
    assert "<title>micro: &lt; 5</title>" in svg or "<title>micro: &lt; " in svg


@pytest.mark.django_db
def test_map_has_a_titled_shape_per_province():
    values = {"BE21": (3.0, "3"), "BE23": (None, "< 5"), "NL41": (10.0, "10")}
    svg = str(
        province_map(uid="m", title="Kaart", desc="d", values=values, names={"BE21": "Antwerpen"})
    )
    assert "<title>Antwerpen: 3</title>" in svg
    assert "url(#m-hatch)" in svg  # the hidden value is hatched, not coloured
    paths = re.findall(r"<path [^>]*>(.*?)</path>", svg)
    assert paths and all(p.startswith("<title>") for p in paths)
    assert "Brussels" in svg or "Brussel" in svg  # neighbours drawn as outside the area


def test_classes():
    assert classes([]) == []
    assert classes([0, 0]) == []
    assert classes([10, 3]) == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    assert classes([2]) == [(1, 1), (2, 2)]
