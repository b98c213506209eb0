from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .services import TOKEN_NAME_MAX_LENGTH, clean_token_name


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        help_text=_("So you can recognise it later, for example “reporting script”."),
        max_length=TOKEN_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_name(self) -> str:
        try:
            return clean_token_name(self.cleaned_data["name"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["name"]) from exc


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(label=_("Yes, delete my account and my personal data for good"))
