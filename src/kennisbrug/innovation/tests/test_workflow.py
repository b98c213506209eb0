"""One test per edge of the introduction state machine, and the forbidden ones."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kennisbrug.core.audit import audit_trail
from kennisbrug.innovation import services
from kennisbrug.innovation.constants import IntroductionState as S
from kennisbrug.innovation.workflow import INTRODUCTION, PROVIDER, REQUESTER, TRANSITIONS
from kennisbrug.organisations.tests.factories import MembershipFactory

from .factories import IntroductionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intro():
    i = IntroductionFactory()
    i.requester = MembershipFactory(organisation=i.requester_organisation).user
    i.provider = MembershipFactory(organisation=i.provider_organisation).user
    i.requested_by = i.requester
    i.save()
    return i


def test_the_table_has_exactly_the_four_edges():
    assert set(TRANSITIONS) == {
        (S.REQUESTED, S.ACCEPTED),
        (S.REQUESTED, S.DECLINED),
        (S.REQUESTED, S.WITHDRAWN),
        (S.REQUESTED, S.EXPIRED),
    }


def test_requested_to_accepted_by_provider(intro, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        done = services.introduction_transition(
            action="accept", obj=intro, actor=intro.provider, message="Ja!"
        )
    assert done.state == S.ACCEPTED
    assert done.response_message == "Ja!" and done.responded_by == intro.provider
    record = audit_trail(done).first()
    assert (record.from_state, record.to_state, record.actor) == (
        "requested",
        "accepted",
        intro.provider,
    )
    assert [m.to for m in mailoutbox] == [[intro.requester.email]]


def test_requested_to_declined_by_provider(intro):
    done = services.introduction_transition(
        action="decline", obj=intro, actor=intro.provider, message="Geen tijd"
    )
    assert done.state == S.DECLINED
    assert audit_trail(done).first().reason == "Geen tijd"


def test_requested_to_withdrawn_by_requester(intro):
    done = services.introduction_transition(action="withdraw", obj=intro, actor=intro.requester)
    assert done.state == S.WITHDRAWN


def test_requested_to_expired_by_system_after_30_days(intro):
    assert services.introductions_expire() == 0
    later = timezone.now() + timedelta(days=31)
    assert services.introductions_expire(now=later) == 1
    intro.refresh_from_db()
    assert intro.state == S.EXPIRED
    assert audit_trail(intro).first().actor is None


@pytest.mark.parametrize("final", [S.ACCEPTED, S.DECLINED, S.WITHDRAWN, S.EXPIRED])
@pytest.mark.parametrize("action", ["accept", "decline", "withdraw"])
def test_final_states_cannot_move(intro, final, action):
    intro.state = final
    intro.save()
    user = intro.requester if action == "withdraw" else intro.provider
    with pytest.raises(ValidationError) as err:
        services.introduction_transition(obj=intro, action=action, actor=user)
    assert err.value.code == "invalid_transition"
    assert "kan niet" in str(err.value)
    intro.refresh_from_db()
    assert intro.state == final


def test_expired_is_not_expired_again(intro):
    intro.state = S.DECLINED
    intro.expires_at = timezone.now() - timedelta(days=1)
    intro.save()
    assert services.introductions_expire() == 0


def test_requester_cannot_accept_and_provider_cannot_withdraw(intro):
    with pytest.raises(PermissionDenied):
        services.introduction_transition(action="accept", obj=intro, actor=intro.requester)
    with pytest.raises(PermissionDenied):
        services.introduction_transition(action="decline", obj=intro, actor=intro.requester)
    with pytest.raises(PermissionDenied):
        services.introduction_transition(action="withdraw", obj=intro, actor=intro.provider)
    intro.refresh_from_db()
    assert intro.state == S.REQUESTED


def test_outsider_and_secretariat_cannot_transition(intro, roles):
    for user in (roles.other, roles.secretariat):
        with pytest.raises(PermissionDenied):
            services.introduction_transition(action="accept", obj=intro, actor=user)
    intro.refresh_from_db()
    assert intro.state == S.REQUESTED


def test_expire_command(intro, capsys):
    from django.core.management import call_command

    intro.expires_at = timezone.now() - timedelta(minutes=1)
    intro.save()
    call_command("introductions", "expire")
    intro.refresh_from_db()
    assert intro.state == S.EXPIRED
    assert "Expired 1" in capsys.readouterr().out


@pytest.mark.parametrize("edge", INTRODUCTION.edges, ids=lambda edge: edge.action)
def test_every_edge_from_the_table(intro, edge):
    side = next(iter(edge.actors))
    actor = {PROVIDER: intro.provider, REQUESTER: intro.requester}.get(side)
    done = services.introduction_transition(obj=intro, action=edge.action, actor=actor)
    assert done.state == edge.target
    record = audit_trail(done).first()
    assert (record.from_state, record.to_state, record.actor) == (edge.source, edge.target, actor)
