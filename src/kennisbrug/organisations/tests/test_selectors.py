import pytest

from kennisbrug.core.models import Sector, Technology
from kennisbrug.organisations.constants import OrganisationType, SizeClass
from kennisbrug.organisations.forms import OrganisationFilterForm
from kennisbrug.organisations.selectors import organisation_detail, organisation_list

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    sector, other_sector = Sector.objects.order_by("sort_order")[:2]
    tech = Technology.objects.first()
    gent = OrganisationFactory(name="Gentse Fotonica", expertise="lasersnijden en optica")
    gent.sectors.add(sector)
    gent.technologies.add(tech)
    eindhoven = OrganisationFactory(
        name="Brainport Lab",
        dutch=True,
        knowledge_institution=True,
        size_class="",
        offers="testfaciliteit voor waterstof",
    )
    eindhoven.sectors.add(other_sector)
    brussels = OrganisationFactory(
        name="Brussels Data", brussels=True, large=True, description="AI consultancy"
    )
    return {
        "gent": gent,
        "eindhoven": eindhoven,
        "brussels": brussels,
        "sector": sector,
        "tech": tech,
    }


def names(filters):
    form = OrganisationFilterForm(filters)
    assert form.is_valid(), form.errors
    return [o.name for o in organisation_list(filters=form.cleaned_data)]


def test_no_filter_lists_all_by_name(orgs):
    assert names({}) == ["Brainport Lab", "Brussels Data", "Gentse Fotonica"]


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"type": OrganisationType.KNOWLEDGE_INSTITUTION}, ["Brainport Lab"]),
        ({"country": "NL"}, ["Brainport Lab"]),
        ({"province": "BE23"}, ["Gentse Fotonica"]),
        ({"in_programme_area": "true"}, ["Brainport Lab", "Gentse Fotonica"]),
        ({"in_programme_area": "false"}, ["Brussels Data"]),
        ({"size_class": SizeClass.LARGE}, ["Brussels Data"]),
        ({"q": "LASERSNIJDEN"}, ["Gentse Fotonica"]),
        ({"q": "waterstof"}, ["Brainport Lab"]),
        ({"q": "consultancy"}, ["Brussels Data"]),
        ({"q": "brainport"}, ["Brainport Lab"]),
        ({"q": "'; DROP TABLE organisations_organisation; --"}, []),
        ({"country": "BE", "in_programme_area": "true"}, ["Gentse Fotonica"]),
    ],
)
def test_each_filter(orgs, filters, expected):
    assert names(filters) == expected


def test_sector_and_technology_filters(orgs):
    assert names({"sector": orgs["sector"].pk}) == ["Gentse Fotonica"]
    assert names({"technology": orgs["tech"].pk}) == ["Gentse Fotonica"]


@pytest.mark.parametrize(
    "filters",
    [
        {"type": "spaceship"},
        {"country": "ZZ"},
        {"province": "XX99"},
        {"sector": "nope"},
        {"technology": "nope"},
        {"size_class": "huge"},
        {"in_programme_area": "maybe"},
        {"q": "x" * 201},
    ],
)
def test_unknown_filter_values_are_invalid(filters):
    assert not OrganisationFilterForm(filters).is_valid()


def test_detail(orgs):
    assert organisation_detail(slug=orgs["gent"].slug) == orgs["gent"]
