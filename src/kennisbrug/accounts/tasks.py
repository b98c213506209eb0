"""Background tasks of accounts: the e-mails of sign-up, verification and password reset."""

import logging

from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.tasks import background_task

from .mail_secrets import PLACEHOLDER, mail_secret_rebuild

logger = logging.getLogger(__name__)


@background_task(label=_("E-mail about an account (sign-up, address, password)"))
def account_mail(
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html: str = "",
    content_subtype: str = "plain",
    secret: dict | None = None,
) -> None:
    """Send a message rendered in the request (accounts.adapter), so it keeps the visitor's
    language and links; the worker only delivers it and retries when the mail server fails.

    `secret` refers to the key the message's link needs (mail_secrets); the key is made
    here, so the task's arguments (queue, dead-letter list, admin) never hold it."""
    if secret:
        key = mail_secret_rebuild(secret)
        if key is None:  # the person, the address or the need is gone: nothing to send
            logger.info("account_mail_obsolete kind=%s", secret.get("kind"))
            return
        subject, body, html = (text.replace(PLACEHOLDER, key) for text in (subject, body, html))
    message = EmailMultiAlternatives(subject, body, from_email, to)
    message.content_subtype = content_subtype
    if html:
        message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)
