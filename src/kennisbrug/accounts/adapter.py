"""allauth hooks: the project's login policy instead of allauth's hard lock, where a
person lands after logging in, and its e-mails sent by the task worker."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from kennisbrug.core import second_factor
from kennisbrug.core.tasks import enqueue_on_commit

from . import login_policy


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # An explicit ?next= still wins: allauth only asks here when none was given.
        user = request.user
        if second_factor.needs_second_factor(user) and not second_factor.has_authenticator(user):
            # Staff decide only after a second factor: set it up first.
            return reverse("accounts:second_factor")
        if getattr(user, "is_secretariat", False):
            return reverse("secretariat:queue")
        return super().get_login_redirect_url(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Tell the person how long to wait (the backend refuses silently)."""
        identifier = credentials.get("email") or credentials.get("username") or ""
        if isinstance(identifier, str) and identifier:
            wait = login_policy.login_wait(request=request, identifier=identifier)
            if wait:
                raise ValidationError(
                    login_policy.wait_message(wait), code="too_many_login_attempts"
                )

    def post_login(self, request: HttpRequest, user, **kwargs: Any):
        response = super().post_login(request, user, **kwargs)
        login_policy.remember_client(request=request, response=response)
        return response

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render the message now (the visitor's language, the request's links) and leave
        the delivery to the task worker, after commit: a slow or failing mail server neither
        holds up the sign-up or password page nor undoes it, and a message that keeps failing
        lands on the secretariat's list of failed tasks.

        A reset or confirmation key never enters the queue (mail_secrets): the task makes a
        fresh one from a reference. A secret that cannot be made again (a one-time code) is
        sent at once instead, as allauth itself does."""
        from .mail_secrets import (
            PLACEHOLDER,
            mail_secret,
            mail_secret_reference,
        )
        from .tasks import account_mail

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", ())
                if mimetype == "text/html"
            ),
            "",
        )
        parts = {"subject": message.subject, "body": message.body, "html": html}
        reference = None
        secret = mail_secret(context)
        if secret:
            reference = mail_secret_reference(
                template_prefix=template_prefix, email=email, context=context
            )
            parts = {name: text.replace(secret, PLACEHOLDER) for name, text in parts.items()}
            if reference is None or any(secret in text for text in parts.values()):
                message.send()
                return
        enqueue_on_commit(
            account_mail,
            subject=parts["subject"],
            body=parts["body"],
            from_email=message.from_email,
            to=list(message.to),
            html=parts["html"],
            content_subtype=message.content_subtype,
            secret=reference,
        )
