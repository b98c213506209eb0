"""Network join requests: only people the rule lets decide see Accept/Reject; the others
read why. The secretariat decides only after its second factor, on the page and the API."""

import pytest
from django.test import Client
from tests.clients import api_client_for, log_in

from kennisbrug.projects.models import NetworkMembership
from kennisbrug.projects.services import networks as svc

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(roles):
    net = svc.network_create(
        owner_organisation=roles.organisation,
        created_by=roles.member,
        kind="network",
        name="Water",
        description="d",
        theme="water",
    )
    return svc.network_join_request(
        network=net, organisation=roles.other_organisation, user=roles.other
    )


def page(user, *, second_factor=True):
    c = Client(HTTP_ACCEPT_LANGUAGE="nl")
    log_in(c, user, second_factor=second_factor)
    return c


def decision_url(m):
    return f"/projects/networks/{m.network_id}/requests/{m.pk}/"


def test_coordinator_admin_and_confirmed_secretariat_get_the_buttons(roles, request_):
    for user in (roles.admin, roles.secretariat):
        html = page(user).get(f"/projects/networks/{request_.network_id}/").content.decode()
        assert 'name="accept"' in html and 'id="decide-refusal"' not in html


def test_secretariat_without_second_factor_reads_why_instead_of_buttons(roles, request_):
    html = page(roles.secretariat, second_factor=False).get(
        f"/projects/networks/{request_.network_id}/"
    )
    html = html.content.decode()
    assert 'name="accept"' not in html
    assert 'id="decide-refusal"' in html and "tweede" in html.lower()


@pytest.mark.parametrize("who", ["member", "other"])
def test_others_see_no_requests_and_no_buttons(roles, request_, who):
    html = page(getattr(roles, who)).get(f"/projects/networks/{request_.network_id}/")
    assert 'name="accept"' not in html.content.decode()


def test_api_refuses_secretariat_token_without_second_factor(roles, request_):
    url = f"/api/v1/projects/networks/{request_.network_id}/memberships/{request_.pk}/decision"
    r = api_client_for(roles.secretariat, second_factor=False).post(
        url, {"accept": True}, format="json"
    )
    assert r.status_code == 403 and r.json()["code"] == "second_factor_required"
    assert NetworkMembership.objects.get(pk=request_.pk).status == "requested"
    r = api_client_for(roles.secretariat).post(url, {"accept": True}, format="json")
    assert r.status_code == 200
    assert NetworkMembership.objects.get(pk=request_.pk).status == "accepted"


def test_api_member_is_refused_with_the_translated_reason(roles, request_):
    url = f"/api/v1/projects/networks/{request_.network_id}/memberships/{request_.pk}/decision"
    r = api_client_for(roles.member, language="nl").post(url, {"accept": True}, format="json")
    assert r.status_code == 403 and r.json()["detail"].startswith("Alleen")
    assert NetworkMembership.objects.get(pk=request_.pk).status == "requested"
