"""Background tasks of accounts: the e-mails of sign-up, verification and password reset."""

from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.tasks import background_task


@background_task(label=_("E-mail about an account (sign-up, address, password)"))
def account_mail(
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html: str = "",
    content_subtype: str = "plain",
) -> None:
    """Send a message rendered in the request (accounts.adapter), so it keeps the visitor's
    language and links; the worker only delivers it and retries when the mail server fails."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    message.content_subtype = content_subtype
    if html:
        message.attach_alternative(html, "text/html")
    message.send(fail_silently=False)
