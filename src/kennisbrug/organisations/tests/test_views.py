import pytest
from django.conf import settings
from django.urls import reverse
from tests.clients import log_in

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.organisations.constants import MembershipStatus
from kennisbrug.organisations.models import Membership, Organisation

from .factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

FORM = {"name": "Fotonica Gent", "type": "sme", "country": "BE", "postcode": "9000", "city": "Gent"}


def test_list_filters_paginates_and_announces_count(client):
    for i in range(25):
        OrganisationFactory(name=f"Org {i:02d}")
    OrganisationFactory(name="Eindhoven Lab", dutch=True)
    response = client.get(reverse("organisations:list"))
    assert response.status_code == 200
    assert "26 organisaties gevonden" in response.content.decode()
    assert 'role="status"' in response.content.decode()
    page2 = client.get(reverse("organisations:list"), {"page": 2})
    assert "Org 24" in page2.content.decode() or "Org 19" in page2.content.decode()
    nl = client.get(reverse("organisations:list"), {"country": "NL"})
    assert "Eindhoven Lab" in nl.content.decode() and "Org 01" not in nl.content.decode()


def test_list_bad_filter_shows_error_not_500(client):
    response = client.get(reverse("organisations:list"), {"country": "ZZ"})
    assert response.status_code == 200
    assert "field__error" in response.content.decode()


def test_detail_hides_email_from_anonymous(client):
    org = OrganisationFactory(
        email="info@fotonica.example", description="<script>alert(1)</script>"
    )
    anonymous = client.get(reverse("organisations:detail", args=[org.slug])).content.decode()
    assert "info@fotonica.example" not in anonymous
    assert "<script>alert(1)</script>" not in anonymous
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in anonymous
    log_in(client, UserFactory())
    assert (
        "info@fotonica.example"
        in client.get(reverse("organisations:detail", args=[org.slug])).content.decode()
    )


def test_detail_404(client):
    assert client.get(reverse("organisations:detail", args=["nope"])).status_code == 404


def test_create_flow(client):
    user = UserFactory()
    log_in(client, user)
    page = client.get(reverse("organisations:create")).content.decode()
    assert "Organisatie aanmaken" in page
    for name in [
        "name",
        "type",
        "kbo_number",
        "kvk_number",
        "vat_number",
        "street",
        "postcode",
        "city",
        "country",
        "website",
        "email",
        "phone",
        "description",
        "expertise",
        "offers",
        "needs",
        "sectors",
        "technologies",
        "staff_headcount",
        "annual_turnover",
        "balance_sheet_total",
    ]:
        assert f'name="{name}"' in page, name
    response = client.post(reverse("organisations:create"), FORM)
    org = Organisation.objects.get(name="Fotonica Gent")
    assert response.status_code == 302 and response.url == reverse(
        "organisations:detail", args=[org.slug]
    )
    assert org.nuts3_id == "BE234"
    assert Membership.objects.get(organisation=org).user == user


def test_create_button_in_english(client):
    log_in(client, UserFactory())
    page = client.get(reverse("organisations:create"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Create organisation" in page.content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"kbo_number": "0403170702"},
        {"postcode": "9999"},
        {"name": ""},
        {"name": "x" * 201},
        {"description": "y" * 5001},
        {"type": "<script>"},
        {"website": "javascript:alert(1)"},
        {"staff_headcount": "-3"},
        {"staff_headcount": "400", "annual_turnover": "90000000"},
        {"annual_turnover": "abc"},
    ],
)
def test_create_bad_input_shows_errors_and_writes_nothing(client, bad):
    log_in(client, UserFactory())
    before = (Organisation.objects.count(), Membership.objects.count())
    response = client.post(reverse("organisations:create"), {**FORM, **bad})
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()
    assert (Organisation.objects.count(), Membership.objects.count()) == before


def test_create_with_nul_byte_is_refused_before_the_form_and_writes_nothing(client):
    # NUL bytes never reach a form: the input middleware refuses the whole request.
    log_in(client, UserFactory())
    before = (Organisation.objects.count(), Membership.objects.count())
    response = client.post(reverse("organisations:create"), {**FORM, "expertise": "bad\x00byte"})
    assert response.status_code == 400
    assert (Organisation.objects.count(), Membership.objects.count()) == before


def test_edit_flow(client, roles):
    log_in(client, roles.admin)
    url = reverse("organisations:edit", args=[roles.organisation.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            **FORM,
            "name": "Nieuwe Naam",
            "postcode": "2000",
            "city": "Antwerpen",
            "staff_headcount": "20",
            "annual_turnover": "3000000",
        },
    )
    assert response.status_code == 302
    roles.organisation.refresh_from_db()
    assert (roles.organisation.name, roles.organisation.nuts3_id) == ("Nieuwe Naam", "BE211")


def test_edit_bad_input_changes_nothing(client, roles):
    log_in(client, roles.admin)
    url = reverse("organisations:edit", args=[roles.organisation.slug])
    response = client.post(url, {**FORM, "name": "Other", "postcode": "0000"})
    assert response.status_code == 200
    roles.organisation.refresh_from_db()
    assert roles.organisation.name == "Eigen Organisatie"


def test_join_and_members_flow(client, roles):
    person = UserFactory()
    log_in(client, person)
    join = reverse("organisations:join", args=[roles.organisation.slug])
    assert client.post(join, {"message": "Ik werk hier"}).status_code == 302
    membership = Membership.objects.get(user=person)
    assert membership.status == MembershipStatus.PENDING
    again = client.post(join, {"message": "nog eens"})
    # the service refuses; the page says why instead of offering the form again
    assert again.status_code == 200
    assert "Uw aanvraag om aan te sluiten wacht al op goedkeuring." in again.content.decode()

    log_in(client, roles.admin)
    members = reverse("organisations:members", args=[roles.organisation.slug])
    page = client.get(members).content.decode()
    assert person.email in page and "Ik werk hier" in page
    assert (
        client.post(members, {"membership": membership.pk, "action": "approve"}).status_code == 302
    )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    client.post(members, {"membership": membership.pk, "action": "role", "role": "admin"})
    membership.refresh_from_db()
    assert membership.role == "admin"
    client.post(members, {"membership": membership.pk, "action": "remove"})
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_members_reject_and_bad_posts(client, roles):
    pending = MembershipFactory(organisation=roles.organisation, pending=True)
    foreign = MembershipFactory(organisation=roles.other_organisation)
    log_in(client, roles.admin)
    members = reverse("organisations:members", args=[roles.organisation.slug])
    assert client.post(members, {"membership": foreign.pk, "action": "remove"}).status_code == 400
    assert Membership.objects.filter(pk=foreign.pk).exists()
    assert client.post(members, {"membership": pending.pk, "action": "explode"}).status_code == 400
    client.post(members, {"membership": pending.pk, "action": "reject"})
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.REJECTED


def test_join_message_too_long(client, roles):
    log_in(client, UserFactory())
    join = reverse("organisations:join", args=[roles.organisation.slug])
    assert client.post(join, {"message": "x" * 1001}).status_code == 200
    assert Membership.objects.filter(status=MembershipStatus.PENDING).count() == 0


@pytest.mark.parametrize(
    "role, offered, reason",
    [
        ("other", True, None),  # a member of another organisation may ask
        ("member", False, None),  # a member: no link and no reason (nothing to ask)
        ("admin", False, None),
        ("pending", False, "Your request to join is already waiting for approval."),
    ],
)
def test_join_is_offered_only_when_the_service_would_accept_it(
    client, roles, role, offered, reason
):
    from kennisbrug.organisations.services import membership_request

    user = roles.as_dict().get(role)
    if role == "pending":
        user = UserFactory()
        membership_request(user=user, organisation=roles.organisation)
    log_in(client, user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    join = f"/organisations/{roles.organisation.slug}/join/"
    page = client.get(f"/organisations/{roles.organisation.slug}/").content.decode()
    assert (f'href="{join}"' in page) is offered
    form = client.get(join).content.decode()
    if reason:
        assert reason in page and reason in form
        assert "Send request" not in form
        client.post(join, {"message": "again"})
        assert Membership.objects.filter(user=user).count() == 1
    if offered:
        assert "Send request" in form
