"""The facility list builds its JSON directly (FacilityOutput.to_representation, from the
plain values of `selectors.with_list_details`); it must say exactly what DRF's field-by-field
path says for the declared fields, for a list row and for a single facility."""

from datetime import time
from decimal import Decimal

import pytest
from rest_framework import serializers
from rest_framework.test import APIClient

from kennisbrug.accounts import services as accounts
from kennisbrug.core.models import Sector, Technology
from kennisbrug.facilities.api.serializers import FacilityOutput
from kennisbrug.facilities.api.views.facilities import _facility_qs
from kennisbrug.facilities.constants import CustomerClass
from kennisbrug.facilities.models import OpeningHours, Tariff
from kennisbrug.organisations.tests.factories import MembershipFactory

from .factories import FacilityFactory

pytestmark = pytest.mark.django_db


def _facilities(owner_admin):
    full = FacilityFactory(
        owner=owner_admin.organisation, self_service=True, as_a_service=True, city="Antwerpen"
    )
    full.sectors.set(Sector.objects.order_by("-sort_order")[:3])
    full.technologies.set(Technology.objects.order_by("-sort_order")[:3])
    # midnight closing, a second interval on a day, a tariff with only a day rate
    OpeningHours.objects.create(facility=full, weekday=5, opens=time(20), closes=time(0))
    OpeningHours.objects.create(facility=full, weekday=5, opens=time(9, 30), closes=time(12))
    Tariff.objects.filter(facility=full, customer_class=CustomerClass.LARGE).update(
        hourly_rate=None, daily_rate=Decimal("1200.5")
    )
    bare = FacilityFactory(
        nuts3_id=None,
        country_id="NL",
        postcode="1234",
        website="",
        contact_email="",
        weekday_hours=False,
        with_tariffs=False,
    )
    # unpublished: listed only for the owner's admin (who manages it)
    hidden = FacilityFactory(owner=owner_admin.organisation, is_published=False)
    return full, bare, hidden


def _generic(facility):
    """DRF's own path over the declared fields, from a facility with its relations loaded."""
    return serializers.ModelSerializer.to_representation(FacilityOutput(), facility)


@pytest.mark.parametrize("who", ["anonymous", "token"])
def test_list_rows_equal_drf_field_by_field(who):
    admin = MembershipFactory(admin=True)
    full, bare, hidden = _facilities(admin)
    client = APIClient()
    if who == "token":
        raw = accounts.api_token_create(user=admin.user, name="integration")[1]
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    response = client.get("/api/v1/facilities/", secure=True)
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    expected_ids = {full.pk, bare.pk} | ({hidden.pk} if who == "token" else set())
    assert set(rows) == expected_ids
    for pk, row in rows.items():
        assert row == _generic(_facility_qs().get(pk=pk))
    assert rows[full.pk]["access_modes"] == ["self_service", "operator_assisted", "as_a_service"]
    assert len(rows[full.pk]["sectors"]) == 3 and len(rows[full.pk]["technologies"]) == 3
    assert {"weekday": 5, "opens": "20:00", "closes": "00:00"} in rows[full.pk]["opening_hours"]
    assert {"customer_class": "large", "hourly_rate": None, "daily_rate": "1200.50"} in rows[
        full.pk
    ]["tariffs"]
    assert rows[bare.pk]["province"] is None and rows[bare.pk]["in_programme_area"] is False
    assert rows[bare.pk]["opening_hours"] == [] and rows[bare.pk]["tariffs"] == []


def test_single_facility_equals_drf_field_by_field(api_client):
    admin = MembershipFactory(admin=True)
    for facility in _facilities(admin):
        loaded = _facility_qs().get(pk=facility.pk)
        expected = _generic(loaded)
        assert FacilityOutput(loaded).data == expected
        assert set(expected) == set(FacilityOutput().fields)
    full = _facilities(admin)[0]
    detail = api_client.get(f"/api/v1/facilities/{full.pk}/", secure=True)
    assert detail.status_code == 200
    assert detail.json() == _generic(_facility_qs().get(pk=full.pk))
