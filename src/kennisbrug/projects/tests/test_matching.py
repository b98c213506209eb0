"""Open challenges are matching documents: found by solvers, labelled, kept current."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kennisbrug.matching import index, registry
from kennisbrug.matching.services import KIND_LABELS, MatchResult, match
from kennisbrug.organisations.tests.factories import OrganisationFactory
from kennisbrug.projects.documents import challenge_documents
from kennisbrug.projects.services import challenges as svc

from .factories import ChallengeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_provider_is_registered_and_the_kind_labelled():
    assert registry.providers["challenges"] is challenge_documents
    assert str(KIND_LABELS["challenge"]) == "innovation challenge"


def test_only_open_challenges_are_documents():
    shown = ChallengeFactory(open=True)
    for status in ["draft", "evaluating", "awarded", "closed", "cancelled"]:
        ChallengeFactory(status=status)
    docs = list(challenge_documents())
    assert [d["id"] for d in docs] == [str(shown.pk)]
    doc = docs[0]
    assert doc["kind"] == "challenge" and "vochtmeting" in doc["body"]
    assert doc["attrs"]["organisation_id"] == str(shown.owner_organisation_id)
    assert doc["attrs"]["url"] == reverse("projects:challenge", args=[shown.pk])
    assert list(challenge_documents(ids=[str(shown.pk + 1000), "x"])) == []


def test_publishing_and_closing_reach_the_index_after_commit(
    roles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        challenge = svc.challenge_create(
            owner_organisation=roles.organisation,
            created_by=roles.member,
            title="Vochtsensor voor graansilo's",
            problem="Wij zoeken een draadloze vochtsensor voor graan.",
            requirements="Goedkoop en robuust.",
            deadline=timezone.now() + datetime.timedelta(days=20),
        )
    key = str(challenge.pk)
    assert index.get_engine().get("challenge", key) is None  # a draft is not searchable
    with django_capture_on_commit_callbacks(execute=True):
        svc.challenge_transition(obj=challenge, actor=roles.member, action="publish")
    hits = match(text="vochtsensor graan", kinds=["challenge"])
    assert [(h.id, h.kind_label) for h in hits] == [(key, "innovation challenge")]
    assert "Shared terms: vochtsensor, graan" in hits[0].reasons
    assert hits[0].url == reverse("projects:challenge", args=[challenge.pk])
    with django_capture_on_commit_callbacks(execute=True):
        svc.challenge_transition(obj=challenge, actor=roles.member, action="cancel")
    assert index.get_engine().get("challenge", key) is None
    assert match(text="vochtsensor graan", kinds=["challenge"]) == []


def test_the_search_page_shows_a_challenge_hit_with_its_label(client):
    challenge = ChallengeFactory(open=True, title="Graanvocht meten")
    OrganisationFactory(name="Bakkerij", description="Brood bakken.")
    response = client.get(reverse("matching:search"), {"q": "vochtmeting graan"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Graanvocht meten" in html
    assert reverse("projects:challenge", args=[challenge.pk]) in html


def test_an_unknown_kind_is_rendered_with_its_code():
    hit = MatchResult(
        kind="something_new",
        id="1",
        score=1.0,
        title="t",
        summary="",
        url=None,
        country=None,
        reasons=[],
        explanation=[],
        components={},
    )
    assert hit.kind_label == "something_new"
