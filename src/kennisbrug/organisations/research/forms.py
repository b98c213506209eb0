"""HTML forms for research groups and experts: input validation only; the model and the
services hold the rules (their errors land on the form through add_service_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Expert, ResearchGroup

GROUP_FORM_FIELDS = [
    "name",
    "description",
    "expertise",
    "sectors",
    "technologies",
    "website",
    "contact_email",
]
EXPERT_FORM_FIELDS = ["name", "role", "research_group", "expertise", "email", "listed"]


class ResearchGroupForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"), required=False, max_length=300, assume_scheme="https"
    )

    class Meta:
        model = ResearchGroup
        fields = GROUP_FORM_FIELDS
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "technologies": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "expertise": _("Keywords and topics SMEs would search for, in Dutch or English."),
            "contact_email": _("Shown only to signed-in users."),
        }

    def _post_clean(self):
        """The service validates the instance (with its organisation) and reports back."""

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        simple = {n: data[n] for n in GROUP_FORM_FIELDS if n not in {"sectors", "technologies"}}
        return {
            **simple,
            "sectors": list(data["sectors"]),
            "technologies": list(data["technologies"]),
        }


class ExpertForm(forms.ModelForm):
    class Meta:
        model = Expert
        fields = EXPERT_FORM_FIELDS
        help_texts = {
            "email": _("A work address; shown only to signed-in users."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["research_group"]
        assert isinstance(field, forms.ModelChoiceField)
        # Only the organisation's own groups can be chosen.
        field.queryset = ResearchGroup.objects.filter(organisation=organisation).order_by("name")

    def _post_clean(self):
        """The service validates the instance (with its organisation) and reports back."""

    def service_arguments(self) -> dict:
        return {n: self.cleaned_data[n] for n in EXPERT_FORM_FIELDS}


class ResearchSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=[("", _("any")), ("BE", _("Belgium")), ("NL", _("Netherlands"))],
    )
