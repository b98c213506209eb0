"""HTML forms of the registry: input validation only; rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.forms import ReferenceChoiceField
from kennisbrug.core.models import Country, Province, Sector, Technology

from .constants import MembershipRole, OrganisationType, SizeClass
from .models import Membership, Organisation

ORGANISATION_FIELDS = [
    "name",
    "type",
    "kbo_number",
    "kvk_number",
    "vat_number",
    "street",
    "postcode",
    "city",
    "country",
    "website",
    "email",
    "phone",
    "description",
    "expertise",
    "offers",
    "needs",
    "sectors",
    "technologies",
    "staff_headcount",
    "annual_turnover",
    "balance_sheet_total",
]
HELP = {
    "kbo_number": _("Belgian organisations: the enterprise number, e.g. 0403.170.701."),
    "kvk_number": _("Dutch organisations: the 8-digit Chamber of Commerce number."),
    "vat_number": _("With or without country prefix, e.g. BE0403170701."),
    "postcode": _("Places the organisation in its region and the programme area."),
    "staff_headcount": _(
        "Enterprises: staff, turnover and balance sheet total determine the SME size class "
        "(EU Recommendation 2003/361/EC)."
    ),
}


class OrganisationForm(forms.ModelForm):
    """The registry profile. Saving happens in organisation_create/update, not here."""

    # Identifiers may be typed with separators (0403.170.701); the service compacts them.
    kbo_number = forms.CharField(
        label=_("KBO/BCE enterprise number"), max_length=20, required=False
    )
    kvk_number = forms.CharField(label=_("KvK number"), max_length=20, required=False)
    vat_number = forms.CharField(label=_("VAT number"), max_length=24, required=False)
    website = forms.URLField(
        label=_("website"), max_length=300, required=False, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "expertise": forms.Textarea(attrs={"rows": 4}),
            "offers": forms.Textarea(attrs={"rows": 4}),
            "needs": forms.Textarea(attrs={"rows": 4}),
            "sectors": forms.CheckboxSelectMultiple,
            "technologies": forms.CheckboxSelectMultiple,
        }
        help_texts = HELP

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].empty_label = None
        self.fields["country"].initial = "BE"
        self.fields["staff_headcount"].min_value = 0

    def _post_clean(self):
        # Model validation, identifiers and uniqueness are the service's job (one
        # flow for pages and API); the form only checks the shape of the input.
        pass


def organisation_data(form: forms.BaseForm) -> dict:
    return {name: form.cleaned_data.get(name) for name in ORGANISATION_FIELDS}


class RegisterLookupForm(forms.Form):
    """The registration's first, optional step: fill the form in from the KBO/BCE register."""

    kbo = forms.CharField(
        label=_("KBO/BCE enterprise number"),
        max_length=20,
        help_text=_(
            "Belgian organisations: we fill in name, address and sectors from the register."
        ),
    )


YES_NO_ANY = [("", _("any")), ("true", _("yes")), ("false", _("no"))]


def _bool(value: str):
    return {"true": True, "false": False}.get(value)


class OrganisationFilterForm(forms.Form):
    """Registry filters, shared by the page (GET form) and the API (query params)."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("any")), *OrganisationType.choices]
    )
    country = ReferenceChoiceField(
        label=_("Country"), required=False, queryset=Country.objects.all(), empty_label=_("any")
    )
    province = ReferenceChoiceField(
        label=_("Province"),
        required=False,
        queryset=Province.objects.order_by("country_id", "name_nl"),
        empty_label=_("any"),
    )
    in_programme_area = forms.TypedChoiceField(
        label=_("In the programme area"),
        required=False,
        choices=YES_NO_ANY,
        coerce=_bool,
        empty_value=None,
    )
    sector = ReferenceChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.all(), empty_label=_("any")
    )
    technology = ReferenceChoiceField(
        label=_("Key technology"),
        required=False,
        queryset=Technology.objects.all(),
        empty_label=_("any"),
    )
    size_class = forms.ChoiceField(
        label=_("Size class"), required=False, choices=[("", _("any")), *SizeClass.choices]
    )


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the organisation's admins"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and why you want to join."),
    )


class MemberActionForm(forms.Form):
    ACTIONS = [
        ("approve", _("approve")),
        ("reject", _("reject")),
        ("role", _("change role")),
        ("remove", _("remove")),
    ]
    membership = forms.ModelChoiceField(queryset=Membership.objects.none())
    action = forms.ChoiceField(choices=ACTIONS)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        membership = self.fields["membership"]
        assert isinstance(membership, forms.ModelChoiceField)
        membership.queryset = Membership.objects.filter(organisation=organisation)
