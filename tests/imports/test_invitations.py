"""Members invited by e-mail from the organisation import: the e-mails go as tasks after
the import commits; a newcomer joins by registering and confirming the address; a person
with an account confirms on their dashboard (or declines); nobody else can answer."""

import pytest
from django.core import mail
from django.urls import reverse

from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.core.imports import services
from kennisbrug.organisations.constants import MembershipStatus
from kennisbrug.organisations.imports.services import invitations_accept
from kennisbrug.organisations.models import Invitation, Membership, Organisation
from tests.clients import log_in

from .conftest import csv_file

pytestmark = pytest.mark.django_db

FILE = csv_file(
    "naam;type;land;postcode;leden_e-mail",
    ['Uitnodiger BV;kmo;BE;9000;"bekend@example.org, nieuw@example.org"'],
)


@pytest.fixture
def imported(roles, django_capture_on_commit_callbacks):
    known = UserFactory(email="bekend@example.org")
    upload = services.import_upload_create(
        kind="organisations", content=FILE, filename="f.csv", user=roles.secretariat
    )
    assert upload.preview["rows"][0]["notes"][-1].endswith("bekend@example.org, nieuw@example.org")
    assert not mail.outbox
    # The confirmation queues the import; the import queues the e-mails after its commit.
    with django_capture_on_commit_callbacks(execute=True):
        services.import_upload_confirm(
            upload=upload, user=roles.secretariat, fingerprint=upload.preview["fingerprint"]
        )
    return known, Organisation.objects.get(name="Uitnodiger BV")


def test_invitation_mails_are_sent_after_the_import_and_nobody_joins_yet(imported):
    _known, organisation = imported
    assert sorted(m.to[0] for m in mail.outbox) == ["bekend@example.org", "nieuw@example.org"]
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Uitnodiger BV" in by_address["bekend@example.org"].subject
    assert "/account/" in by_address["bekend@example.org"].body or "Mijn Kennisbrug" in (
        by_address["bekend@example.org"].body
    )
    assert reverse("account_signup") in by_address["nieuw@example.org"].body
    assert not Membership.objects.filter(organisation=organisation).exists()
    assert Invitation.objects.filter(organisation=organisation, accepted_at=None).count() == 2


def test_existing_user_accepts_on_the_dashboard(client, imported):
    known, organisation = imported
    log_in(client, known)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Uitnodiger BV" in dashboard and "Aanvaarden" in dashboard
    invitation = Invitation.objects.get(email="bekend@example.org")
    answer = client.post(
        reverse("organisations:invitation_answer", args=[invitation.pk]), {"answer": "accept"}
    )
    assert answer.status_code == 302
    membership = Membership.objects.get(user=known, organisation=organisation)
    assert membership.status == MembershipStatus.ACTIVE
    again = client.post(
        reverse("organisations:invitation_answer", args=[invitation.pk]), {"answer": "accept"}
    )
    assert again.status_code == 404  # answered already


def test_existing_user_may_decline(client, imported):
    known, organisation = imported
    log_in(client, known)
    invitation = Invitation.objects.get(email="bekend@example.org")
    client.post(
        reverse("organisations:invitation_answer", args=[invitation.pk]), {"answer": "decline"}
    )
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert not Membership.objects.filter(organisation=organisation).exists()


def test_nobody_else_answers_an_invitation(client, imported, roles):
    _known, organisation = imported
    invitation = Invitation.objects.get(email="bekend@example.org")
    for user in (roles.secretariat, roles.admin, UserFactory(email="nieuw@example.org")):
        log_in(client, user)
        answer = client.post(
            reverse("organisations:invitation_answer", args=[invitation.pk]),
            {"answer": "accept"},
        )
        assert answer.status_code == 404
    client.logout()
    anonymous = client.post(
        reverse("organisations:invitation_answer", args=[invitation.pk]), {"answer": "accept"}
    )
    assert anonymous.status_code == 302 and "login" in anonymous.url
    assert not Membership.objects.filter(organisation=organisation).exists()


def test_newcomer_joins_when_confirming_the_invited_address(imported):
    _known, organisation = imported
    newcomer = UserFactory(email="nieuw@example.org")
    assert invitations_accept(user=newcomer, email="Nieuw@example.org") == 1
    assert Membership.objects.get(user=newcomer, organisation=organisation).status == "active"


def test_a_second_import_invites_nobody_again(roles, imported, django_capture_on_commit_callbacks):
    sent = len(mail.outbox)
    upload = services.import_upload_create(
        kind="organisations", content=FILE, filename="f.csv", user=roles.secretariat
    )
    assert [r["action"] for r in upload.preview["rows"]] == ["unchanged"]
    assert len(mail.outbox) == sent
