"""The match explanations' names of sectors, technologies and countries are kept per process
and reference data version: no queries for them on a repeat call, and an edit (model save or
the bulk loader) shows at the very next call, in the language asked for."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kennisbrug.core.concepts import sector_concept, technology_concept
from kennisbrug.core.models import Country, Sector, Technology
from kennisbrug.matching import services

pytestmark = pytest.mark.django_db


def _reference_reads(queries) -> list[str]:
    tables = ("core_sector", "core_technology", "core_country")
    return [q["sql"] for q in queries if any(t in q["sql"] for t in tables)]


def test_repeat_calls_read_no_reference_tables():
    with translation.override("nl"):
        services.reference_labels()
        with CaptureQueriesContext(connection) as queries:
            labels, countries = services.reference_labels()
    assert not _reference_reads(queries), queries.captured_queries
    sector = Sector.objects.order_by("sort_order").first()
    assert labels[sector_concept(sector.code)] == sector.name_nl
    assert countries["BE"] == Country.objects.get(code="BE").name_nl


@pytest.mark.parametrize("how", ["save", "bulk"])
def test_an_edit_shows_at_the_next_call(how):
    from kennisbrug.core.fragments import reference_data_changed

    sector = Sector.objects.order_by("sort_order").first()
    technology = Technology.objects.order_by("sort_order").first()
    with translation.override("en"):
        before, _countries = services.reference_labels()
    assert before[sector_concept(sector.code)] != "Renamed sector"
    if how == "save":
        sector.name_en = "Renamed sector"
        sector.save()
        country = Country.objects.get(code="NL")
        country.name_en = "The Low Countries"
        country.save()
    else:  # a bulk write sends no signals; the loader bumps the version itself
        Sector.objects.filter(pk=sector.pk).update(name_en="Renamed sector")
        Technology.objects.filter(pk=technology.pk).update(name_en="Renamed technology")
        reference_data_changed()
    with translation.override("en"):
        labels, countries = services.reference_labels()
    assert labels[sector_concept(sector.code)] == "Renamed sector"
    if how == "save":
        assert countries["NL"] == "The Low Countries"
    else:
        assert labels[technology_concept(technology.code)] == "Renamed technology"
    with translation.override("nl"):  # the other language is kept apart
        labels_nl, _countries = services.reference_labels()
    assert labels_nl[sector_concept(sector.code)] == sector.name_nl
