"""Deterministic factories for core's own rows: reference entries and audit records.

The shipped reference data is loaded once per test session, so reference factories
reuse a row with the same code instead of failing on its primary key.
"""

import factory

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog, Country, Sector, TargetGroup, Technology


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "BE"
    name_nl = "België"
    name_en = "Belgium"
    is_programme_country = True

    class Params:
        outside = factory.Trait(
            code="DE", name_nl="Duitsland", name_en="Germany", is_programme_country=False
        )


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"testsector-{n}")
    name_nl = factory.Sequence(lambda n: f"Testsector {n}")
    name_en = factory.Sequence(lambda n: f"Test sector {n}")
    sort_order = 100
    keywords_nl = "proef, test"
    keywords_en = "trial, test"


class TechnologyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Technology
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"testtechnologie-{n}")
    name_nl = factory.Sequence(lambda n: f"Testtechnologie {n}")
    name_en = factory.Sequence(lambda n: f"Test technology {n}")
    framework = "KET2012"
    sort_order = 100


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"testdoelgroep-{n}")
    name_nl = factory.Sequence(lambda n: f"Testdoelgroep {n}")
    name_en = factory.Sequence(lambda n: f"Test target group {n}")
    sort_order = 100


class AuditLogFactory(factory.django.DjangoModelFactory):
    """An audit record of an action on some object; `transition` adds the state change."""

    class Meta:
        model = AuditLog

    actor = factory.SubFactory(UserFactory)
    action = "update"
    object_type = "organisations.organisation"
    object_id = factory.Sequence(str)

    class Params:
        transition = factory.Trait(action="transition", from_state="draft", to_state="submitted")
        by_system = factory.Trait(actor=None)
