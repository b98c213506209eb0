"""The platform-wide search form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.validators import multi_line_text

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
        multi_line_text(q)
        return q

    def filters(self) -> dict:
        filters = super().filters()
        filters.pop("q", None)
        return filters
