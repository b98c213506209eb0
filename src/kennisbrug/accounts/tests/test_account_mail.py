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


def _dead_lettered_reset(client, settings, captured, user) -> FailedTask:
    settings.EMAIL_BACKEND = "kennisbrug.accounts.tests.test_account_mail.BrokenMailServer"
    with captured(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return FailedTask.objects.get(task_name=TASK)


def _link(text: str, path: str) -> str:
    found = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s\"<]+)", text)
    assert found, text
    return found.group(1)


def test_a_dead_lettered_reset_mail_keeps_no_working_link(
    client, settings, django_capture_on_commit_callbacks
):
    """A reset link is a credential: the dead-letter record (admin, secretariat page) holds
    the message with a placeholder instead of the key, and nothing that opens the form."""
    from allauth.account.forms import default_token_generator

    from kennisbrug.accounts.mail_secrets import PLACEHOLDER

    user = UserFactory(email="vergeten@example.org")
    failed = _dead_lettered_reset(client, settings, django_capture_on_commit_callbacks, user)
    stored = repr(failed.kwargs) + repr(failed.args) + failed.error
    assert default_token_generator.make_token(user) not in stored
    link = _link(failed.kwargs["body"], "/accounts/password/reset/key/")
    assert PLACEHOLDER in link
    assert failed.kwargs["secret"] == {"kind": "password_reset", "user": user.pk}
    response = client.get(link, follow=True)
    assert response.context["token_fail"] is True


def test_retrying_a_dead_lettered_reset_mail_sends_a_working_link(
    client, settings, django_capture_on_commit_callbacks
):
    from kennisbrug.jobs.services import failed_task_retry

    user = UserFactory(email="vergeten@example.org")
    failed = _dead_lettered_reset(client, settings, django_capture_on_commit_callbacks, user)
    with django_capture_on_commit_callbacks(execute=True):
        failed_task_retry(failed_task_id=failed.pk, actor=UserFactory(secretariat=True))
    (message,) = mail.outbox
    assert message.to == ["vergeten@example.org"]
    link = _link(message.body, "/accounts/password/reset/key/")
    response = client.get(link, follow=True)
    assert not response.context.get("token_fail")
    assert "password1" in response.context["form"].fields


def test_a_dead_lettered_sign_up_mail_keeps_no_key_and_a_retry_confirms(
    client, settings, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    from kennisbrug.accounts.mail_secrets import PLACEHOLDER
    from kennisbrug.jobs.services import failed_task_retry

    settings.EMAIL_BACKEND = "kennisbrug.accounts.tests.test_account_mail.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    failed = FailedTask.objects.get(task_name=TASK)
    assert _link(failed.kwargs["body"], "/accounts/confirm-email/").endswith(f"{PLACEHOLDER}/")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        failed_task_retry(failed_task_id=failed.pk, actor=UserFactory(secretariat=True))
    link = _link(mail.outbox[0].body, "/accounts/confirm-email/")
    assert PLACEHOLDER not in link
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    assert EmailAddress.objects.get(email="nieuw@example.org").verified


def test_a_mail_for_an_address_confirmed_meanwhile_is_not_sent(
    client, settings, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    from kennisbrug.jobs.services import failed_task_retry

    settings.EMAIL_BACKEND = "kennisbrug.accounts.tests.test_account_mail.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    EmailAddress.objects.filter(email="nieuw@example.org").update(verified=True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        failed_task_retry(
            failed_task_id=FailedTask.objects.get(task_name=TASK).pk,
            actor=UserFactory(secretariat=True),
        )
    assert mail.outbox == []
