"""The challenge page offers only the moves the services allow; otherwise it says why.

Buttons carry the workflow's translated labels, never state codes. Response rows offer
the owner only edges the response and challenge states permit, and the responder a
withdraw button. The proposal form disappears, with the reason, once the organisation
has responded or the deadline has passed.
"""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from tests.clients import log_in

from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects.constants import ChallengeStatus as C
from kennisbrug.projects.constants import ResponseStatus as R
from kennisbrug.projects.models import ChallengeResponse
from kennisbrug.projects.services import challenges as svc

from .factories import ChallengeFactory

pytestmark = pytest.mark.django_db


def page(user, ch, lang="nl"):
    c = Client(HTTP_ACCEPT_LANGUAGE=lang)
    log_in(c, user)
    r = c.get(f"/projects/challenges/{ch.pk}/")
    assert r.status_code == 200
    return c, r.content.decode()


def buttons(html):
    return [
        re.sub(r"\s+", " ", b).strip()
        for b in re.findall(r"<button[^>]*>(.*?)</button>", html, re.S)
    ]


def solver():
    org = OrganisationFactory(knowledge_institution=True, dutch=True)
    return org, MembershipFactory(organisation=org).user


def test_challenge_moves_are_words_and_award_waits_for_a_selection(roles):
    ch = ChallengeFactory(owner_organisation=roles.organisation, evaluating=True)
    _c, html = page(roles.member, ch)
    shown = buttons(html)
    assert "Inzendingen sluiten" not in shown  # not an edge from evaluating
    assert "Toekennen" not in shown and "Award" not in shown
    assert "Kies een voorstel voordat je de uitdaging toekent." in html
    for code in C.values:
        assert code not in shown
    _c, html = page(
        roles.member, ChallengeFactory(owner_organisation=roles.organisation, open=True)
    )
    assert "Inzendingen sluiten" in buttons(html)
    _c, html = page(roles.member, ch, "en")
    assert "Select a proposal before awarding the challenge." in html
    assert "Cancel" in buttons(html)


def test_owner_sees_only_the_response_moves_the_service_allows(roles):
    ch = ChallengeFactory(owner_organisation=roles.organisation, open=True)
    org, _u = solver()
    r = ChallengeResponse.objects.create(
        challenge=ch, organisation=org, proposal="p", status=R.SHORTLISTED
    )
    actions = {
        edge.action: refusal
        for edge, refusal in svc.response_actions(response=r, actor=roles.member)
    }
    assert actions["select"] and actions["reject"] is None and "shortlist" not in actions
    _c, html = page(roles.member, ch, "en")
    shown = buttons(html)
    assert "Reject" in shown and "Select" not in shown and "Shortlist" not in shown
    assert "Not possible while the challenge is “open for proposals”." in html
    # the same reason the service gives when asked anyway
    with pytest.raises(Exception) as exc:
        svc.response_transition(obj=r, actor=roles.member, action="select")
    assert actions["select"] in str(exc.value)
    ch.status = C.EVALUATING
    ch.save()
    _c, html = page(roles.member, ch, "en")
    assert "Select" in buttons(html)


def test_finished_responses_offer_no_buttons(roles):
    ch = ChallengeFactory(owner_organisation=roles.organisation, status=C.AWARDED)
    org, _u = solver()
    ChallengeResponse.objects.create(
        challenge=ch, organisation=org, proposal="p", status=R.SELECTED
    )
    _c, html = page(roles.member, ch, "en")
    assert not {"Shortlist", "Select", "Reject", "Withdraw"} & set(buttons(html))
    assert "/projects/responses/" not in html


def test_responder_reads_why_the_form_is_gone_and_can_withdraw(roles):
    ch = ChallengeFactory(owner_organisation=roles.organisation, open=True)
    org, user = solver()
    c, html = page(user, ch)
    assert "Voorstel indienen" in html or 'name="proposal"' in html
    svc.challenge_respond(challenge=ch, organisation=org, user=user, proposal="Onze sensor")
    c, html = page(user, ch)
    assert 'name="proposal"' not in html
    assert "Deze organisatie heeft al op de uitdaging gereageerd." in html
    assert "Intrekken" in buttons(html)
    r = ChallengeResponse.objects.get(challenge=ch, organisation=org)
    c.post(f"/projects/responses/{r.pk}/transition/", {"to": R.WITHDRAWN})
    r.refresh_from_db()
    assert r.status == R.WITHDRAWN
    _c, html = page(user, ch)
    assert "Intrekken" not in buttons(html)


def test_form_is_gone_after_the_deadline(roles):
    ch = ChallengeFactory(
        owner_organisation=roles.organisation,
        open=True,
        deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    _org, user = solver()
    _c, html = page(user, ch, "en")
    assert 'name="proposal"' not in html
    assert "This challenge does not accept proposals." in html
