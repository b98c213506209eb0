"""Deterministic factories for organisations and memberships.

Postcodes are real ones from the reference data so region derivation works:
BE 9000 Gent (BE234, programme area), NL 5611 Eindhoven (NL414, programme area),
BE 1000 Brussel (BE100, outside), NL 1011 Amsterdam (NL329, outside).
"""

from decimal import Decimal

import factory
from django.utils.text import slugify

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.organisations.constants import (
    MembershipRole,
    MembershipStatus,
    OrganisationType,
    SizeClass,
)
from kennisbrug.organisations.models import Expert, Membership, Organisation, ResearchGroup

NUTS3_BY_POSTCODE = {
    ("BE", "9000"): "BE234",
    ("BE", "2000"): "BE211",
    ("BE", "3500"): "BE224",
    ("BE", "1000"): "BE100",
    ("NL", "5611"): "NL414",
    ("NL", "4331"): "NL342",
    ("NL", "6211"): "NL423",
    ("NL", "1011"): "NL329",
}


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testorganisatie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    type = OrganisationType.SME
    country_id = "BE"
    postcode = "9000"
    city = "Gent"
    nuts3_id = factory.LazyAttribute(lambda o: NUTS3_BY_POSTCODE.get((o.country_id, o.postcode)))
    size_class = factory.LazyAttribute(
        lambda o: SizeClass.SMALL if o.type == OrganisationType.SME else ""
    )
    staff_headcount = factory.LazyAttribute(
        lambda o: 20 if o.type == OrganisationType.SME else None
    )
    # Figures consistent with the size class (20 staff, EUR 3 m turnover: small).
    annual_turnover = factory.LazyAttribute(
        lambda o: Decimal("3000000.00") if o.type == OrganisationType.SME else None
    )
    description = "Een testorganisatie."

    class Params:
        dutch = factory.Trait(country_id="NL", postcode="5611", city="Eindhoven")
        brussels = factory.Trait(country_id="BE", postcode="1000", city="Brussel")
        knowledge_institution = factory.Trait(type=OrganisationType.KNOWLEDGE_INSTITUTION)
        government = factory.Trait(type=OrganisationType.GOVERNMENT)
        intermediary = factory.Trait(type=OrganisationType.INTERMEDIARY)
        large = factory.Trait(type=OrganisationType.LARGE_ENTERPRISE, size_class=SizeClass.LARGE)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.ACTIVE

    class Params:
        admin = factory.Trait(role=MembershipRole.ADMIN)
        pending = factory.Trait(status=MembershipStatus.PENDING)


class ResearchGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchGroup

    organisation = factory.SubFactory(OrganisationFactory, knowledge_institution=True)
    name = factory.Sequence(lambda n: f"Onderzoeksgroep {n}")
    expertise = "Materiaalonderzoek"


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    organisation = factory.SubFactory(OrganisationFactory, knowledge_institution=True)
    name = factory.Sequence(lambda n: f"Dr. Expert {n}")
    role = "Onderzoeker"
    expertise = "Materiaalonderzoek"
    email = factory.Sequence(lambda n: f"expert{n}@example.org")
    listed = True
