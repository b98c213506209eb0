import pytest

from kennisbrug.core.models import Nuts3Region, Postcode, Province, Sector, SpecificObjective
from kennisbrug.core.reference import load_reference_data

pytestmark = pytest.mark.django_db


def test_programme_area_has_19_flemish_and_9_dutch_regions():
    in_area = Nuts3Region.objects.filter(in_programme_area=True)
    assert in_area.filter(country_id="BE").count() == 19
    assert in_area.filter(country_id="NL").count() == 9
    assert not Nuts3Region.objects.get(code="BE100").in_programme_area  # Brussels


def test_postcodes_resolve_to_regions():
    gent = Postcode.objects.get(country_id="BE", code="9000")
    assert gent.nuts3_id == "BE234"
    assert gent.municipality.name_nl == "Gent"
    eindhoven = Postcode.objects.get(country_id="NL", code="5611")
    assert eindhoven.nuts3.in_programme_area
    assert eindhoven.nuts3.province.name_nl == "Noord-Brabant"


def test_ten_priority_sectors_and_two_objectives():
    assert Sector.objects.count() == 10
    assert set(SpecificObjective.objects.values_list("code", flat=True)) == {"A1", "A2"}
    assert SpecificObjective.objects.get(code="A1").activity_types.count() == 9


def test_loading_twice_changes_nothing():
    before = Postcode.objects.count(), Province.objects.count()
    load_reference_data()
    assert (Postcode.objects.count(), Province.objects.count()) == before
