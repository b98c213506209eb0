"""HTML forms: input shape only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Country, Nuts3Region, Sector, Technology
from kennisbrug.core.money import MoneyFormField
from kennisbrug.core.validators import plausible_event_date
from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.organisations.models import Organisation

from .constants import NetworkKind, PartnerRole, Visibility


class FitCheckForm(forms.Form):
    text = forms.CharField(
        label=_("Describe your project idea"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Dutch or English: problem, activities, expected results, partners on both sides."
        ),
    )


class IdeaForm(forms.Form):
    lead_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("lead organisation")
    )
    title = forms.CharField(label=_("title"), max_length=200)
    summary = forms.CharField(
        label=_("summary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    problem = forms.CharField(
        label=_("problem"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    activities = forms.CharField(
        label=_("activities"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    expected_results = forms.CharField(
        label=_("expected results"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(),
        required=False,
        label=_("sectors"),
        widget=forms.CheckboxSelectMultiple,
    )
    technologies = forms.ModelMultipleChoiceField(
        queryset=Technology.objects.all(), required=False, label=_("key technologies")
    )
    total_budget = MoneyFormField(
        label=_("total eligible costs (EUR)"), required=False, min_value=0
    )
    visibility = forms.ChoiceField(
        label=_("visibility"), choices=Visibility.choices, initial=Visibility.PRIVATE
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["lead_organisation"].queryset = organisations


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label=_("organisation from the registry"),
        help_text=_(
            "It is invited and counts as a partner once one of its admins accepts "
            "(only admins of the lead organisation can invite)."
        ),
    )
    name = forms.CharField(
        label=_("or the name of an outside organisation"), max_length=200, required=False
    )
    country = forms.ModelChoiceField(
        queryset=Country.objects.all(), required=False, label=_("country")
    )
    nuts3 = forms.ModelChoiceField(
        queryset=Nuts3Region.objects.all(), required=False, label=_("NUTS3 region")
    )
    org_type = forms.ChoiceField(
        choices=[("", "---"), *OrganisationType.choices], required=False, label=_("type")
    )
    role = forms.ChoiceField(
        choices=[c for c in PartnerRole.choices if c[0] != PartnerRole.LEAD], label=_("role")
    )
    budget = MoneyFormField(label=_("planned budget (EUR)"), initial=0, min_value=0)
    erdf = MoneyFormField(label=_("requested ERDF (EUR)"), initial=0, min_value=0)

    def __init__(self, *args, invite_refusal: str | None = None, **kwargs):
        """Without the right to invite, the registry field is left out (the page says why)."""
        super().__init__(*args, **kwargs)
        if invite_refusal:
            del self.fields["organisation"]


class PartnerAmountsForm(forms.Form):
    budget = MoneyFormField(label=_("planned budget (EUR)"), min_value=0)
    erdf = MoneyFormField(label=_("requested ERDF (EUR)"), min_value=0)


class ConsortiumForm(forms.Form):
    needs = forms.CharField(
        label=_("other competences you need (one per line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    max_size = forms.IntegerField(
        label=_("maximum number of partners"), min_value=1, max_value=30, initial=6
    )
    min_smes = forms.IntegerField(
        label=_("at least this many SMEs"), min_value=0, max_value=30, initial=1
    )
    min_knowledge = forms.IntegerField(
        label=_("at least this many knowledge institutions"), min_value=0, max_value=30, initial=1
    )
    triple_helix = forms.BooleanField(
        label=_("triple helix (business, knowledge, government)"), required=False
    )
    preferred_provinces = forms.CharField(
        label=_("preferred provinces (comma separated)"), required=False, max_length=500
    )


class NetworkForm(forms.Form):
    owner_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("coordinator")
    )
    kind = forms.ChoiceField(choices=NetworkKind.choices, label=_("kind"))
    name = forms.CharField(label=_("name"), max_length=200)
    description = forms.CharField(
        label=_("description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    theme = forms.CharField(label=_("theme"), max_length=200, required=False)
    technology = forms.ModelChoiceField(
        queryset=Technology.objects.all(), required=False, label=_("key technology")
    )
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(),
        required=False,
        label=_("sectors"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["owner_organisation"].queryset = organisations


class JoinForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("organisation")
    )
    message = forms.CharField(
        label=_("message"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class ChallengeForm(forms.Form):
    owner_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("posted by")
    )
    title = forms.CharField(label=_("title"), max_length=200)
    problem = forms.CharField(
        label=_("problem"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    requirements = forms.CharField(
        label=_("what a solution must do"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reward = forms.CharField(label=_("reward or follow-up"), max_length=2000, required=False)
    ip_terms = forms.CharField(
        label=_("intellectual property terms"), max_length=2000, required=False
    )
    deadline = forms.DateTimeField(
        validators=[plausible_event_date],
        label=_("deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["owner_organisation"].queryset = organisations


class ResponseForm(JoinForm):
    proposal = forms.CharField(
        label=_("your proposal"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    # None drops the inherited field (Django's declared-field rule); the stubs do not model it.
    message = None  # type: ignore[assignment]
