"""Pages and exports: permissions, filters, charts, map, exports with hostile text."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from tests.clients import log_in

pytestmark = pytest.mark.django_db

DETAILED = [
    reverse("indicators:dashboard"),
    reverse("indicators:detail", args=["RCO01"]),
    reverse("indicators:export", args=["RCO01", "csv"]),
    reverse("indicators:export", args=["RCO01", "xlsx"]),
]
PUBLIC = [reverse("indicators:region"), reverse("indicators:labour")]


@pytest.mark.parametrize("url", DETAILED)
def test_permission_matrix_detailed(client, roles, people, url):
    expected = {"anonymous": 302, "other": 403, "member": 403, "admin": 403, "secretariat": 200}
    for name, user in roles.as_dict().items():
        client.logout()
        if user:
            log_in(client, user)
        assert client.get(url).status_code == expected[name], name
    log_in(client, people.intermediary)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PUBLIC)
def test_permission_matrix_public(client, roles, url):
    for _name, user in roles.as_dict().items():
        client.logout()
        if user:
            log_in(client, user)
        assert client.get(url).status_code == 200


def test_dashboard_shows_figures_rules_charts_map(client, world, people):
    log_in(client, people.secretariat)
    response = client.get(reverse("indicators:dashboard"))
    html = response.content.decode()
    assert 'data-code="RCO01">4<' in html
    assert 'data-code="RCO87">6<' in html
    assert "a plain purchase" not in html  # rules are our own text, below
    assert (
        "Buying a service is not cooperation" in html
        or "Een dienst kopen is geen samenwerking" in html
    )
    assert html.count("<svg") >= 3  # trend, size class, map
    assert "<title>Oost-Vlaanderen (BE): 1</title>" in html
    assert 'role="img"' in html and "<desc" in html


def test_dashboard_filter_and_chart_choice(client, world, people):
    log_in(client, people.secretariat)
    response = client.get(reverse("indicators:dashboard"), {"country": "NL", "show": "RCO87"})
    html = response.content.decode()
    assert 'data-code="RCO01">2<' in html
    assert "RCO87" in html and "<svg" in html
    assert "RCO01=" not in html  # filters go in links as proper query strings
    assert "?country=NL" in html


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2024-13-45"},
        {"date_from": "2025-01-01", "date_to": "2024-01-01"},
        {"date_from": "1900-01-01"},
        {"country": "XX"},
        {"province": "<script>alert(1)</script>"},
        {"nuts3": "' OR 1=1 --"},
        {"sector": "x" * 5000},
        {"objective": "A3"},
        {"country": "BE\x01\x07"},  # NUL: refused at the door (core.middleware)
    ],
)
def test_bad_filters_get_a_clear_error(client, world, people, params):
    log_in(client, people.secretariat)
    response = client.get(reverse("indicators:dashboard"), params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "field__error" in html
    assert "<script>alert(1)</script>" not in html
    export = client.get(reverse("indicators:export", args=["RCO01", "csv"]), params)
    assert export.status_code == 400


def test_unknown_indicator_is_404(client, people):
    log_in(client, people.secretariat)
    assert client.get("/indicators/RCO999/").status_code == 404


def test_detail_lists_the_units(client, world, people):
    log_in(client, people.secretariat)
    html = client.get(reverse("indicators:detail", args=["RCO02"])).content.decode()
    assert "Eindhovense Mkb" in html and "Amsterdamse Mkb" in html
    assert '<span id="figure">1</span>' in html


def test_csv_export_has_the_records_and_is_formula_safe(client, world, people):
    world.sme_nl.name = '=HYPERLINK("http://evil")'
    world.sme_nl.save()
    log_in(client, people.secretariat)
    response = client.get(reverse("indicators:export", args=["RCO02", "csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="kennisbrug-rco02.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 3  # header + vouchers 1, 2 and 4
    names = {row[4] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil")' in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_xlsx_export_is_formula_safe(client, world, people):
    world.sme_nl.name = "@SUM(1+1)\x07"
    world.sme_nl.save()
    log_in(client, people.secretariat)
    response = client.get(reverse("indicators:export", args=["RCO02", "xlsx"]), {"country": "NL"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 1 + 3  # vouchers 1 and 2 (Eindhoven), 4 (Amsterdam, outside)
    assert values[1][4] == "'@SUM(1+1)"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_region_summary_suppresses_small_groups(client, world):
    html = client.get(reverse("indicators:region")).content.decode()
    assert "&lt; 5" in html
    assert "Gentse Kmo" not in html  # no names on the public page


def test_region_summary_exact_with_min_group_one(client, world, settings):
    settings.KENNISBRUG_MIN_GROUP_SIZE = 1
    from kennisbrug.indicators.evidence import Context
    from kennisbrug.indicators.public import region_summary

    rows, totals, _columns = region_summary(ctx=Context())
    by_code = {row.code: [c.value for c in row.cells] for row in rows}
    # introductions, bookings, vouchers, pilots, trainings
    assert by_code["BE23"] == [1, 0, 0, 0, 1]
    assert by_code["NL41"] == [1, 0, 1, 0, 0]
    assert by_code["NL42"] == [0, 0, 0, 1, 0]
    assert by_code["outside"] == [1, 0, 1, 0, 0]
    assert [c.value for c in totals] == [3, 0, 2, 1, 1]


def test_labour_market_without_skills_data(client, db):
    response = client.get(reverse("indicators:labour"))
    assert response.status_code == 200


CALC = "=cmd|' /C calc'!A0"


def test_exports_neutralise_a_dde_payload(client, world, people):
    world.sme_nl.name = CALC
    world.sme_nl.save()
    log_in(client, people.secretariat)
    response = client.get(reverse("indicators:export", args=["RCO02", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert "'" + CALC in {row[4] for row in rows[1:]}
    assert not any(cell.startswith("=") for row in rows for cell in row)
    response = client.get(reverse("indicators:export", args=["RCO02", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "'" + CALC in {row[4].value for row in sheet.iter_rows(min_row=2)}
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


@pytest.mark.parametrize(
    "language, shown, not_shown",
    [
        (
            "nl",
            [
                "Code in de verordening: RCO 07",
                "outputindicator",
                "eenheid: onderzoeksinstellingen",
            ],
            ["Research organisations participating", "research institutions", "output;", "Jems"],
        ),
        (
            "en",
            ["Code in the regulation: RCO 07", "output indicator", "unit: research institutions"],
            ["Onderzoeksorganisaties", "onderzoeksinstellingen"],
        ),
    ],
)
def test_detail_describes_the_indicator_in_the_readers_language(
    client, people, language, shown, not_shown
):
    log_in(client, people.secretariat)
    page = client.get(reverse("indicators:detail", args=["RCO07"]), HTTP_ACCEPT_LANGUAGE=language)
    lead = page.content.decode().split('<p class="lead">', 1)[1].split("</section>", 1)[0]
    for text in shown:
        assert text in lead
    for text in not_shown:
        assert text not in lead
