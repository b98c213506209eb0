"""allauth's second-factor forms behind the project's login policy: wrong codes slow down
the next attempt (progressive backoff per account, as for passwords), never lock out."""

from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.mfa.base import forms as base_forms
from allauth.mfa.totp import forms as totp_forms
from django.core.exceptions import ValidationError

from . import login_policy


class _CodePolicy:
    user: object

    def clean_code(self):
        request = context.request
        wait = login_policy.code_wait(request=request, user=self.user)
        if wait:
            raise ValidationError(login_policy.wait_message(wait), code="too_many_attempts")
        try:
            code = super().clean_code()  # type: ignore[misc]
        except ValidationError:
            login_policy.code_failed(request=request, user=self.user)
            raise
        login_policy.code_succeeded(user=self.user)
        return code


class AuthenticateForm(_CodePolicy, base_forms.AuthenticateForm):
    pass


class ReauthenticateForm(_CodePolicy, base_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(_CodePolicy, totp_forms.ActivateTOTPForm):
    def clean_code(self):
        code = super().clean_code()
        # A valid code from the app being activated is what the second step of a login
        # asks for, so this session has passed the second factor (core.second_factor).
        record_authentication(context.request, self.user, "mfa", type="totp", activated=True)
        return code
