"""GDPR: the personal data export, deleting an account, and a search of every text column
of every table for a person's marker after they deleted their account."""

import json
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection
from tests.clients import api_client_for, log_in

from kennisbrug.accounts import personal_data
from kennisbrug.accounts import services as account_services
from kennisbrug.accounts.models import User
from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.models import AuditLog
from kennisbrug.innovation import services as innovation_services
from kennisbrug.organisations import services as organisation_services
from kennisbrug.organisations.models import Invitation, Membership
from kennisbrug.organisations.tests.factories import MembershipFactory, OrganisationFactory
from kennisbrug.projects import services as projects_services
from kennisbrug.projects.models import PartnerInvitation, ProjectIdea
from kennisbrug.skills import services as skills_services
from kennisbrug.skills.models import Occupation, TrainingParticipation, Vacancy
from kennisbrug.skills.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def tables_containing(text: str) -> dict[str, list[str]]:
    """Every column of every table (from the database's own catalogue) whose value, read as
    text, contains `text` (case-insensitive): {table: [columns]}."""
    found: dict[str, list[str]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608 - names from the catalogue
                    f"WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s",
                    [f"%{text.lower()}%"],
                )
                if cursor.fetchone()[0]:
                    found.setdefault(table, []).append(column.name)
    return found


@pytest.fixture
def person_using_everything():
    """A person with the marker in every personal text field, who used the platform:
    account, email address, API token, membership and a join request, skills profile
    with an employer's contact request, a training participation, an introduction, an
    invitation, and a back-office change of their account."""
    marker = f"zqxmark{uuid.uuid4().hex[:12]}"
    user = User.objects.create_user(
        email=f"{marker}@example.org",
        password=PASSWORD,
        full_name=f"Anna {marker}",
        first_name=marker,
        last_name=marker,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    account_services.api_token_create(user=user, name=f"script {marker}")

    employer = OrganisationFactory(name="Werkgever BV", dutch=True)
    MembershipFactory(organisation=employer, admin=True)
    membership = organisation_services.membership_request(
        user=user, organisation=employer, message=f"Ik werk hier, {marker}"
    )
    organisation_services.membership_approve(
        membership=membership, decided_by=employer.memberships.get(role="admin").user
    )
    organisation_services.membership_request(
        user=user, organisation=OrganisationFactory(), message=f"Mag ik erbij? {marker}"
    )
    Invitation.objects.create(organisation=OrganisationFactory(), email=user.email)

    profile = skills_services.profile_create(
        user=user, consent=True, experience_text=f"Lassen en {marker}", open_to_employers=True
    )
    occupation = Occupation.objects.create(
        uri="http://example.org/occupation/welder", label_en="Welder", label_nl="Lasser"
    )
    hiring = OrganisationFactory()
    recruiter = MembershipFactory(organisation=hiring, admin=True).user
    vacancy = Vacancy.objects.create(
        organisation=hiring, occupation=occupation, title="Lasser", nuts3_id="BE234"
    )
    skills_services.contact_request(
        user=recruiter, vacancy=vacancy, profile=profile, message=f"Beste {marker}, bel ons"
    )
    skills_services.training_enrol(training=TrainingFactory(), user=user, employer=employer)

    innovation_services.introduction_request(
        requested_by=user,
        requester_organisation=employer,
        provider_organisation=OrganisationFactory(),
        message=f"Groet, {marker}",
    )
    # A project idea the person wrote for their own organisation, with a partner they
    # entered and an invitation letter they signed.
    lead = OrganisationFactory(name="Lead BV", dutch=True)
    MembershipFactory(organisation=lead, user=user, admin=True)
    idea = projects_services.idea_create(
        lead_organisation=lead,
        created_by=user,
        title="Waterstofopslag bij KMO's",
        summary="Opslag van waterstof voor kleine bedrijven.",
    )
    projects_services.idea_invite_partner(
        idea=idea,
        user=user,
        organisation=OrganisationFactory(name="Partner NV"),
        message=f"Groeten van {marker}",
    )
    staff = UserFactory(is_staff=True)
    LogEntry.objects.log_actions(
        user_id=staff.pk, queryset=[user], action_flag=CHANGE, change_message=marker
    )
    return user, marker


def test_the_marker_is_nowhere_after_the_account_is_deleted(person_using_everything):
    user, marker = person_using_everything
    before = tables_containing(marker)
    # The search finds the marker where the person left it (so it can fail).
    assert {
        "accounts_user",
        "account_emailaddress",
        "accounts_apitoken",
        "organisations_membership",
        "organisations_invitation",
        "skills_profile",
        "skills_vacancycontact",
        "innovation_introduction",
        "projects_partnerinvitation",
        "core_auditlog",
        "django_admin_log",
    } <= set(before)
    events = AuditLog.objects.filter(actor=user).count()

    personal_data.account_delete(user=user, password=PASSWORD)

    assert tables_containing(marker) == {}
    # The events stay, without personal data; the participation still counts, anonymously.
    assert AuditLog.objects.filter(actor=user).count() == events
    participation = TrainingParticipation.objects.get()
    assert participation.user is None and participation.anonymous_key is not None
    # The idea belongs to its lead organisation and stays, without its author.
    idea = ProjectIdea.objects.get()
    assert idea.created_by is None and idea.lead_organisation.name == "Lead BV"
    assert PartnerInvitation.objects.get().invited_by is None
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()


def test_export_holds_everything_about_the_person(person_using_everything):
    user, marker = person_using_everything
    data = personal_data.personal_data_export(user=user)
    assert data["account"]["email"] == user.email
    assert data["account"]["api_tokens"][0]["name"] == f"script {marker}"
    assert "key_hash" not in json.dumps(data)
    orgs = data["organisations"]
    assert {m["organisation"] for m in orgs["memberships"]} == {"Werkgever BV", "Lead BV"}
    assert marker in orgs["membership_requests"][0]["message"]
    assert orgs["invitations"][0]["email"] == user.email
    skills = data["skills"]
    assert marker in skills["profile"]["experience_text"]
    assert marker in skills["profile"]["contact_requests"][0]["message"]
    assert skills["training_participations"][0]["employer"] == "Werkgever BV"
    projects = data["projects"]
    assert projects["project_ideas"][0]["title"] == "Waterstofopslag bij KMO's"
    assert projects["project_ideas"][0]["lead_organisation"] == "Lead BV"
    assert projects["partner_invitations"][0]["organisation"] == "Partner NV"
    assert marker in projects["partner_invitations"][0]["message"]
    assert marker in data["innovation"]["introductions"][0]["message"]
    actions = {entry["action"] for entry in data["audit_entries"]}
    assert {"membership_requested", "membership_approved", "skills.training_enrol"} <= actions
    # Everything the person typed is in the export.
    assert json.dumps(data, ensure_ascii=False).count(marker) >= 8


def test_export_page_and_api_show_only_ones_own_data(client, person_using_everything):
    user, marker = person_using_everything
    other = UserFactory()
    for who in (other, user):
        log_in(client, who)
        response = client.get("/account/my-data/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        body = json.loads(response.content)
        assert body["account"]["email"] == who.email
        assert (marker in response.content.decode()) == (who == user)
        api = api_client_for(who).get("/api/v1/account/my-data/")
        assert api.status_code == 200 and api.json()["account"]["email"] == who.email
    client.logout()
    assert client.get("/account/my-data/").status_code == 302
    assert api_client_for(None).get("/api/v1/account/my-data/").status_code in (401, 403)


def test_delete_page_needs_the_password_and_confirmation(
    client, english_site, person_using_everything
):
    user, _marker = person_using_everything
    log_in(client, user)
    assert client.get("/account/delete/").status_code == 200
    for data in (
        {"password": "wrong", "confirm": "on"},
        {"password": PASSWORD},
        {},
        {"password": "x" * 5000, "confirm": "on"},
        {"password": "\x00", "confirm": "on"},
    ):
        response = client.post("/account/delete/", data)
        assert response.status_code == 400, data
        user.refresh_from_db()
        assert user.is_active
    assert (
        "The password is not correct."
        in client.post("/account/delete/", {"password": "wrong", "confirm": "on"}).content.decode()
    )
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active and user.email.endswith("@deleted.invalid")
    assert client.get("/account/").status_code == 302  # logged out
    assert not client.login(email=_marker + "@example.org", password=PASSWORD)


def test_the_last_admin_of_an_organisation_with_members_is_refused(client, english_site):
    admin = UserFactory(password=PASSWORD)
    organisation = OrganisationFactory(name="Eenmanszaak met personeel")
    MembershipFactory(organisation=organisation, user=admin, admin=True)
    MembershipFactory(organisation=organisation)
    log_in(client, admin)
    page = client.get("/account/delete/").content.decode()
    assert "You are the only admin of Eenmanszaak met personeel" in page
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 400
    admin.refresh_from_db()
    assert admin.is_active and Membership.objects.filter(user=admin).exists()
    # With a second admin the first may leave; the organisation stays.
    MembershipFactory(organisation=organisation, admin=True)
    personal_data.account_delete(user=admin, password=PASSWORD)
    assert organisation.memberships.count() == 2


def test_the_only_member_may_leave_and_the_organisation_stays():
    admin = UserFactory(password=PASSWORD)
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=admin, admin=True)
    personal_data.account_delete(user=admin, password=PASSWORD)
    organisation.refresh_from_db()
    assert organisation.memberships.count() == 0


def test_deleting_an_account_ends_its_sessions_also_where_they_are_cached(client, english_site):
    """Production keeps sessions in Redis as well as the database (cached_db): the erasure
    deletes them through the session engine, so no copy in the cache still signs a browser in
    on another device."""
    from importlib import import_module

    from django.conf import settings
    from django.test import override_settings

    engine = "django.contrib.sessions.backends.cached_db"
    with override_settings(SESSION_ENGINE=engine):
        user = UserFactory(password=PASSWORD)
        other_device = type(client)()
        log_in(other_device, user)
        key = other_device.cookies[settings.SESSION_COOKIE_NAME].value
        store = import_module(engine).SessionStore
        assert store(session_key=key).load().get("_auth_user_id") == str(user.pk)
        assert other_device.get("/account/").status_code == 200

        log_in(client, user)
        assert (
            client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"}).status_code
            == 302
        )

        assert store(session_key=key).load() == {}
        assert other_device.get("/account/").status_code == 302
