"""HTML input of the innovation pages; rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Sector, Technology
from kennisbrug.organisations.models import Organisation

from .constants import MATCH_KINDS
from .models import InnovationQuestion


class QuestionForm(forms.ModelForm):
    organisation: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    technologies = forms.ModelMultipleChoiceField(
        label=_("Key technologies"),
        queryset=Technology.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = InnovationQuestion
        fields = [
            "organisation",
            "title",
            "description",
            "sectors",
            "technologies",
            "desired_outcome",
            "budget",
            "timeframe",
            "visibility",
        ]
        help_texts = {
            "description": _("Describe your question in Dutch or English."),
            "visibility": _(
                "Public questions can be found by knowledge institutions; otherwise only the "
                "parties you ask for an introduction see it."
            ),
        }
        widgets = {
            "visibility": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "desired_outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if self.instance.pk:
            del self.fields["organisation"]
        elif organisations is not None and organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        return data


class IntroductionRequestForm(forms.Form):
    kind = forms.ChoiceField(choices=MATCH_KINDS, widget=forms.HiddenInput)
    target = forms.CharField(max_length=64, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Short message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say who you are and what you hope to discuss."),
    )


class IntroductionResponseForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
