import datetime

import factory
from django.utils import timezone

from kennisbrug.organisations.tests.factories import OrganisationFactory
from kennisbrug.projects.constants import (
    ChallengeStatus,
    NetworkKind,
    PartnerRole,
    PartnerStatus,
    Visibility,
)
from kennisbrug.projects.models import (
    Challenge,
    IdeaPartner,
    Network,
    NetworkMembership,
    ProjectIdea,
)


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectIdea
        skip_postgeneration_save = True

    lead_organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Idee {n}")
    summary = "Kmo's uit Vlaanderen en Nederland ontwikkelen grensoverschrijdend een prototype."
    visibility = Visibility.PRIVATE

    class Params:
        public = factory.Trait(visibility=Visibility.PUBLIC)
        registered = factory.Trait(visibility=Visibility.REGISTERED)

    @factory.post_generation
    def lead_partner(obj, create, extracted, **kwargs):
        if create:
            org = obj.lead_organisation
            IdeaPartner.objects.create(
                idea=obj,
                organisation=org,
                name=org.name,
                role=PartnerRole.LEAD,
                org_type=org.type,
                country=org.country,
                nuts3=org.nuts3,
                status=PartnerStatus.ACCEPTED,
            )


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    kind = NetworkKind.NETWORK
    name = factory.Sequence(lambda n: f"Netwerk {n}")
    description = "Kennisnetwerk over waterstof."
    theme = "waterstof"
    owner_organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def owner_member(obj, create, extracted, **kwargs):
        if create:
            NetworkMembership.objects.create(
                network=obj, organisation=obj.owner_organisation, status="accepted"
            )


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    owner_organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Uitdaging {n}")
    problem = "Wij zoeken een sensor voor vochtmeting in graan."
    requirements = "Meet vocht draadloos, kost minder dan 50 euro."
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    status = ChallengeStatus.DRAFT

    class Params:
        open = factory.Trait(status=ChallengeStatus.OPEN)
        evaluating = factory.Trait(status=ChallengeStatus.EVALUATING)
