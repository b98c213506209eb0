import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from tests.clients import log_in

from kennisbrug.accounts import services
from kennisbrug.accounts.models import ApiToken, User
from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.organisations.constants import MembershipRole
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


# --- allauth pages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "dutch_heading"),
    [
        ("account_login", "Aanmelden"),
        ("account_signup", "Registreren"),
        ("account_reset_password", "Nieuw wachtwoord"),
        ("account_email_verification_sent", "Verifieer je e-mailadres"),
    ],
)
def test_allauth_pages_render_in_the_kennisbrug_shell_in_dutch(client, url_name, dutch_heading):
    response = client.get(reverse(url_name))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert 'class="skip-link"' in html
    assert re.search(r"<h1>\s*" + re.escape(dutch_heading), html)
    assert "Regio's: © EuroGeographics/Eurostat (NUTS), Statbel (CC BY 4.0)" in html.replace(
        "&#x27;", "'"
    )


def test_allauth_pages_switch_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="en">' in html
    assert re.search(r"<h1>\s*Sign In", html)


def test_login_form_fields_are_labelled_through_the_component(client):
    html = client.get(reverse("account_login")).content.decode()
    assert '<label class="field__label" for="id_login">' in html
    assert '<label class="field__label" for="id_password">' in html
    assert 'aria-describedby="id_password_hint"' in html  # the "forgot password" link


def test_signup_sends_verification_email_and_unverified_cannot_log_in(
    client, django_capture_on_commit_callbacks
):
    # the message is sent by the task worker once the sign-up has committed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="nieuw@example.org").exists()
    assert len(mail.outbox) == 1
    assert "nieuw@example.org" in mail.outbox[0].to
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body)
    assert link

    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "nieuw@example.org", "password": PASSWORD}
    )
    # Mandatory verification: no session, sent to the "verify your email" page instead.
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")

    path = link.group(0).split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    client.post(path)
    response = client.post(
        reverse("account_login"), {"login": "nieuw@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")


def test_signup_bad_input_shows_errors_and_creates_nothing(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "<script>@x", "password1": "kort", "password2": "anders"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="form-errors"' in html
    assert 'aria-invalid="true"' in html
    assert "<script>@x" not in html
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_password_reset_sends_email_with_working_link(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="vergeten@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link
    response = client.get(link.group(1), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="password1"' in html
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new = "een nieuw lang wachtwoord 42"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_bad_key_is_explained(client):
    response = client.get("/accounts/password/reset/key/1-bad-key/")
    assert response.status_code == 200
    assert "ongeldig" in response.content.decode().lower()


def test_email_management_page(client):
    user = UserFactory()
    log_in(client, user)
    html = client.get(reverse("account_email")).content.decode()
    assert "<fieldset" in html and "<legend" in html
    assert user.email in html


def test_logout_page(client):
    log_in(client, UserFactory())
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --- shell ---------------------------------------------------------------------


def test_nav_marks_current_section(client):
    html = client.get(reverse("organisations:list")).content.decode()
    assert f'<a href="{reverse("organisations:list")}" aria-current="page">' in html
    assert '<a href="/" aria-current="page">' not in html
    html = client.get("/").content.decode()
    assert '<a href="/" aria-current="page">' in html


def test_language_switch_works_without_javascript(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/account/tokens/"})
    assert response.status_code == 302
    assert response["Location"] == "/account/tokens/"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert 'value="en" lang="en" aria-current="true"' in html


def test_messages_are_rendered_as_alerts(client):
    user = UserFactory()
    token, _raw = services.api_token_create(user=user, name="weg")
    log_in(client, user)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]), follow=True)
    html = response.content.decode()
    assert 'class="alert alert--success" role="status"' in html
    assert "is ingetrokken" in html


# --- tokens page -----------------------------------------------------------------


def test_tokens_page_creates_and_shows_token_once(client):
    user = UserFactory()
    log_in(client, user)
    response = client.post(reverse("accounts:tokens"), {"name": "Mijn script"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=user)
    raw = re.search(r'id="new-token" type="text" value="(kb_[^"]+)"', html).group(1)
    assert token.key_hash == ApiToken.hash(raw)
    assert "alleen nu getoond" in html
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert raw not in html
    assert "Mijn script" in html and token.key_prefix in html


def test_tokens_page_lists_only_my_active_tokens(client):
    me, other = UserFactory(), UserFactory()
    services.api_token_create(user=me, name="van mij")
    revoked, _ = services.api_token_create(user=me, name="ingetrokken token")
    services.api_token_revoke(token=revoked, user=me)
    services.api_token_create(user=other, name="van een ander")
    log_in(client, me)
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert "van mij" in html
    assert "ingetrokken token" not in html
    assert "van een ander" not in html


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "verplicht"),
        ("   ", "verplicht"),
        ("x" * 81, "80"),
        ("a\x07b", "stuurtekens"),
    ],
)
def test_tokens_page_bad_input(client, name, message):
    log_in(client, UserFactory())
    response = client.post(reverse("accounts:tokens"), {"name": name})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html
    assert ApiToken.objects.count() == 0


def test_token_name_with_html_is_rendered_inert(client):
    user = UserFactory()
    log_in(client, user)
    hostile = '<img src=x onerror="alert(1)">'
    client.post(reverse("accounts:tokens"), {"name": hostile})
    html = client.get(reverse("accounts:tokens")).content.decode()
    assert hostile not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_revoke_page_for_someone_elses_token_is_404(client):
    token, _raw = services.api_token_create(user=UserFactory(), name="niet van jou")
    log_in(client, UserFactory())
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoke_requires_post(client):
    user = UserFactory()
    token, _raw = services.api_token_create(user=user, name="t")
    log_in(client, user)
    assert client.get(reverse("accounts:token_revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


# --- dashboard ---------------------------------------------------------------------


def test_dashboard_for_an_admin_shows_role_and_pending_members(client):
    organisation = OrganisationFactory(name="Fotonica Gent")
    admin = MembershipFactory(organisation=organisation, admin=True).user
    MembershipFactory(organisation=organisation, pending=True)
    MembershipFactory(organisation=organisation, pending=True)
    MembershipFactory(organisation=organisation)  # active members are not counted
    log_in(client, admin)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Fotonica Gent" in html
    with translation.override("nl"):
        assert str(MembershipRole.ADMIN.label) in html
    assert "2 personen wachten" in html


def test_dashboard_for_a_member_shows_no_pending_count(client):
    organisation = OrganisationFactory(name="Waterlab Zeeland")
    member = MembershipFactory(organisation=organisation).user
    MembershipFactory(organisation=organisation, pending=True)
    log_in(client, member)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Waterlab Zeeland" in html
    with translation.override("nl"):
        assert str(MembershipRole.MEMBER.label) in html
    assert "wachten" not in html and "wacht " not in html


def test_dashboard_shows_my_pending_join_requests(client):
    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Agrofood Brabant"), pending=True
    )
    log_in(client, membership.user)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Mijn openstaande aanvragen" in html
    assert "Agrofood Brabant" in html
    assert "Je bent nog geen lid van een organisatie." in html


def test_dashboard_without_organisations(client):
    log_in(client, UserFactory())
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Je bent nog geen lid van een organisatie." in html
    assert "Je hebt geen openstaande aanvragen." in html
    assert reverse("accounts:tokens") in html


def test_dashboard_escapes_organisation_names(client):
    organisation = OrganisationFactory(name="<b>Vet</b> & Co", slug="vet-co")
    user = MembershipFactory(organisation=organisation, admin=True).user
    log_in(client, user)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "<b>Vet</b>" not in html
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; Co" in html
