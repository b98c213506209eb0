"""GET filter forms of the indicator pages (and the API, which reuses them)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Country, Nuts3Region, Province, Sector
from kennisbrug.core.validators import plausible_event_date

from .constants import Objective
from .evidence import Filters
from .registry import all_indicators

MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


class IndicatorFilterForm(forms.Form):
    date_from = forms.DateField(
        validators=[plausible_event_date],
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        validators=[plausible_event_date],
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.filter(is_programme_country=True),
        to_field_name="code",
        required=False,
        empty_label=_("Both countries"),
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.filter(country__is_programme_country=True).order_by(
            "country_id", "name_nl"
        ),
        to_field_name="code",
        required=False,
        empty_label=_("All provinces"),
    )
    nuts3 = forms.ModelChoiceField(
        label=_("NUTS3 region"),
        queryset=Nuts3Region.objects.filter(in_programme_area=True).order_by("code"),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All sectors"),
    )
    objective = forms.ChoiceField(
        label=_("Specific objective"),
        choices=[("", _("Both objectives")), *Objective.choices],
        required=False,
    )

    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            value = data.get(name)
            if value and not (MIN_DATE <= value <= MAX_DATE):
                self.add_error(name, _("Give a date between 2000 and 2100."))
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period cannot be before its start."))
        return data

    def filters(self) -> Filters:
        """The validated filters; call only when the form is valid (or unbound)."""
        if not self.is_bound:
            return Filters()
        data = self.cleaned_data
        return Filters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            country=data["country"].code if data.get("country") else "",
            province=data["province"].code if data.get("province") else "",
            nuts3=data["nuts3"].code if data.get("nuts3") else "",
            sector=data["sector"].code if data.get("sector") else "",
            objective=data.get("objective") or "",
        )


class ChartChoiceForm(forms.Form):
    """Which indicator the charts and the map show."""

    show = forms.ChoiceField(label=_("Charts and map show"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = [
            (i.code, f"{i.code} — {i.name}") for i in all_indicators() if i.unit != "person"
        ]

    def code(self) -> str:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("show"):
            return self.cleaned_data["show"]
        return "RCO01"


FILTER_FIELDS = ("date_from", "date_to", "country", "province", "nuts3", "sector", "objective")


def parse_filters(params) -> tuple[IndicatorFilterForm, Filters | None]:
    """Bind the filter form to the query parameters; Filters is None when they are invalid."""
    data = {k: params.get(k) for k in FILTER_FIELDS if params.get(k) not in (None, "")}
    form = IndicatorFilterForm(data or None)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, form.filters()
