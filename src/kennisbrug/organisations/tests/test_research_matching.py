"""Research groups and listed experts are matching documents: an innovation question
finds the group that knows about it, every write reaches the index after commit, and an
expert without consent is never searchable."""

import pytest
from django.urls import reverse

from kennisbrug.innovation import selectors as innovation_selectors
from kennisbrug.innovation.tests.factories import QuestionFactory
from kennisbrug.matching import index, registry
from kennisbrug.matching.services import match
from kennisbrug.matching.testing import matching_index  # noqa: F401
from kennisbrug.organisations.research import services
from kennisbrug.organisations.research.documents import (
    EXPERT,
    RESEARCH_GROUP,
    expert_documents,
    research_group_documents,
)

from .factories import ExpertFactory, OrganisationFactory, ResearchGroupFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_kinds_answer_innovation_questions():
    assert registry.kinds[RESEARCH_GROUP].answers_questions
    assert registry.kinds[EXPERT].answers_questions
    assert registry.providers["research_groups"] is research_group_documents


def test_an_innovation_question_finds_the_research_group_that_knows(roles):
    institution = OrganisationFactory(knowledge_institution=True, dutch=True, name="TU Zuid")
    group = ResearchGroupFactory(
        organisation=institution,
        name="Waterstoflab",
        expertise="Waterstofopslag in metaalhydriden, elektrolyse en brandstofcellen.",
    )
    ResearchGroupFactory(
        organisation=institution, name="Bakkerijtechnologie", expertise="Deeg en ovens."
    )
    question = QuestionFactory(
        organisation=roles.organisation,
        title="Opslag van waterstof",
        description="Wij zoeken kennis over waterstofopslag voor onze vrachtwagens.",
    )
    hits = innovation_selectors.question_matches(
        question=question, filters={"kind": RESEARCH_GROUP}
    )
    assert hits and (hits[0].kind, hits[0].id) == (RESEARCH_GROUP, str(group.pk))
    assert hits[0].url == reverse("organisations:research_group", args=[institution.slug, group.pk])
    assert hits[0].kind_label == "research group"
    assert any("waterstofopslag" in r for r in hits[0].reasons)
    assert "Bakkerijtechnologie (TU Zuid)" not in [h.title for h in hits]


def test_writes_reach_the_index_and_consent_decides_searchability(
    roles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group = services.research_group_create(
            organisation=roles.organisation,
            actor=roles.admin,
            name="Sensorlab",
            expertise="femtoseconde lasers",
        )
        expert = services.expert_create(
            organisation=roles.organisation,
            actor=roles.admin,
            name="Dr. Els Peeters",
            expertise="femtoseconde lasers",
            research_group=group,
            listed=False,
        )
    assert [h.id for h in match(text="femtoseconde lasers", kinds=[RESEARCH_GROUP])] == [
        str(group.pk)
    ]
    assert match(text="femtoseconde lasers", kinds=[EXPERT]) == []  # no consent yet

    with django_capture_on_commit_callbacks(execute=True):
        services.expert_update(expert=expert, actor=roles.admin, listed=True)
    assert [h.id for h in match(text="femtoseconde lasers", kinds=[EXPERT])] == [str(expert.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        services.research_group_update(
            research_group=group, actor=roles.admin, name="Ultrasnel lab"
        )
    assert index.get_engine().get(RESEARCH_GROUP, str(group.pk)).title.startswith("Ultrasnel")
    assert "Ultrasnel lab" in index.get_engine().get(EXPERT, str(expert.pk)).body

    with django_capture_on_commit_callbacks(execute=True):
        services.expert_delete(expert=expert, actor=roles.admin)
        services.research_group_delete(research_group=group, actor=roles.admin)
    assert match(text="femtoseconde lasers", kinds=[EXPERT, RESEARCH_GROUP]) == []


def test_deleting_the_organisation_removes_its_documents(roles, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        group = ResearchGroupFactory(organisation=roles.other_organisation, expertise="robotica")
        ExpertFactory(organisation=roles.other_organisation, expertise="robotica")
    assert len(match(text="robotica", kinds=[EXPERT, RESEARCH_GROUP])) == 2
    with django_capture_on_commit_callbacks(execute=True):
        roles.other_organisation.delete()
    assert match(text="robotica", kinds=[EXPERT, RESEARCH_GROUP]) == []
    assert list(research_group_documents(ids=[str(group.pk)])) == []
    assert list(expert_documents(ids=["nonsense"])) == []


@pytest.mark.parametrize("kind", [RESEARCH_GROUP, EXPERT])
def test_an_introduction_to_a_group_or_expert_match_reaches_their_organisation(
    kind, roles, client, django_capture_on_commit_callbacks
):
    from tests.clients import log_in

    from kennisbrug.innovation.models import Introduction

    institution = OrganisationFactory(knowledge_institution=True, dutch=True, name="TU Zuid")
    with django_capture_on_commit_callbacks(execute=True):
        group = ResearchGroupFactory(
            organisation=institution,
            name="Waterstoflab",
            expertise="Waterstofopslag in metaalhydriden.",
        )
        expert = ExpertFactory(
            organisation=institution, research_group=group, name="Dr. An Peeters", listed=True
        )
    target = group if kind == RESEARCH_GROUP else expert
    question = QuestionFactory(organisation=roles.organisation, title="Opslag van waterstof")
    log_in(client, roles.member)
    response = client.post(
        reverse("innovation:request_introduction", args=[question.pk]),
        {"kind": kind, "target": str(target.pk), "message": "Wij zoeken kennis over opslag."},
        secure=True,
    )
    assert response.status_code == 302
    introduction = Introduction.objects.get(question=question)
    assert introduction.provider_organisation == institution
    assert (introduction.target_kind, introduction.target_id) == (kind, str(target.pk))
