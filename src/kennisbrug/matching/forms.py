"""The platform-wide search form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .engine.documents import MAX_QUERY_CHARS
from .filters import MatchFilterForm


class SearchForm(MatchFilterForm):
    q = forms.CharField(
        label=_("Search"),
        max_length=MAX_QUERY_CHARS,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    field_order = ["q"]

    def clean_q(self):
        q = self.cleaned_data["q"]
        if not any(ch.isalnum() for ch in q):
            raise forms.ValidationError(_("Type a few words to search for."))
        if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in q):
            raise forms.ValidationError(_("The search text contains control characters."))
        return q

    def filters(self) -> dict:
        filters = super().filters()
        filters.pop("q", None)
        return filters
