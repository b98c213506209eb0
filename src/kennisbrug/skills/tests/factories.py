import datetime
from decimal import Decimal

import factory

from kennisbrug.organisations.tests.factories import OrganisationFactory
from kennisbrug.skills.models import Training


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training
        skip_postgeneration_save = True

    provider = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Training {n}")
    language = "nl"
    mode = "on_site"
    nuts3_id = "BE211"
    cost = Decimal("500.00")
    duration_hours = 40
    # A start date ahead of the day the tests run: past trainings are never proposed
    start_dates = factory.LazyFunction(
        lambda: [(datetime.date.today() + datetime.timedelta(days=60)).isoformat()]
    )
    audiences = ["job_seekers"]

    @factory.post_generation
    def teaches(self, create, extracted, **kwargs):
        if extracted:
            self.skills.set(extracted)
