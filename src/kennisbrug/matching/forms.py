"""The search form and the filters shared by every results page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Country, Sector
from kennisbrug.core.validators import multi_line_text
from kennisbrug.organisations.constants import OrganisationType

from .engine.documents import MAX_QUERY_CHARS
from .services import KIND_LABELS


class MatchFilterForm(forms.Form):
    """Filters of a results list; field names are the service's filter names."""

    kind = forms.MultipleChoiceField(
        label=_("Kind"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )
    country = forms.ChoiceField(label=_("Country"), required=False, choices=())
    cross_border = forms.BooleanField(label=_("Cross-border only"), required=False)
    programme_area = forms.BooleanField(label=_("Programme area only"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=())
    organisation_type = forms.ChoiceField(
        label=_("Organisation type"),
        required=False,
        choices=[("", _("any type")), *OrganisationType.choices],
    )

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = kinds or list(KIND_LABELS)
        self.fields["kind"].choices = [(k, KIND_LABELS[k]) for k in kinds]
        self.fields["country"].choices = [("", _("any country"))] + [
            (c.code, c.name) for c in Country.objects.all()
        ]
        self.fields["sector"].choices = [("", _("any sector"))] + [
            (s.code, s.name) for s in Sector.objects.all()
        ]

    def filters(self) -> dict:
        """The cleaned filters, without empty ones, for `matching.services.match`."""
        data = self.cleaned_data
        return {name: value for name, value in data.items() if value not in ("", None, [], False)}


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
