"""allauth hooks: the project's login policy instead of allauth's hard lock, and where a
person lands after logging in."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from kennisbrug.core import second_factor

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
