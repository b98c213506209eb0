import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kennisbrug.core.audit import audit_trail
from kennisbrug.innovation import selectors, services
from kennisbrug.innovation.models import InnovationQuestion, Introduction
from kennisbrug.matching import index
from kennisbrug.matching.models import IndexChange
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

from .factories import IntroductionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _ask(roles, **kw):
    data = {
        "organisation": roles.organisation,
        "author": roles.member,
        "title": "Lasersnijden van RVS",
        "description": "Wij zoeken kennis over lasersnijden.",
        "sectors": ["fotonica"],
    }
    data.update(kw)
    return services.question_create(**data)


def test_question_create_audits_and_indexes_after_commit(roles, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        q = _ask(roles)
    assert not IndexChange.objects.exists()  # the index hears of it only after the commit
    for callback in callbacks:
        callback()
    assert list(q.sectors.values_list("code", flat=True)) == ["fotonica"]
    assert audit_trail(q).get().action == "question_created"
    change = IndexChange.objects.get()
    assert (change.kind, change.doc_id, change.op) == ("question", str(q.pk), "upsert")
    assert index.get_engine().get("question", str(q.pk)).title == "Lasersnijden van RVS"


def test_private_or_closed_questions_are_not_searchable(roles, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        public = _ask(roles)
        private = _ask(roles, title="Geheim", visibility="matched_only")
    engine = index.get_engine()
    assert engine.get("question", str(public.pk)) is not None
    assert engine.get("question", str(private.pk)) is None
    with django_capture_on_commit_callbacks(execute=True):
        services.question_close(question=public, user=roles.member)
    assert index.get_engine().get("question", str(public.pk)) is None


def test_only_members_ask_questions(roles):
    for user in (roles.other, roles.secretariat):
        with pytest.raises(PermissionDenied):
            _ask(roles, author=user)
    assert InnovationQuestion.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 201),
        ("description", "   "),
        ("description", "y" * 5001),
        ("description", "bad \x00 byte"),
        ("title", "bell \x07"),
        ("budget", "a lot"),
        ("visibility", "everyone"),
    ],
)
def test_question_bad_input_writes_nothing(roles, field, value):
    with pytest.raises(ValidationError):
        _ask(roles, **{field: value})
    assert InnovationQuestion.objects.count() == 0


def test_html_and_sql_are_stored_as_text(roles):
    q = _ask(roles, title="<script>alert(1)</script>", description="'; DROP TABLE x; --")
    q.refresh_from_db()
    assert q.title == "<script>alert(1)</script>"


def test_question_update_and_unknown_fields(roles):
    q = _ask(roles)
    services.question_update(question=q, user=roles.admin, title="Nieuw", sectors=["agrofood"])
    q.refresh_from_db()
    assert q.title == "Nieuw" and list(q.sectors.values_list("code", flat=True)) == ["agrofood"]
    with pytest.raises(ValidationError):
        services.question_update(question=q, user=roles.admin, organisation_id=1)
    with pytest.raises(PermissionDenied):
        services.question_update(question=q, user=roles.other, title="Gekaapt")


def test_introduction_request_rules(roles, mailoutbox, django_capture_on_commit_callbacks):
    q = _ask(roles)
    provider = OrganisationFactory(dutch=True, knowledge_institution=True, name="TU Test")
    provider_member = MembershipFactory(organisation=provider).user
    with django_capture_on_commit_callbacks(execute=True):
        intro = services.introduction_request_for_match(
            question=q,
            requested_by=roles.member,
            kind="organisation",
            target_id=str(provider.pk),
            message="Graag kennismaken",
        )
    assert intro.state == "requested" and intro.is_cross_border
    assert intro.expires_at.date() > intro.created_at.date()
    assert [m.to for m in mailoutbox] == [[provider_member.email]]
    assert audit_trail(intro).get().action == "introduction_requested"
    # a second open request for the same match is refused
    with pytest.raises(ValidationError):
        services.introduction_request_for_match(
            question=q,
            requested_by=roles.member,
            kind="organisation",
            target_id=str(provider.pk),
            message="Nog eens",
        )
    # not to yourself, not to an unknown target, not for a closed question, not by outsiders
    with pytest.raises(ValidationError):
        services.introduction_request_for_match(
            question=q,
            requested_by=roles.member,
            kind="organisation",
            target_id=str(roles.organisation.pk),
            message="Hallo",
        )
    with pytest.raises(ValidationError):
        services.introduction_request_for_match(
            question=q,
            requested_by=roles.member,
            kind="organisation",
            target_id="99999",
            message="Hallo",
        )
    with pytest.raises(PermissionDenied):
        services.introduction_request_for_match(
            question=q,
            requested_by=roles.other,
            kind="organisation",
            target_id=str(provider.pk),
            message="Hallo",
        )
    services.question_close(question=q, user=roles.member)
    with pytest.raises(ValidationError):
        services.introduction_request_for_match(
            question=q,
            requested_by=roles.member,
            kind="organisation",
            target_id=str(OrganisationFactory().pk),
            message="Hallo",
        )
    assert Introduction.objects.count() == 1


def test_request_again_after_decline(roles):
    intro = IntroductionFactory(
        question=QuestionFactory(organisation=roles.organisation), state="declined"
    )
    again = services.introduction_request(
        requested_by=roles.member,
        requester_organisation=roles.organisation,
        provider_organisation=intro.provider_organisation,
        message="Nieuwe poging",
        question=intro.question,
    )
    assert again.state == "requested"


FACILITY_OWNER = {}


def facility_documents(ids=None):
    """A stand-in for the facilities app's provider (same dict shape)."""
    yield {
        "kind": "facility",
        "id": "7",
        "title": "Laser lab",
        "body": "Lasersnijden en fotonica",
        "concepts": [],
        "country": "NL",
        "nuts3": "NL414",
        "in_programme_area": True,
        "attrs": {"organisation_id": str(FACILITY_OWNER["pk"])},
    }


def test_introduction_to_a_facility_hit_uses_its_owner(roles, request):
    from kennisbrug.matching import registry

    owner = OrganisationFactory(dutch=True, name="Lab Owner")
    FACILITY_OWNER["pk"] = owner.pk
    registry.providers.register("test_facilities", facility_documents)
    request.addfinalizer(lambda: registry.providers.unregister("test_facilities"))
    q = _ask(roles)
    hits = selectors.question_matches(question=q, filters={"kind": "facility"})
    assert [(h.kind, h.id, h.title) for h in hits] == [("facility", "7", "Laser lab")]
    intro = services.introduction_request_for_match(
        question=q, requested_by=roles.member, kind="facility", target_id="7", message="Graag"
    )
    assert intro.provider_organisation == owner
    assert (intro.target_kind, intro.target_id, intro.target_title) == (
        "facility",
        "7",
        "Laser lab",
    )
