"""Every app fills the registries of the layers below it from its `ready()`.

core and matching never name the apps, so these tests check, across apps, that each
app's entries are really there and really used.
"""

import pytest
from django.core.management import call_command

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core import demo, evidence_sources
from kennisbrug.facilities.tests.factories import FacilityFactory, LivingLabFactory
from kennisbrug.indicators import sources
from kennisbrug.innovation.tests.factories import QuestionFactory
from kennisbrug.matching import registry
from kennisbrug.matching.services import KIND_LABELS, match, provider_kinds
from kennisbrug.matching.testing import matching_index  # noqa: F401
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects.tests.factories import ChallengeFactory

pytestmark = pytest.mark.django_db

WORD = "zonnepaneelrecycling"


def test_a_search_after_a_rebuild_finds_every_registered_kind_of_document():
    OrganisationFactory(name="Kring", description=f"Wij doen {WORD}.")
    QuestionFactory(title=f"Vraag over {WORD}")
    FacilityFactory(name=f"Lab voor {WORD}")
    LivingLabFactory(name=f"Proeftuin {WORD}")
    ChallengeFactory(open=True, title=f"Uitdaging {WORD}")
    call_command("matching", "rebuild", verbosity=0)

    hits = match(text=WORD, limit=20)

    assert {h.kind for h in hits} == {
        "organisation",
        "question",
        "facility",
        "living_lab",
        "challenge",
    }
    organisation = next(h for h in hits if h.kind == "organisation")
    assert organisation.object.name == "Kring"
    assert organisation.url == f"/organisations/{organisation.object.slug}/"


def test_every_kind_has_its_label_and_only_providers_of_knowledge_answer_questions():
    assert list(KIND_LABELS) == [
        "organisation",
        "research_group",
        "expert",
        "question",
        "facility",
        "living_lab",
        "challenge",
    ]
    assert all(str(label) for label in KIND_LABELS.values())
    assert provider_kinds() == (
        "organisation",
        "research_group",
        "expert",
        "facility",
        "living_lab",
    )


def test_organisations_offer_the_type_filter_and_the_asker():
    member = MembershipFactory()
    assert "sme" in dict(registry.choices_of("organisation_type"))
    assert registry.asker_for(member.user) == member.organisation
    assert registry.asker_for(UserFactory()) is None


def test_demo_generators_run_in_the_stable_dependency_order():
    assert demo.generators.names() == [
        "organisations",
        "research",
        "innovation",
        "facilities",
        "vouchers",
        "projects",
        "skills",
    ]
    assert not demo.is_present()
    OrganisationFactory(is_demo=True)
    assert demo.is_present()


def test_every_indicator_source_is_registered_by_its_app():
    assert sorted(evidence_sources.readers.names()) == sorted(sources.SOURCE_MODELS)
    assert all(sources.missing(name) == [] for name in sources.SOURCE_MODELS)


def test_the_dashboard_shows_the_memberships_section():
    from kennisbrug.accounts import dashboard

    member = MembershipFactory()
    context = dashboard.context_for(member.user)
    assert [m.organisation for m in context["dashboard"].memberships] == [member.organisation]
