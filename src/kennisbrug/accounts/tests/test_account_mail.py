"""The e-mails of allauth (sign-up, password reset) go through the task queue: rendered in
the request in the visitor's language, sent after commit, dead-lettered when they keep failing
without undoing the sign-up."""

import re

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from kennisbrug.accounts.models import User
from kennisbrug.accounts.tests.factories import UserFactory
from kennisbrug.jobs.models import FailedTask

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
TASK = "kennisbrug.accounts.tasks.account_mail"


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_nothing_is_sent_before_the_request_commits(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="vergeten@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("account_reset_password"), {"email": user.email})
        assert response.status_code == 302
    # the page answered without talking to the mail server; the task waits for the commit
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["vergeten@example.org"]]
    assert re.search(r"/accounts/password/reset/key/\S+", mail.outbox[0].body)


def test_the_mail_keeps_the_visitors_language(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="forgot@example.org")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("set_language"), {"language": "nl", "next": "/"})
        client.post(reverse("account_reset_password"), {"email": user.email})
    english, dutch = mail.outbox
    assert "Password Reset" in english.subject
    assert "wachtwoord" in dutch.subject.lower()
    assert english.from_email == dutch.from_email


def test_a_failing_mail_server_keeps_the_sign_up_and_dead_letters_the_mail(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "kennisbrug.accounts.tests.test_account_mail.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="nieuw@example.org").exists()
    failed = FailedTask.objects.get(task_name=TASK)
    assert failed.attempts == 6  # the first attempt and five retries
    assert failed.kwargs["to"] == ["nieuw@example.org"]
    assert failed.error_summary == "ConnectionRefusedError: mail server down"
