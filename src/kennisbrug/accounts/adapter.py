"""allauth hooks: where a person lands after logging in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # An explicit ?next= still wins: allauth only asks here when none was given.
        user = request.user
        if getattr(user, "is_secretariat", False):
            return reverse("secretariat:queue")
        return super().get_login_redirect_url(request)
