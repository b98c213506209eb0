"""HTML forms: input shapes only; the rules live in services."""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.money import MoneyFormField
from kennisbrug.core.validators import plausible_event_date
from kennisbrug.organisations.constants import OrganisationType, SizeClass
from kennisbrug.organisations.models import Organisation

from .constants import AidRegime, AttachmentKind, ProviderRule, SchemeType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SchemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=SchemeType.choices)
    description = forms.CharField(
        label=_("Description"), max_length=5000, required=False, widget=forms.Textarea
    )
    total_budget = MoneyFormField(label=_("Total budget (EUR)"))
    opens_on = forms.DateField(validators=[plausible_event_date], label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(
        validators=[plausible_event_date], label=_("Closes on"), widget=DATE
    )
    min_amount = MoneyFormField(label=_("Minimum voucher amount (EUR)"))
    max_amount = MoneyFormField(label=_("Maximum voucher amount (EUR)"))
    aid_intensity = forms.DecimalField(
        label=_("Aid intensity (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Share of the provider's invoice that the voucher pays."),
    )
    intensity_medium = forms.DecimalField(
        label=_("Aid intensity for medium-sized enterprises (%)"),
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty to use the general aid intensity."),
    )
    eligible_size_classes = forms.MultipleChoiceField(
        label=_("Eligible size classes"),
        choices=SizeClass.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    require_programme_area = forms.BooleanField(
        label=_("Applicant must be in the programme area"), required=False, initial=True
    )
    provider_rule = forms.ChoiceField(label=_("Provider rule"), choices=ProviderRule.choices)
    accredited_providers = forms.ModelMultipleChoiceField(
        label=_("Accredited providers"),
        required=False,
        queryset=Organisation.objects.exclude(type=OrganisationType.SME),
        help_text=_("Only for the rule “an accredited provider of this scheme”."),
    )
    requires_partner_sme = forms.BooleanField(
        label=_("Requires an SME partner on the other side of the border"), required=False
    )
    max_vouchers_per_applicant = forms.IntegerField(
        label=_("Maximum vouchers per applicant"), min_value=1, max_value=100, initial=1
    )
    applicant_annual_cap = MoneyFormField(
        label=_("Maximum amount per applicant per calendar year (EUR)"), required=False
    )
    validity_months = forms.IntegerField(
        label=_("Validity after approval (months)"), min_value=1, max_value=120, initial=12
    )
    aid_regime = forms.ChoiceField(label=_("Aid regime"), choices=AidRegime.choices)
    required_attachments = forms.MultipleChoiceField(
        label=_("Required attachments"),
        required=False,
        choices=[c for c in AttachmentKind.choices if c[0] != AttachmentKind.INVOICE],
        widget=forms.CheckboxSelectMultiple,
    )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        medium = data.pop("intensity_medium")
        data["intensity_by_size_class"] = {"medium": medium} if medium is not None else {}
        return data

    @classmethod
    def initial_from(cls, scheme) -> dict:
        initial = {name: getattr(scheme, name) for name in cls.base_fields if hasattr(scheme, name)}
        initial["intensity_medium"] = (scheme.intensity_by_size_class or {}).get("medium")
        initial["accredited_providers"] = list(scheme.accredited_providers.all())
        return initial


class ApplicationForm(forms.Form):
    applicant: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        label=_("Applying organisation"), queryset=None
    )
    title = forms.CharField(label=_("Title of the assignment"), max_length=200)
    assignment_description = forms.CharField(
        label=_("Assignment description"),
        max_length=10000,
        widget=forms.Textarea,
        help_text=_(
            "What do you want to know or have developed? The provider suggestions "
            "are based on this text."
        ),
    )
    provider = forms.ModelChoiceField(
        label=_("Knowledge provider"),
        queryset=Organisation.objects.exclude(type=OrganisationType.SME).select_related("country"),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner SME across the border"),
        required=False,
        queryset=Organisation.objects.filter(type=OrganisationType.SME),
        help_text=_("Only for calls for a cross-border SME duo."),
    )
    quote_amount = MoneyFormField(label=_("Quote amount (EUR, excl. VAT)"))
    requested_amount = MoneyFormField(label=_("Requested voucher amount (EUR)"))
    planned_start = forms.DateField(
        validators=[plausible_event_date], label=_("Planned start"), widget=DATE
    )
    planned_end = forms.DateField(
        validators=[plausible_event_date], label=_("Planned end"), widget=DATE
    )
    de_minimis_declared = forms.BooleanField(
        label=_("I declare all de minimis aid our undertaking received in the last three years"),
        required=False,
    )
    de_minimis_other_aid = MoneyFormField(
        label=_("Other de minimis aid in the last three years (EUR)"),
        initial=0,
        help_text=_("Aid from other sources than vouchers on this platform."),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    provider_q = forms.CharField(
        label=_("Search knowledge providers"),
        max_length=100,
        required=False,
        help_text=_("Part of the name or the city; the list below then shows only those."),
    )

    def __init__(self, *args, applicants=None, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = applicants
        if providers is not None:
            # Only the organisations the call accepts (its provider rule)
            self.fields["provider"].queryset = providers
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", secrets.token_urlsafe(24))
            if applicants is not None and applicants.count() == 1:
                self.initial.setdefault("applicant", applicants.first())

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("applicant")
        data.pop("idempotency_key")
        data.pop("provider_q", None)
        return data


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason or note"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    amount = MoneyFormField(label=_("Amount to pay (EUR)"), required=False)
    invoice_amount = MoneyFormField(label=_("Invoice amount (EUR, excl. VAT)"), required=False)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("PDF file (at most 10 MB)"))
