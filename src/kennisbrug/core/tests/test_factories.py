"""Core's factories build valid rows and their traits give the documented states."""

import pytest

from kennisbrug.core.models import AuditLog, Country, Sector

from .factories import AuditLogFactory, CountryFactory, SectorFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


def test_reference_factories_build_valid_rows_beside_the_shipped_data():
    shipped = Sector.objects.count()
    sector = SectorFactory()
    technology = TechnologyFactory()
    for row in (sector, technology):
        row.full_clean()
    assert Sector.objects.count() == shipped + 1
    assert CountryFactory() == Country.objects.get(code="BE")  # reuses the shipped row
    assert CountryFactory(outside=True).is_programme_country is False


def test_audit_traits():
    plain = AuditLogFactory()
    transition = AuditLogFactory(transition=True, by_system=True)
    for row in (plain, transition):
        row.full_clean()
    assert (plain.from_state, plain.to_state, plain.actor is not None) == ("", "", True)
    assert (transition.action, transition.from_state, transition.to_state) == (
        "transition",
        "draft",
        "submitted",
    )
    assert transition.actor is None
    assert AuditLog.objects.count() == 2
