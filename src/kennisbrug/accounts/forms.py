from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .services import (
    TOKEN_DEFAULT_DAYS,
    TOKEN_LIFETIME_CHOICES,
    TOKEN_NAME_MAX_LENGTH,
    clean_token_name,
)


def _lifetime_label(days: int) -> str:
    if days == 365:
        return gettext("1 year")
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


# Choices are built at import time; the label must follow the language of each request.
_lifetime_label_lazy = lazy(_lifetime_label, str)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        help_text=_("So you can recognise it later, for example “reporting script”."),
        max_length=TOKEN_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Valid for"),
        help_text=_("After this the token stops working and you create a new one."),
        choices=[(days, _lifetime_label_lazy(days)) for days in TOKEN_LIFETIME_CHOICES],
        coerce=int,
        initial=TOKEN_DEFAULT_DAYS,
        required=False,
    )

    def clean_name(self) -> str:
        try:
            return clean_token_name(self.cleaned_data["name"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["name"]) from exc

    def clean_expires_in_days(self) -> int:
        # A script posting only a name gets the default lifetime, as on the API.
        return self.cleaned_data["expires_in_days"] or TOKEN_DEFAULT_DAYS


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(label=_("Yes, delete my account and my personal data for good"))
