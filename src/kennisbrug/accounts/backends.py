"""Authentication backends: the login policy in front of the password check."""

from django.contrib.auth import user_logged_in, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest

from . import login_policy


def _identifier(credentials: dict) -> str:
    value = credentials.get("email") or credentials.get("username") or ""
    return value if isinstance(value, str) else ""


class LoginPolicyBackend(ModelBackend):
    """Django's ModelBackend behind the login policy, first in AUTHENTICATION_BACKENDS:
    while the policy says wait, no backend gets to check the password
    (PermissionDenied stops `authenticate()`)."""

    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        identifier = _identifier({"username": username, **kwargs})
        if (
            request is not None
            and identifier
            and login_policy.login_wait(request=request, identifier=identifier)
        ):
            request._kb_login_blocked = True  # type: ignore[attr-defined]
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed, dispatch_uid="kennisbrug_login_policy_failed")
def _count_failure(sender, credentials, request=None, **kwargs):
    identifier = _identifier(credentials)
    # A refused attempt was never checked, so it does not lengthen the wait.
    if request is None or not identifier or getattr(request, "_kb_login_blocked", False):
        return
    login_policy.login_failed(request=request, identifier=identifier)


@receiver(user_logged_in, dispatch_uid="kennisbrug_login_policy_succeeded")
def _forget_failures(sender, request, user, **kwargs):
    if request is not None and user.email:
        login_policy.login_succeeded(request=request, identifier=user.email)
