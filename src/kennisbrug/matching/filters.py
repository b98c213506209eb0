"""The filters of every list of match results: a public form other apps show too.

Field names are the filter names of `services.match`; the kinds and organisation
types offered are those registered in `registry`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Country, Sector

from . import registry
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
    organisation_type = forms.ChoiceField(label=_("Organisation type"), required=False, choices=())

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = kinds or list(KIND_LABELS)
        self.fields["kind"].choices = [(k, KIND_LABELS[k]) for k in kinds]
        self.fields["country"].choices = [("", _("any country"))] + [
            (c.code, c.name) for c in Country.objects.all()
        ]
        self.fields["organisation_type"].choices = [
            ("", _("any type")),
            *registry.choices_of("organisation_type"),
        ]
        self.fields["sector"].choices = [("", _("any sector"))] + [
            (s.code, s.name) for s in Sector.objects.all()
        ]

    def filters(self) -> dict:
        """The cleaned filters, without empty ones, for `matching.services.match`."""
        data = self.cleaned_data
        return {name: value for name, value in data.items() if value not in ("", None, [], False)}
