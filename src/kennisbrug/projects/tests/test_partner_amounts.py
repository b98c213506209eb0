"""Lead members change a partner's amounts: page and API, permission matrix, bad input."""

from decimal import Decimal

import pytest
from django.urls import reverse
from tests.clients import api_client_for, log_in

from kennisbrug.projects import services
from kennisbrug.projects.models import IdeaPartner

from .factories import IdeaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def partner(roles):
    idea = IdeaFactory(lead_organisation=roles.organisation, total_budget=Decimal("1000.00"))
    return services.idea_partner_add(
        idea=idea,
        user=roles.admin,
        organisation=roles.other_organisation,
        budget="400",
        erdf="200",
    )


def amounts(partner):
    partner.refresh_from_db()
    return partner.budget, partner.erdf


def url(partner, api=False):
    if api:
        return f"/api/v1/projects/ideas/{partner.idea_id}/partners/{partner.pk}"
    return reverse("projects:idea_partner_edit", args=[partner.idea_id, partner.pk])


def api(user=None):
    return api_client_for(user, language="en")


ORIGINAL = (Decimal("400.00"), Decimal("200.00"))


@pytest.mark.parametrize(
    ("role", "codes"),
    [
        ("anonymous", (401, 403)),
        ("other", (403, 404)),
        ("member", (200,)),
        ("admin", (200,)),
        ("secretariat", (403,)),
    ],
)
def test_api_permission_matrix(roles, partner, role, codes):
    r = api(roles.as_dict()[role]).patch(
        url(partner, api=True), {"budget": "500.00", "erdf": "250.00"}, format="json"
    )
    assert r.status_code in codes
    expected = (Decimal("500.00"), Decimal("250.00")) if codes == (200,) else ORIGINAL
    assert amounts(partner) == expected
    if codes == (200,):
        assert r.json()["budget"] == "500.00" and r.json()["erdf"] == "250.00"


def test_api_partial_update_keeps_the_other_amount(roles, partner):
    r = api(roles.member).patch(url(partner, api=True), {"erdf": "100.00"}, format="json")
    assert r.status_code == 200
    assert amounts(partner) == (Decimal("400.00"), Decimal("100.00"))


@pytest.mark.parametrize(
    "body",
    [
        {"budget": "-1"},
        {"budget": "abc"},
        {"budget": "1.234"},
        {"budget": "9" * 30},
        {"budget": "NaN"},
        {"erdf": "500.00"},  # more than the budget
        {"budget": "2000.00"},  # more than the idea's total
        {"budget": "<script>1</script>"},
        {"erdf": "1; DROP TABLE projects_ideapartner"},
        {"role": "lead"},
        {"role": "\x00"},
    ],
)
def test_api_bad_input_changes_nothing(roles, partner, body):
    r = api(roles.member).patch(url(partner, api=True), body, format="json")
    assert r.status_code == 400, r.content
    assert r["Content-Type"].startswith("application/problem+json")
    assert amounts(partner) == ORIGINAL
    assert IdeaPartner.objects.count() == 2


def test_api_unknown_partner_is_404(roles, partner):
    other_idea = IdeaFactory(lead_organisation=roles.organisation)
    r = api(roles.member).patch(
        f"/api/v1/projects/ideas/{other_idea.pk}/partners/{partner.pk}",
        {"budget": "1.00"},
        format="json",
    )
    assert r.status_code == 404
    assert amounts(partner) == ORIGINAL


@pytest.mark.parametrize(
    ("role", "code"),
    [("anonymous", 302), ("other", 403), ("member", 200), ("admin", 200), ("secretariat", 403)],
)
def test_page_permission_matrix(client, roles, partner, role, code):
    user = roles.as_dict()[role]
    if user:
        log_in(client, user)
    assert client.get(url(partner)).status_code == code
    r = client.post(url(partner), {"budget": "500.00", "erdf": "250.00"})
    assert r.status_code == (302 if code == 200 else code)
    expected = (Decimal("500.00"), Decimal("250.00")) if code == 200 else ORIGINAL
    assert amounts(partner) == expected


def test_page_shows_current_amounts_and_the_detail_links_to_it(client, roles, partner):
    log_in(client, roles.member)
    html = client.get(url(partner)).content.decode()
    assert 'value="400.00"' in html and 'value="200.00"' in html and "<h1>" in html
    detail = client.get(reverse("projects:idea", args=[partner.idea_id])).content.decode()
    assert url(partner) in detail


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"budget": "", "erdf": "1"}, "This field is required."),
        ({"budget": "-5", "erdf": "0"}, "greater than or equal to 0"),
        ({"budget": "<b>x</b>", "erdf": "0"}, "Enter a number."),
        ({"budget": "100.00", "erdf": "200.00"}, "more than 100 per cent"),
        ({"budget": "2000.00", "erdf": "0"}, "more than the idea"),
        ({"budget": "1" * 20, "erdf": "0"}, "digits"),
    ],
)
def test_page_bad_input_shows_errors_and_changes_nothing(client, roles, partner, data, message):
    log_in(client, roles.member)
    r = client.post(url(partner), data)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert amounts(partner) == ORIGINAL
