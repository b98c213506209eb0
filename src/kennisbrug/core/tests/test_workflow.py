"""The transition runner: lock, refusals that change nothing, audit, after-commit effects, log.

A province's programme-area coverage stands in for a workflow state here, so that core
tests need no domain app.
"""

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kennisbrug.core.audit import audit_trail
from kennisbrug.core.models import Country, ProgrammeAreaCoverage, Province
from kennisbrug.core.workflow import TransitionNotAllowed, Workflow, edges, transition

C = ProgrammeAreaCoverage
EDITOR, REVIEWER = "editor", "reviewer"

FLOW = Workflow(
    name="province",
    states=C,
    state_field="programme_area",
    edges=(
        *edges("include", [C.NO, C.PARTIAL], C.FULL, {EDITOR}, "Include"),
        *edges("exclude", [C.FULL], C.NO, {REVIEWER, "system"}, "Exclude", needs_reason=True),
    ),
    not_allowed="A %(from)s province cannot become %(to)s.",
)


@pytest.fixture
def province(db):
    country = Country.objects.create(code="ZZ", name_nl="Testland")
    return Province.objects.create(code="ZZ1", country=country, name_nl="Testprovincie")


def _take(province, action, actor, who=(EDITOR,), **kwargs):
    return transition(
        workflow=FLOW,
        obj=province,
        action=action,
        actor=actor,
        roles=lambda obj: set(who),
        **kwargs,
    )


def _unchanged(province, state=C.NO):
    province.refresh_from_db()
    return province.programme_area == state and not audit_trail(province).exists()


def test_an_edge_sets_the_state_and_writes_the_audit_record(province, roles):
    done = _take(province, "include", roles.member, apply=lambda obj, edge: {"why": "test"})
    province.refresh_from_db()
    assert province.programme_area == done.programme_area == C.FULL
    record = audit_trail(province).get()
    assert (record.action, record.from_state, record.to_state, record.actor, record.data) == (
        "province_include",
        C.NO,
        C.FULL,
        roles.member,
        {"why": "test"},
    )


def test_the_row_is_read_again_under_the_lock(province, roles):
    stale = Province.objects.get(pk=province.pk)
    Province.objects.filter(pk=province.pk).update(programme_area=C.FULL)
    with CaptureQueriesContext(connection) as queries, pytest.raises(TransitionNotAllowed):
        _take(stale, "include", roles.member)
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)


def test_a_custom_lock_runs_inside_the_transaction(province, roles):
    seen = []

    def lock(obj):
        seen.append(connection.in_atomic_block)
        return Province.objects.select_for_update().get(pk=obj.pk)

    _take(province, "include", roles.member, lock=lock)
    assert seen == [True]


def test_an_actor_without_any_role_is_refused_and_nothing_changes(province, roles):
    with pytest.raises(PermissionDenied):
        _take(province, "include", roles.other, who=())
    assert _unchanged(province)


def test_a_role_the_edge_does_not_name_is_refused(province, roles):
    with pytest.raises(PermissionDenied):
        _take(province, "include", roles.other, who=(REVIEWER,))
    assert _unchanged(province)


def test_an_edge_missing_from_the_current_state_is_refused_with_a_clear_message(province, roles):
    with pytest.raises(TransitionNotAllowed) as info:
        _take(province, "exclude", roles.member, who=(REVIEWER,), reason="r")
    assert info.value.code == "transition"
    assert info.value.messages == [
        "A %s province cannot become %s." % (C.NO.label, C.NO.label)  # noqa: UP031
    ]
    assert _unchanged(province)


def test_an_unknown_action_is_refused(province, roles):
    with pytest.raises(TransitionNotAllowed) as info:
        _take(province, "explode", roles.member)
    assert info.value.messages == [str(FLOW.unknown_action)]
    assert _unchanged(province)


def test_a_refusal_goes_under_the_error_field_when_the_workflow_names_one(province, roles):
    flow = Workflow(
        name="p", states=C, state_field="programme_area", edges=FLOW.edges, error_field="status"
    )
    with pytest.raises(TransitionNotAllowed) as info:
        transition(
            workflow=flow, obj=province, action="exclude", actor=None, roles=lambda obj: set()
        )
    assert list(info.value.message_dict) == ["status"]


def test_an_edge_that_needs_a_reason_refuses_without_one(province):
    province.programme_area = C.FULL
    province.save()
    with pytest.raises(ValidationError) as info:
        _take(province, "exclude", None)
    assert "reason" in info.value.message_dict
    assert _unchanged(province, C.FULL)


def test_the_system_plays_system(province):
    province.programme_area = C.FULL
    province.save()
    _take(province, "exclude", None, who=(), reason="Grens verlegd")
    record = audit_trail(province).get()
    assert (record.actor, record.reason, record.to_state) == (None, "Grens verlegd", C.NO)


def test_an_app_check_that_refuses_rolls_everything_back(province, roles):
    def apply(obj, edge):
        raise ValidationError("no")

    with pytest.raises(ValidationError):
        _take(province, "include", roles.member, apply=apply)
    assert _unchanged(province)


def test_a_repeat_returns_the_object_unchanged(province, roles):
    _take(province, "include", roles.member)
    again = _take(province, "include", roles.member, repeat=lambda obj: True)
    assert again.programme_area == C.FULL
    assert audit_trail(province).count() == 1


@pytest.mark.django_db(transaction=True)
def test_signal_and_notification_only_after_commit(roles):
    country = Country.objects.create(code="ZY", name_nl="Testland")
    province = Province.objects.create(code="ZY1", country=country, name_nl="Testprovincie")
    heard, told = [], []

    def receiver(sender, obj, action, from_state, to_state, **kwargs):
        heard.append((sender, obj.pk, action, from_state, to_state))

    FLOW.transitioned.connect(receiver, weak=False)
    try:
        with transaction.atomic():
            _take(province, "include", roles.member, notify=lambda obj, edge: told.append(1))
            assert heard == [] and told == []
        assert heard == [(Province, province.pk, "include", C.NO, C.FULL)] and told == [1]

        province.programme_area = C.FULL
        province.save()
        with pytest.raises(RuntimeError), transaction.atomic():
            _take(province, "exclude", None, reason="x", notify=lambda obj, edge: told.append(2))
            raise RuntimeError
        assert told == [1] and len(heard) == 1
    finally:
        FLOW.transitioned.disconnect(receiver)


def test_a_named_log_event_with_context(province, roles, caplog):
    with caplog.at_level(logging.INFO, logger="kennisbrug.core.workflow"):
        _take(province, "include", roles.member, log_context=lambda obj: {"country": "ZZ"})
    record = next(r for r in caplog.records if r.getMessage() == "province_transitioned")
    assert (record.action, record.from_state, record.to_state, record.country) == (
        "include",
        C.NO,
        C.FULL,
        "ZZ",
    )
    assert record.object_id == province.pk and record.actor_id == roles.member.pk


def test_the_table_reads_by_action_and_by_state_pair():
    assert FLOW.actions == ["exclude", "include"]
    assert FLOW.target_of("include") == C.FULL
    assert FLOW.action_to(C.NO) == "exclude"
    assert FLOW.action_to("nowhere") == "nowhere"
    assert FLOW.pairs() == {
        (C.NO, C.FULL): {EDITOR},
        (C.PARTIAL, C.FULL): {EDITOR},
        (C.FULL, C.NO): {REVIEWER, "system"},
    }
    assert [e.action for e in FLOW.available(C.FULL, {REVIEWER})] == ["exclude"]
    assert FLOW.available(C.FULL, {EDITOR}) == []


def test_an_action_has_one_target():
    with pytest.raises(ValueError):
        Workflow(
            name="bad",
            states=C,
            edges=(*edges("go", [C.NO], C.FULL, {EDITOR}), *edges("go", [C.FULL], C.NO, {EDITOR})),
        )
