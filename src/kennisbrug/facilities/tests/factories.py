"""Deterministic factories for facilities, tariffs, bookings, living labs and pilots."""

from datetime import date, time, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.facilities.constants import (
    BookingStatus,
    CustomerClass,
    FacilityCategory,
    PilotStatus,
)
from kennisbrug.facilities.models import (
    Booking,
    Facility,
    LivingLab,
    OpeningHours,
    Pilot,
    PilotCall,
    Tariff,
)
from kennisbrug.organisations.tests.factories import OrganisationFactory

RATES = {
    CustomerClass.INTERNAL: (Decimal("40.00"), Decimal("280.00")),
    CustomerClass.ACADEMIC: (Decimal("60.00"), Decimal("420.00")),
    CustomerClass.SME: (Decimal("80.00"), Decimal("560.00")),
    CustomerClass.LARGE: (Decimal("125.50"), Decimal("900.00")),
}


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganisationFactory, knowledge_institution=True)
    name = factory.Sequence(lambda n: f"Testlab {n}")
    category = FacilityCategory.LAB
    description = "Een laboratorium voor materiaalonderzoek."
    equipment = "Elektronenmicroscoop\nTrekbank"
    postcode = "9000"
    city = "Gent"
    country_id = "BE"
    nuts3_id = "BE234"
    requires_approval = True
    pending_blocks = True
    min_duration_minutes = 60
    max_duration_minutes = 8 * 60
    lead_time_hours = 0
    max_advance_days = 365

    @factory.post_generation
    def weekday_hours(obj, create, extracted, **kwargs):
        """Open Monday to Friday 08:00-18:00 unless `weekday_hours=False`."""
        if not create or extracted is False:
            return
        for weekday in range(5):
            OpeningHours.objects.create(
                facility=obj, weekday=weekday, opens=time(8), closes=time(18)
            )

    @factory.post_generation
    def with_tariffs(obj, create, extracted, **kwargs):
        """Hourly and daily tariffs for every customer class unless `with_tariffs=False`."""
        if not create or extracted is False:
            return
        for customer_class, (hourly, daily) in RATES.items():
            Tariff.objects.create(
                facility=obj, customer_class=customer_class, hourly_rate=hourly, daily_rate=daily
            )


def next_weekday(weekday: int, hour: int, *, weeks: int = 1):
    """An aware local datetime at `hour`:00 on `weekday` (0 = Monday) some weeks ahead."""
    today = timezone.localdate()
    day = today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)
    return timezone.make_aware(timezone.datetime.combine(day, time(hour)))


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    facility = factory.SubFactory(FacilityFactory)
    requester = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    customer_class = CustomerClass.SME
    start = factory.LazyFunction(lambda: next_weekday(1, 9))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    purpose = "Metingen aan een prototype."
    status = BookingStatus.REQUESTED
    hours = Decimal("2.00")
    price = Decimal("160.00")
    price_basis = "hour"

    class Params:
        approved = factory.Trait(status=BookingStatus.APPROVED)
        cancelled = factory.Trait(status=BookingStatus.CANCELLED)


class LivingLabFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LivingLab

    owner = factory.SubFactory(OrganisationFactory, knowledge_institution=True)
    name = factory.Sequence(lambda n: f"Proeftuin {n}")
    theme = "Slimme haven"
    description = "Een proeftuin in de haven."
    test_environment = "Een kade met sensoren."
    how_to_join = "Neem contact op."
    postcode = "4331"
    city = "Middelburg"
    country_id = "NL"
    nuts3_id = "NL342"


class PilotCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotCall

    living_lab = factory.SubFactory(LivingLabFactory)
    title = factory.Sequence(lambda n: f"Oproep {n}")
    description = "Test je oplossing in de haven."
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot

    living_lab = factory.SubFactory(LivingLabFactory)
    proposer = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Pilot {n}")
    goal = "Aantonen dat het werkt."
    what_is_tested = "Een drone-inspectie."
    start_date = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    end_date = factory.LazyFunction(lambda: date.today() + timedelta(days=90))
    status = PilotStatus.PROPOSED
