"""Usage reports (utilisation, classes, SME and cross-border shares, CSV) and engine documents."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from kennisbrug.core.exports import to_csv
from kennisbrug.core.models import Sector, Technology
from kennisbrug.facilities.constants import LOCAL_TZ, BookingStatus, CustomerClass
from kennisbrug.facilities.documents import facility_documents, living_lab_documents
from kennisbrug.facilities.reports import facility_usage, organisation_usage, usage_table
from kennisbrug.organisations.tests.factories import OrganisationFactory

from .factories import BookingFactory, FacilityFactory, LivingLabFactory

pytestmark = pytest.mark.django_db

WEEK = (datetime(2026, 3, 2, tzinfo=LOCAL_TZ), datetime(2026, 3, 9, tzinfo=LOCAL_TZ))


def booking(facility, day, hours, cls, price, org=None, status=BookingStatus.APPROVED):
    start = datetime(2026, 3, day, 9, tzinfo=LOCAL_TZ)
    return BookingFactory(
        facility=facility,
        organisation=org or OrganisationFactory(),
        customer_class=cls,
        start=start,
        end=start + timedelta(hours=hours),
        hours=Decimal(hours),
        price=Decimal(price),
        status=status,
    )


def test_facility_usage_figures():
    facility = FacilityFactory()  # Belgian, open 50 hours a week
    booking(facility, 2, 5, CustomerClass.SME, "400.00", OrganisationFactory(dutch=True))
    booking(facility, 3, 10, CustomerClass.LARGE, "1255.00")
    booking(facility, 4, 2, CustomerClass.SME, "160.00", status=BookingStatus.CANCELLED)
    booking(facility, 5, 2, CustomerClass.SME, "160.00", status=BookingStatus.COMPLETED)
    booking(facility, 12, 2, CustomerClass.SME, "160.00")  # next week: not counted
    report = facility_usage(facility=facility, start=WEEK[0], end=WEEK[1])
    assert report["open_hours"] == Decimal("50.00")
    assert report["booked_hours"] == Decimal("17")
    assert report["utilisation_percent"] == Decimal("34.0")
    assert report["revenue"] == Decimal("1815.00")
    assert (report["bookings"], report["requests"], report["cancelled"]) == (3, 4, 1)
    assert report["by_class"]["sme"] == {
        "bookings": 2,
        "hours": Decimal("7"),
        "revenue": Decimal("560.00"),
    }
    assert report["sme_share_percent"] == Decimal("41.2")
    assert report["cross_border_share_percent"] == Decimal("29.4")


def test_organisation_usage_and_csv_neutralises_formulas():
    owner = OrganisationFactory(knowledge_institution=True)
    one = FacilityFactory(owner=owner, name="=HYPERLINK(1)")
    two = FacilityFactory(owner=owner)
    booking(one, 2, 4, CustomerClass.ACADEMIC, "240.00")
    booking(two, 3, 1, CustomerClass.SME, "80.00")
    report = organisation_usage(organisation=owner, start=WEEK[0], end=WEEK[1])
    assert report["booked_hours"] == Decimal("5") and report["open_hours"] == Decimal("100.00")
    assert report["utilisation_percent"] == Decimal("5.0") and report["revenue"] == Decimal(
        "320.00"
    )
    text = to_csv(*usage_table(report["facilities"])).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and ";=HYPERLINK" not in text
    assert text.splitlines()[0].startswith("facility_id;facility")
    assert len(text.splitlines()) == 1 + 2 * 5


def test_facility_documents_shape():
    facility = FacilityFactory(self_service=True)
    facility.sectors.add(Sector.objects.first())
    facility.technologies.add(Technology.objects.first())
    FacilityFactory(is_published=False)
    docs = list(facility_documents())
    assert len(docs) == 1
    doc = docs[0]
    assert doc["kind"] == "facility" and doc["id"] == str(facility.pk)
    assert doc["country"] == "BE" and doc["nuts3"] == "BE234" and doc["in_programme_area"] is True
    assert f"sector:{Sector.objects.first().code}" in doc["concepts"]
    assert any(c.startswith("ket:") for c in doc["concepts"])
    assert "Elektronenmicroscoop" in doc["body"]
    assert doc["attrs"]["access_modes"] == ["self_service", "operator_assisted"]
    assert doc["attrs"]["province"] == "BE23" and doc["attrs"]["owner"] == facility.owner_id


def test_living_lab_documents_shape():
    lab = LivingLabFactory()
    lab.partners.add(OrganisationFactory())
    doc = next(iter(living_lab_documents()))
    assert (doc["kind"], doc["id"], doc["country"]) == ("living_lab", str(lab.pk), "NL")
    assert doc["attrs"]["partner_countries"] == ["BE"] and "haven" in doc["body"]
