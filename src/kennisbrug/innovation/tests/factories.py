from datetime import timedelta

import factory
from django.utils import timezone

from kennisbrug.innovation.constants import IntroductionState, Visibility
from kennisbrug.innovation.models import InnovationQuestion, Introduction
from kennisbrug.organisations.tests.factories import OrganisationFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InnovationQuestion

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Innovatievraag {n}")
    description = "Wij zoeken kennis over lasersnijden en fotonica."

    class Params:
        private = factory.Trait(visibility=Visibility.MATCHED_ONLY)
        closed = factory.Trait(status="closed")


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    question = factory.SubFactory(QuestionFactory)
    requester_organisation = factory.LazyAttribute(lambda o: o.question.organisation)
    provider_organisation = factory.SubFactory(
        OrganisationFactory, dutch=True, knowledge_institution=True
    )
    target_id = factory.LazyAttribute(lambda o: str(o.provider_organisation.pk))
    message = "Graag kennismaken."
    state = IntroductionState.REQUESTED
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
