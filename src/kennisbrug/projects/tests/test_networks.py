"""Clusters and knowledge networks: creation rules, join requests, decisions, composition and gaps."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kennisbrug.core.models import Technology
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects.models import Network, NetworkMembership
from kennisbrug.projects.selectors import network_composition
from kennisbrug.projects.selectors.matching import network_suggestions
from kennisbrug.projects.services import networks as svc

pytestmark = pytest.mark.django_db


def test_cluster_needs_a_technology_and_network_a_theme(roles):
    with pytest.raises(ValidationError) as exc:
        svc.network_create(
            owner_organisation=roles.organisation,
            created_by=roles.member,
            kind="cluster",
            name="Robotica",
            description="d",
        )
    assert "technology" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        svc.network_create(
            owner_organisation=roles.organisation,
            created_by=roles.member,
            kind="network",
            name="Water",
            description="d",
        )
    assert "theme" in exc.value.message_dict
    assert Network.objects.count() == 0


def test_join_and_decide(roles):
    tech = Technology.objects.get(pk="crit2023-robotics-autonomous-systems")
    net = svc.network_create(
        owner_organisation=roles.organisation,
        created_by=roles.member,
        kind="cluster",
        name="Robotica",
        description="Cobots in de maakindustrie",
        technology=tech,
    )
    comp = network_composition(network=net)
    assert {(k, c) for k, c, _l in comp["gaps"]} == {
        ("helix", "knowledge"),
        ("helix", "government"),
        ("country", "NL"),
    }
    m = svc.network_join_request(
        network=net, organisation=roles.other_organisation, user=roles.other
    )
    with pytest.raises(ValidationError):
        svc.network_join_request(
            network=net, organisation=roles.other_organisation, user=roles.other
        )
    with pytest.raises(PermissionDenied):
        svc.network_membership_decide(
            membership=m, user=roles.member, accept=True
        )  # member, not admin
    svc.network_membership_decide(membership=m, user=roles.admin, accept=True)
    comp = network_composition(network=net)
    assert comp["countries"] == {"BE": 1, "NL": 1}
    with pytest.raises(ValidationError):
        svc.network_membership_decide(membership=m, user=roles.admin, accept=False)


def test_secretariat_may_decide(roles):
    net = svc.network_create(
        owner_organisation=roles.organisation,
        created_by=roles.member,
        kind="network",
        name="Water",
        description="d",
        theme="water",
    )
    m = svc.network_join_request(
        network=net, organisation=roles.other_organisation, user=roles.other
    )
    svc.network_membership_decide(membership=m, user=roles.secretariat, accept=False)
    assert NetworkMembership.objects.get(pk=m.pk).status == "rejected"


def test_suggestions_prefer_gap_fillers(roles):
    net = svc.network_create(
        owner_organisation=roles.organisation,
        created_by=roles.member,
        kind="network",
        name="Waterstof",
        description="Kennisnetwerk waterstofopslag",
        theme="waterstof",
    )
    gov = OrganisationFactory(
        government=True, dutch=True, name="Provincie", expertise="waterstof beleid"
    )
    OrganisationFactory(name="Bedrijf", expertise="waterstof tanks")
    rows = network_suggestions(network=net)
    assert rows[0]["organisation"] == gov.pk and rows[0]["fills_gap"]


def test_only_members_ask_to_join(roles):
    net = svc.network_create(
        owner_organisation=roles.organisation,
        created_by=roles.member,
        kind="network",
        name="Water",
        description="d",
        theme="water",
    )
    outsider = MembershipFactory().user
    with pytest.raises(PermissionDenied):
        svc.network_join_request(network=net, organisation=roles.other_organisation, user=outsider)
