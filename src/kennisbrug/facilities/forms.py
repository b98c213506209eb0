"""HTML input validation for facilities, bookings, living labs and pilots (rules live in services)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.forms import ReferenceChoiceField
from kennisbrug.core.models import Country, Province, Sector, Technology
from kennisbrug.core.money import MoneyFormField
from kennisbrug.core.validators import plausible_event_date
from kennisbrug.organisations.models import Organisation

from .constants import MAX_RATE, AccessMode, CustomerClass, FacilityCategory
from .models import Facility, LivingLab, PilotCall

WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
FACILITY_FIELDS = [
    "name",
    "category",
    "description",
    "equipment",
    "sectors",
    "technologies",
    "self_service",
    "operator_assisted",
    "as_a_service",
    "postcode",
    "city",
    "country",
    "website",
    "contact_email",
    "requires_approval",
    "pending_blocks",
    "min_duration_minutes",
    "max_duration_minutes",
    "lead_time_hours",
    "max_advance_days",
    "is_published",
]


def website_field():
    return forms.URLField(label=_("Website"), required=False, max_length=300, assume_scheme="https")


class FacilityForm(forms.ModelForm):
    owner: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        queryset=None, label=_("Owner organisation")
    )
    website = website_field()

    class Meta:
        model = Facility
        fields = FACILITY_FIELDS
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "technologies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = owners
        self.fields["country"].queryset = Country.objects.all()
        instance = kwargs.get("instance")
        hours = {}
        if instance and instance.pk:
            for row in instance.opening_hours.all():
                hours.setdefault(row.weekday, row)
        for day, label in enumerate(WEEKDAYS):
            row = hours.get(day)
            self.fields[f"opens_{day}"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": label},
                required=False,
                initial=row.opens if row else None,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )
            self.fields[f"closes_{day}"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": label},
                required=False,
                initial=row.closes if row else None,
                widget=forms.TimeInput(attrs={"type": "time"}),
                help_text=_("00:00 means midnight at the end of the day."),
            )
        tariffs = (
            {t.customer_class: t for t in instance.tariffs.all()}
            if instance and instance.pk
            else {}
        )
        for cls in CustomerClass:
            tariff = tariffs.get(cls.value)
            for unit, label in (("hourly", _("per hour")), ("daily", _("per day"))):
                self.fields[f"{unit}_{cls.value}"] = MoneyFormField(
                    label=_("%(class)s rate %(unit)s (EUR, excl. VAT)")
                    % {"class": cls.label, "unit": label},
                    required=False,
                    min_value=Decimal("0"),
                    max_value=Decimal(MAX_RATE),
                    initial=getattr(tariff, f"{unit}_rate", None) if tariff else None,
                )

    def _post_clean(self):
        # The service validates the model (postcode → region needs the service).
        pass

    def clean(self):
        data = super().clean()
        for day in range(7):
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if (opens is None) != (closes is None):
                self.add_error(f"closes_{day}", _("Give both an opening and a closing time."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in FACILITY_FIELDS
            if name not in {"sectors", "technologies", "country"}
        }
        fields["country_id"] = data["country"].pk
        hours = [
            (day, data[f"opens_{day}"], data[f"closes_{day}"])
            for day in range(7)
            if data.get(f"opens_{day}") is not None
        ]
        tariffs = []
        for cls in CustomerClass:
            hourly, daily = data.get(f"hourly_{cls.value}"), data.get(f"daily_{cls.value}")
            if hourly is not None or daily is not None:
                tariffs.append(
                    {"customer_class": cls.value, "hourly_rate": hourly, "daily_rate": daily}
                )
        return {
            **fields,
            "sectors": list(data["sectors"]),
            "technologies": list(data["technologies"]),
            "opening_hours": hours,
            "tariffs": tariffs,
        }


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("any")), *FacilityCategory.choices]
    )
    country = ReferenceChoiceField(
        label=_("Country"),
        required=False,
        queryset=Country.objects.filter(is_programme_country=True),
    )
    province = ReferenceChoiceField(
        label=_("Province"), required=False, queryset=Province.objects.all()
    )
    sector = ReferenceChoiceField(label=_("Sector"), required=False, queryset=Sector.objects.all())
    technology = ReferenceChoiceField(
        label=_("Technology"), required=False, queryset=Technology.objects.all()
    )
    access_mode = forms.ChoiceField(
        label=_("Access mode"), required=False, choices=[("", _("any")), *AccessMode.choices]
    )
    available_start = forms.DateTimeField(
        validators=[plausible_event_date],
        label=_("Available from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    available_end = forms.DateTimeField(
        validators=[plausible_event_date],
        label=_("Available until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("available_start"), data.get("available_end")
        if (start is None) != (end is None):
            self.add_error("available_end", _("Give both ends of the period."))
        elif start and end and end <= start:
            self.add_error("available_end", _("The end must be after the start."))
        elif start and end and (end - start).days > 366:
            self.add_error("available_end", _("Choose a period of at most a year."))
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "q": data.get("q"),
            "category": data.get("category"),
            "country": data["country"].pk if data.get("country") else None,
            "province": data["province"].pk if data.get("province") else None,
            "sector": data["sector"].pk if data.get("sector") else None,
            "technology": data["technology"].pk if data.get("technology") else None,
            "access_mode": data.get("access_mode"),
            "available_start": data.get("available_start"),
            "available_end": data.get("available_end"),
        }


class BookingForm(forms.Form):
    organisation: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        queryset=None, label=_("Book for organisation")
    )
    start = forms.DateTimeField(
        validators=[plausible_event_date],
        label=_("Start"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    end = forms.DateTimeField(
        validators=[plausible_event_date],
        label=_("End"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    purpose = forms.CharField(
        label=_("Purpose"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        only = list(organisations[:2])
        if len(only) == 1:
            self.fields["organisation"].initial = only[0].pk
            self.fields["organisation"].empty_label = None


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodForm(forms.Form):
    start = forms.DateField(
        validators=[plausible_event_date],
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        validators=[plausible_event_date],
        label=_("Until (exclusive)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            if data["end"] <= data["start"]:
                self.add_error("end", _("The end must be after the start."))
            elif (data["end"] - data["start"]).days > 3660:
                self.add_error("end", _("Choose a period of at most ten years."))
        return data


class ManagerForm(forms.Form):
    email = forms.EmailField(label=_("Email address of a member of your organisation"))


LAB_FIELDS = [
    "name",
    "theme",
    "description",
    "test_environment",
    "how_to_join",
    "postcode",
    "city",
    "country",
    "other_locations",
    "sectors",
    "technologies",
    "partners",
    "website",
]


class LivingLabForm(forms.ModelForm):
    owner: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        queryset=None, label=_("Coordinating organisation")
    )
    website = website_field()

    class Meta:
        model = LivingLab
        fields = LAB_FIELDS
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "technologies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = owners
        self.fields["country"].queryset = Country.objects.all()
        self.fields["partners"].help_text = _(
            "The organisations you choose are invited; each is listed as a partner once one "
            "of its admins accepts."
        )
        if self.instance.pk and not self.is_bound:
            # Invited organisations stay chosen, so saving the form does not withdraw them.
            from .constants import PartnerInvitationStatus

            self.initial["partners"] = [
                *self.instance.partners.values_list("pk", flat=True),
                *self.instance.invitations.filter(
                    status=PartnerInvitationStatus.PENDING
                ).values_list("organisation_id", flat=True),
            ]

    def _post_clean(self):
        pass

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        simple = {
            n: data[n]
            for n in LAB_FIELDS
            if n not in {"sectors", "technologies", "partners", "country"}
        }
        return {
            **simple,
            "country_id": data["country"].pk,
            "sectors": list(data["sectors"]),
            "technologies": list(data["technologies"]),
            "partners": list(data["partners"]),
        }


class PilotCallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=5000, widget=forms.Textarea)
    opens_on = forms.DateField(
        validators=[plausible_event_date],
        label=_("Opens on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    closes_on = forms.DateField(
        validators=[plausible_event_date],
        label=_("Closes on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class PilotForm(forms.Form):
    organisation: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        queryset=None, label=_("Company")
    )
    call: "forms.ModelChoiceField[PilotCall]" = forms.ModelChoiceField(
        queryset=None, label=_("Call for pilots"), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    goal = forms.CharField(
        label=_("Goal"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    what_is_tested = forms.CharField(
        label=_("What will be tested"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    start_date = forms.DateField(
        validators=[plausible_event_date],
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end_date = forms.DateField(
        validators=[plausible_event_date],
        label=_("End date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, organisations, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["call"].queryset = calls


class PilotResultForm(forms.Form):
    solution_developed = forms.TypedChoiceField(
        label=_("Was a solution developed?"),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label=_("Result"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
