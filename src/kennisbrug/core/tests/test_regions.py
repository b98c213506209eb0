"""Regions are shown by name with their country, never by NUTS code."""

import pytest
from django.template import Context, Template
from django.utils import translation

from kennisbrug.core.models import Nuts3Region, Province, region_name

pytestmark = pytest.mark.django_db


def test_the_two_limburgs_are_told_apart_by_country():
    names = {str(p) for p in Province.objects.filter(name_nl="Limburg")}
    assert names == {"Limburg (BE)", "Limburg (NL)"}


def test_a_region_code_becomes_its_name_in_the_reader_language():
    province = Province.objects.get(code="BE21")
    with translation.override("nl"):
        assert region_name("BE21") == f"{province.name_nl} (BE)"
        assert region_name("be21 ") == f"{province.name_nl} (BE)"
    with translation.override("en"):
        assert region_name("BE21") == f"{province.name_en or province.name_nl} (BE)"


def test_nuts3_codes_and_countries_have_names_too():
    region = Nuts3Region.objects.filter(country_id="NL").order_by("code").first()
    assert region_name(region.code) == f"{region.name_nl} (NL)"
    with translation.override("nl"):
        assert region_name("BE") == "België"


def test_unknown_or_empty_codes_stay_as_they_are():
    assert region_name("XX99") == "XX99"
    assert region_name("") == ""


def test_the_region_filter_needs_no_load():
    html = Template("{{ code|region }}|{{ empty|region }}").render(Context({"code": "NL42"}))
    assert html == f"{Province.objects.get(code='NL42')}|"
