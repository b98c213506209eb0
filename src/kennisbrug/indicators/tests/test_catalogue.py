"""Every indicator's exact value in the small world, with the edge cases of each rule."""

import datetime as dt

import pytest

from kennisbrug.indicators.evidence import Context, Filters
from kennisbrug.indicators.registry import all_indicators, get_indicator
from kennisbrug.indicators.selectors import (
    indicator_breakdown,
    indicator_result,
    indicator_results,
    indicator_units,
)

pytestmark = pytest.mark.django_db

EXPECTED = {
    # code: (programme area, outside the programme area)
    "RCO01": (4, 2),
    "RCO02": (1, 1),
    "RCO04": (4, 1),
    "RCO07": (2, 0),
    "RCO10": (4, 0),
    "RCO84": (2, 0),
    "RCO85": (0, 0),
    "RCO87": (6, 1),
    "RCO90": (1, 0),
    "RCO116": (1, 0),
    "RCR81": (0, 0),
    "RCR84": (2, 0),
    "RCR98": (0, 0),
    "RCR104": (1, 0),
}


def figures(filters=None):
    filters = filters or Filters()
    results = indicator_results(ctx=Context(), filters=filters)
    return {r.code: (r.value.value, r.outside.value) for r in results}


def units(code, filters=None):
    filters = filters or Filters()
    indicator = get_indicator(code)
    return {u.label for u in indicator_units(ctx=Context(), indicator=indicator, filters=filters)}


def test_every_required_indicator_is_registered():
    assert [i.code for i in all_indicators()] == list(EXPECTED)


def test_exact_values(world):
    assert figures() == EXPECTED


def test_same_enterprise_supported_twice_counts_once(world):
    # Gentse Kmo had two accepted introductions; Eindhovense Mkb two vouchers and a booking.
    rco04 = list(
        indicator_units(ctx=Context(), indicator=get_indicator("RCO04"), filters=Filters())
    )
    gent = next(u for u in rco04 if u.label == "Gentse Kmo")
    assert len(gent.evidence) == 2
    assert [u.label for u in rco04].count("Gentse Kmo") == 1
    assert units("RCO02") == {"Eindhovense Mkb", "Amsterdamse Mkb"}


def test_outside_area_is_reported_separately(world):
    rows = indicator_units(ctx=Context(), indicator=get_indicator("RCO01"), filters=Filters())
    outside = {u.label for u in rows if not u.in_area}
    assert outside == {"Brusselse Kmo", "Amsterdamse Mkb"}
    assert rows[-1].label in outside  # programme area listed first


def test_dutch_dutch_cooperation_is_not_cross_border(world):
    labels = units("RCO87")
    # Idea 3 and network 2 are Dutch–Dutch only; Maastrichtse Mkb counts through its
    # pilot in a Belgian lab, not through them.
    assert "Maastrichtse Mkb" in labels
    rco87 = indicator_units(ctx=Context(), indicator=get_indicator("RCO87"), filters=Filters())
    maastricht = next(u for u in rco87 if u.label == "Maastrichtse Mkb")
    assert {ev.kind for ev in maastricht.evidence} == {"pilot"}
    assert units("RCO90") == {"Fotonica-cluster"}
    # Voucher 2 is Dutch–Dutch: it is not evidence of cross-border cooperation.
    sme_nl = next(u for u in rco87 if u.label == "Eindhovense Mkb")
    assert 2 not in {ev.record_id for ev in sme_nl.evidence if ev.kind == "voucher"}


def test_purchase_of_services_is_not_cooperation_with_research(world):
    # Eindhovense Mkb bought a voucher from and booked a facility of knowledge institutions:
    # no joint research, so not in RCO10 (but it is supported, RCO01/02/04).
    assert "Eindhovense Mkb" not in units("RCO10")
    assert units("RCO10") == {"Gentse Kmo", "Zeeuws Groot", "Maastrichtse Mkb", "Antwerpse Micro"}


def test_research_organisations(world):
    assert units("RCO07") == {"Gentse Universiteit", "Eindhovense Hogeschool"}


def test_pilots_proposed_or_in_future_do_not_count(world):
    assert units("RCO84") == {"Slimme dijk", "Drone-inspectie"}
    assert units("RCO116") == {"Slimme dijk"}


def test_own_facility_and_declined_introduction_do_not_count(world):
    assert "Zeeuws Groot" not in units("RCO04")  # booked its own facility


def test_still_cooperating_after_completion(world):
    rows = indicator_units(ctx=Context(), indicator=get_indicator("RCR84"), filters=Filters())
    assert {u.label for u in rows} == {"Eindhovense Mkb", "Gentse Universiteit"}
    # The evidence is the later cooperation (introduction 5 after voucher 1 was paid).
    assert all(ev.date > dt.date(2024, 5, 15) for u in rows for ev in u.evidence)


def test_solutions_taken_up(world):
    assert units("RCR104") == {"Circulair beton"}


def test_filter_country(world):
    values = figures(Filters(country="NL"))
    assert values["RCO01"] == (2, 1)  # Eindhoven, Maastricht; Amsterdam outside
    assert values["RCO90"] == (0, 0)  # its coordinator is Belgian


def test_filter_province_and_nuts3(world):
    assert figures(Filters(province="BE23"))["RCO01"] == (1, 0)
    assert figures(Filters(nuts3="BE211"))["RCO01"] == (1, 0)


def test_filter_period(world):
    values = figures(Filters(date_to=dt.date(2024, 3, 31)))
    assert values["RCO04"] == (2, 1)  # intro 1 and pilot 1; Brussels intro 4 outside
    values = figures(Filters(date_from=dt.date(2024, 7, 1)))
    assert values["RCO02"] == (1, 0)  # only voucher 2 approved after July


def test_filter_sector(world):
    from kennisbrug.core.models import Sector

    sector = Sector.objects.first()
    world.sme_be.sectors.add(sector)
    assert figures(Filters(sector=sector.code))["RCO01"] == (1, 0)


def test_filter_objective(world):
    values = figures(Filters(objective="A2"))
    assert "RCO07" not in values  # an A1-only indicator
    assert values["RCO01"] == (0, 0)  # all the world's activity is A1
    assert "RCO85" in values


def test_breakdown_by_quarter_country_and_size(world):
    b = indicator_breakdown(ctx=Context(), indicator=get_indicator("RCO01"), filters=Filters())
    assert b.total == 4
    assert b.by_size == {"micro": 1, "small": 2, "medium": 1, "large": 0}
    assert b.by_country == {"BE": 2, "NL": 2}
    # First records: Maastricht pilot Jan, Gent intro Feb, Eindhoven voucher Feb (Q1), micro Aug (Q3).
    assert b.quarters == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert b.by_quarter_country["2024-Q1"] == {"NL": 2, "BE": 1}
    assert b.by_quarter_country["2024-Q2"] == {}
    assert sum(sum(q.values()) for q in b.by_quarter_country.values()) == b.total
    assert b.by_province == {"BE23": 1, "BE21": 1, "NL41": 1, "NL42": 1}


def test_empty_sources_give_zero_not_error(db):
    result = indicator_result(ctx=Context(), indicator=get_indicator("RCO84"), filters=Filters())
    assert (result.value.value, result.outside.value, result.records) == (0, 0, 0)
