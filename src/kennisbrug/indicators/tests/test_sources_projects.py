"""The projects sources (ideas with partners, networks, challenge responses) against the
real models, records built through the projects services, indicators asserted end to end."""

import datetime as dt

import pytest
from django.utils import timezone

from kennisbrug.indicators import sources
from kennisbrug.indicators.evidence import Context
from kennisbrug.organisations.tests.factories import OrganisationFactory

from .test_sources import member, units, value

pytestmark = pytest.mark.django_db


def _idea(lead, *partners, ready=True):
    from kennisbrug.projects import services

    user = member(lead)
    idea = services.idea_create(
        lead_organisation=lead,
        created_by=user,
        title=f"Idee van {lead.name}",
        summary="Samen een prototype ontwikkelen.",
    )
    for org in partners:
        services.idea_partner_add(idea=idea, user=user, organisation=org)
        # An invited organisation counts once one of its admins accepts.
        invitation = idea.invitations.get(organisation=org)
        services.invitation_respond(invitation=invitation, user=member(org), accept=True)
    if ready:
        idea = services.idea_update(idea=idea, user=user, status="ready")
    return idea


def test_project_ideas():
    from kennisbrug.projects import services

    assert sources.available("ideas")
    sme_be = OrganisationFactory(name="Kmo Gent")
    sme_bxl = OrganisationFactory(name="Kmo Brussel", brussels=True)
    sme_nl = OrganisationFactory(name="Mkb Eindhoven", dutch=True)
    sme_nl2 = OrganisationFactory(name="Mkb Maastricht", country_id="NL", postcode="6211")
    large_nl = OrganisationFactory(
        name="Groot Zeeland", large=True, country_id="NL", postcode="4331"
    )
    ki_be = OrganisationFactory(name="Universiteit Gent", knowledge_institution=True)
    ki_nl = OrganisationFactory(name="Hogeschool Eindhoven", knowledge_institution=True, dutch=True)

    cross = _idea(sme_be, ki_nl, large_nl)  # BE–NL, ready
    _idea(sme_be, ki_be)  # the same enterprise again; Belgian–Belgian
    _idea(sme_nl2, ki_nl)  # Dutch–Dutch: joint research, not cross-border
    _idea(sme_bxl, ki_nl)  # Brussels–Dutch: cross-border, Brussels reported outside
    _idea(sme_nl, ki_nl, ready=False)  # a draft does not count
    alone = _idea(sme_nl, ready=False)  # one registry organisation and a named outside one
    services.idea_partner_add(
        idea=alone,
        user=member(sme_nl),
        name="Onderzoekslab Lille",
        country="FR",
        org_type="knowledge_institution",
    )
    services.idea_update(idea=alone, user=member(sme_nl), status="ready")

    rows = {i.id: i for i in sources.ideas(Context())}
    assert len(rows) == 6
    assert {o for o, _ in rows[cross.id].partners} == {sme_be.id, ki_nl.id, large_nl.id}
    assert rows[cross.id].status == "ready" and rows[cross.id].lead == sme_be.id
    assert len(rows[alone.id].partners) == 1  # the outside partner is not in the registry

    assert value("RCO07") == (2, 0)
    assert units("RCO07") == (["Hogeschool Eindhoven", "Universiteit Gent"], [])
    assert value("RCO10") == (3, 1)  # Kmo Gent counts once; Mkb Eindhoven only in a draft
    assert units("RCO10") == (["Groot Zeeland", "Kmo Gent", "Mkb Maastricht"], ["Kmo Brussel"])
    assert value("RCO87") == (3, 1)  # no Mkb Maastricht (Dutch–Dutch), no Universiteit Gent
    assert units("RCO87") == (
        ["Groot Zeeland", "Hogeschool Eindhoven", "Kmo Gent"],
        ["Kmo Brussel"],
    )
    # An idea is not support given to an enterprise, but each partner invitation is an
    # introduction the lead asked for: once accepted it counts under RCO04 (its rule), so
    # the enterprise leads whose invitations were accepted are supported (a draft too).
    assert units("RCO01") == (["Kmo Gent", "Mkb Eindhoven", "Mkb Maastricht"], ["Kmo Brussel"])


def test_invited_partners_are_not_counted_until_they_accept():
    from kennisbrug.projects import services

    sme_be = OrganisationFactory(name="Kmo Gent")
    ki_nl = OrganisationFactory(name="Hogeschool Eindhoven", knowledge_institution=True, dutch=True)
    user = member(sme_be)
    idea = services.idea_create(
        lead_organisation=sme_be, created_by=user, title="Idee", summary="Samen."
    )
    services.idea_partner_add(idea=idea, user=user, organisation=ki_nl)
    services.idea_update(idea=idea, user=user, status="ready")
    rows = {i.id: i for i in sources.ideas(Context())}
    assert {o for o, _ in rows[idea.id].partners} == {sme_be.id}
    assert value("RCO07") == (0, 0) and value("RCO87") == (0, 0)
    invitation = idea.invitations.get(organisation=ki_nl)
    services.invitation_respond(invitation=invitation, user=member(ki_nl), accept=True)
    rows = {i.id: i for i in sources.ideas(Context())}
    assert {o for o, _ in rows[idea.id].partners} == {sme_be.id, ki_nl.id}
    assert value("RCO07") == (1, 0)


def _network(owner, *members, rejected=(), requested=()):
    from kennisbrug.projects.services import networks as services

    network = services.network_create(
        owner_organisation=owner,
        created_by=member(owner),
        kind="network",
        name=f"Netwerk van {owner.name}",
        description="Kennisnetwerk over waterstof.",
        theme="waterstof",
    )
    admin = member(owner)
    for org, accept in [(m, True) for m in members] + [(m, False) for m in rejected]:
        request = services.network_join_request(network=network, organisation=org, user=member(org))
        services.network_membership_decide(membership=request, user=admin, accept=accept)
    for org in requested:
        services.network_join_request(network=network, organisation=org, user=member(org))
    return network


def test_networks():
    assert sources.available("networks")
    ki_be = OrganisationFactory(name="Universiteit Gent", knowledge_institution=True)
    ki_nl = OrganisationFactory(name="Hogeschool Eindhoven", knowledge_institution=True, dutch=True)
    sme_be = OrganisationFactory(name="Kmo Gent")
    sme_nl = OrganisationFactory(name="Mkb Eindhoven", dutch=True)
    sme_nl2 = OrganisationFactory(name="Mkb Maastricht", country_id="NL", postcode="6211")
    sme_ams = OrganisationFactory(name="Mkb Amsterdam", country_id="NL", postcode="1011")

    cross = _network(ki_be, sme_nl, sme_be, rejected=[sme_nl2])
    _network(ki_nl, sme_nl2)  # Dutch–Dutch
    _network(sme_be, requested=[sme_nl])  # the Dutch member has only asked to join
    _network(sme_ams, sme_be)  # Amsterdam coordinator: cross-border, reported outside

    rows = {n.id: n for n in sources.networks(Context())}
    assert len(rows) == 4
    assert sorted(o for o, _ in rows[cross.id].members) == sorted([ki_be.id, sme_nl.id, sme_be.id])
    today = timezone.localdate()
    assert all(joined == today for _, joined in rows[cross.id].members)

    assert value("RCO90") == (1, 1)
    assert units("RCO90") == (["Netwerk van Universiteit Gent"], ["Netwerk van Mkb Amsterdam"])
    assert value("RCO87") == (3, 1)  # Kmo Gent in two networks counts once
    assert units("RCO87") == (["Kmo Gent", "Mkb Eindhoven", "Universiteit Gent"], ["Mkb Amsterdam"])
    assert value("RCO07") == (0, 0) and value("RCO10") == (0, 0)  # a network is not joint research


def _challenge(owner, *responders, select=None):
    from kennisbrug.projects.services import challenges as services

    user = member(owner)
    challenge = services.challenge_create(
        owner_organisation=owner,
        created_by=user,
        title=f"Uitdaging van {owner.name}",
        problem="Wij zoeken een vochtsensor.",
        requirements="Draadloos en goedkoop.",
        deadline=timezone.now() + dt.timedelta(days=30),
    )
    services.challenge_transition(obj=challenge, actor=user, action="publish")
    responses = {
        org.pk: services.challenge_respond(
            challenge=challenge, organisation=org, user=member(org), proposal="Ons voorstel."
        )
        for org in responders
    }
    services.challenge_transition(obj=challenge, actor=user, action="close_submissions")
    if select is None:
        services.challenge_transition(obj=challenge, actor=user, action="close_without_selection")
        return challenge
    response = responses[select.pk]
    services.response_transition(obj=response, actor=user, action="shortlist")
    services.response_transition(obj=response, actor=user, action="select")
    services.challenge_transition(obj=challenge, actor=user, action="award")
    return challenge


def test_challenge_responses():
    assert sources.available("challenge_awards")
    large_nl = OrganisationFactory(
        name="Groot Zeeland", large=True, country_id="NL", postcode="4331"
    )
    sme_bxl = OrganisationFactory(name="Kmo Brussel", brussels=True)
    sme_be = OrganisationFactory(name="Kmo Gent")
    ki_nl = OrganisationFactory(name="Hogeschool Eindhoven", knowledge_institution=True, dutch=True)

    awarded = _challenge(large_nl, sme_be, ki_nl, select=sme_be)
    _challenge(large_nl, ki_nl)  # closed without a selection
    brussels = _challenge(sme_bxl, ki_nl, select=ki_nl)  # taken up in Brussels: reported outside

    ctx = Context()
    assert sorted((a.challenge, a.owner, a.solver) for a in sources.challenge_awards(ctx)) == [
        (awarded.id, large_nl.id, sme_be.id),
        (brussels.id, sme_bxl.id, ki_nl.id),
    ]
    assert value("RCR104") == (1, 1)
    assert units("RCR104") == (["Uitdaging van Groot Zeeland"], ["Uitdaging van Kmo Brussel"])
