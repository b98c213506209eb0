"""HTML forms of the skills pages (input validation only; the services enforce the rules)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.models import Nuts3Region, Sector
from kennisbrug.core.money import MoneyFormField
from kennisbrug.core.validators import multi_line_text, single_line_text

from .constants import (
    MAX_TRAVEL_KM,
    Language,
    PathObjective,
    PersonContext,
    TrainingAudience,
    TrainingMode,
    VacancyStatus,
)
from .models import Occupation, QualificationLevel, Skill
from .models.market import MAX_COST


def level_choices():
    return [("", _("— not given —"))] + [
        (lv.key, str(lv)) for lv in QualificationLevel.objects.all()
    ]


def region_choices():
    regions = Nuts3Region.objects.filter(country_id__in=["BE", "NL"]).order_by(
        "country_id", "name_nl"
    )
    # str() is the region in the reader's language with its country, "Limburg (BE)".
    return [("", "—")] + [(r.code, str(r)) for r in regions]


class ProfileStartForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I agree that Kennisbrug keeps my skills profile for me."),
        help_text=_(
            "Only you see your profile. Employers see it without your name only if you say so, "
            "and learn who you are only when you accept their request. You can download or delete "
            "everything at any time."
        ),
    )
    experience_text = forms.CharField(
        label=_("Describe your work experience (Dutch or English)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
        validators=[multi_line_text],
    )


class ExperienceForm(forms.Form):
    experience_text = forms.CharField(
        label=_("Describe your work experience (Dutch or English)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        validators=[multi_line_text],
        help_text=_("For example: “Ik las al tien jaar MIG en TIG en lees technische tekeningen.”"),
    )


class ConfirmSkillsForm(forms.Form):
    skills = forms.MultipleChoiceField(
        label=_("Skills we recognised — tick the ones that are right"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, proposals=(), evidence=None, **kwargs):
        """``evidence``: skill id -> the phrase of the person's text it was recognised in."""
        from .recognition import PRETICK_SCORE

        super().__init__(*args, **kwargs)
        evidence = evidence or {}
        self.fields["skills"].choices = [
            (str(ps.skill_id), _label_with_evidence(ps.skill.label, evidence.get(ps.skill_id)))
            for ps in proposals
        ]
        # only confident proposals are ticked in advance; the person decides on the rest
        self.initial.setdefault(
            "skills", [str(ps.skill_id) for ps in proposals if ps.score >= PRETICK_SCORE]
        )


def _label_with_evidence(label: str, phrase: str | None) -> str:
    if not phrase:
        return label
    return _("%(skill)s — from “%(phrase)s”") % {"skill": label, "phrase": phrase}


def _concept_lookup(model, value: str):
    """A skill/occupation from a URI or an exact English or Dutch label (type-ahead value)."""
    value = (value or "").strip()[:300]
    if not value:
        return None
    qs = model.objects.all()
    if model is Skill:
        qs = qs.exclude(skill_type="group")
    found = qs.filter(uri=value).first()
    if found is None:
        found = (
            qs.filter(Q(label_en__iexact=value) | Q(label_nl__iexact=value)).order_by("id").first()
        )
    return found


class AddSkillForm(forms.Form):
    skill = forms.CharField(label=_("Add a skill"), max_length=300, validators=[single_line_text])

    def clean_skill(self):
        skill = _concept_lookup(Skill, self.cleaned_data["skill"])
        if skill is None:
            raise forms.ValidationError(_("Choose a skill from the list of suggestions."))
        return skill


class AddOccupationForm(forms.Form):
    occupation = forms.CharField(
        label=_("Add an occupation you had"), max_length=300, validators=[single_line_text]
    )

    def clean_occupation(self):
        occupation = _concept_lookup(Occupation, self.cleaned_data["occupation"])
        if occupation is None:
            raise forms.ValidationError(_("Choose an occupation from the list of suggestions."))
        return occupation


class ProfileDetailsForm(forms.Form):
    qualification_level = forms.ChoiceField(label=_("Highest qualification level"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages I work in"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    postcode = forms.CharField(
        label=_("Home postcode"),
        max_length=10,
        required=False,
        help_text=_("Four digits, Belgian or Dutch, e.g. 9000 or 5611."),
        validators=[single_line_text],
    )
    country = forms.ChoiceField(
        label=_("Country of the postcode"),
        choices=[
            ("", _("— find out from the postcode —")),
            ("BE", _("Belgium")),
            ("NL", _("Netherlands")),
        ],
        required=False,
    )
    max_travel_km = forms.IntegerField(
        label=_("How far I will travel (km)"), min_value=0, max_value=MAX_TRAVEL_KM
    )
    cross_border = forms.BooleanField(
        label=_("I will work or train across the border"), required=False
    )
    context = forms.ChoiceField(
        label=_("My situation (optional, only used to tailor advice)"),
        choices=PersonContext.choices,
        required=False,
    )
    open_to_employers = forms.BooleanField(
        label=_("Employers may see my profile without my name"),
        required=False,
        help_text=_("They only learn who you are when you accept their request."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualification_level"].choices = level_choices()

    def clean_qualification_level(self):
        return self.cleaned_data["qualification_level"] or None


class PathForm(forms.Form):
    optimise = forms.ChoiceField(
        label=_("Choose the path with"),
        choices=[
            (PathObjective.COST, _("the lowest cost")),
            (PathObjective.DURATION, _("the shortest duration")),
        ],
        widget=forms.RadioSelect,
        initial=PathObjective.COST,
    )


class TrainingFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    audience = forms.ChoiceField(
        label=_("Target group"), choices=[("", _("all")), *TrainingAudience.choices], required=False
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("all")), *Language.choices], required=False
    )
    mode = forms.ChoiceField(
        label=_("Mode"), choices=[("", _("all")), *TrainingMode.choices], required=False
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", _("both")), ("BE", _("Belgium")), ("NL", _("Netherlands"))],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("all"))] + [
            (s.code, s.name) for s in Sector.objects.all()
        ]


class TrainingForm(forms.Form):
    provider = forms.ChoiceField(label=_("Provider"))
    title = forms.CharField(label=_("Title"), max_length=200, validators=[single_line_text])
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        validators=[multi_line_text],
    )
    skills = forms.CharField(
        label=_("Skills taught"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One skill per line: an ESCO URI or the exact English or Dutch label."),
        max_length=20000,
    )
    level = forms.ChoiceField(label=_("Qualification level (EQF · NLQF · VKS)"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    mode = forms.ChoiceField(label=_("Mode"), choices=TrainingMode.choices)
    nuts3 = forms.ChoiceField(label=_("Location"), required=False)
    cost = MoneyFormField(label=_("Cost (EUR)"), min_value=Decimal("0"), max_value=MAX_COST)
    duration_hours = forms.IntegerField(label=_("Duration (hours)"), min_value=1, max_value=5000)
    start_dates = forms.CharField(
        label=_("Start dates"),
        required=False,
        max_length=500,
        help_text=_("Dates as YYYY-MM-DD, separated by commas."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TrainingAudience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), widget=forms.CheckboxSelectMultiple, required=False
    )
    is_published = forms.BooleanField(label=_("Published"), required=False, initial=True)

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [(str(o.pk), o.name) for o in providers]
        self.fields["level"].choices = level_choices()
        self.fields["nuts3"].choices = region_choices()
        self.fields["sectors"].choices = [(s.code, s.name) for s in Sector.objects.all()]

    def clean_skills(self):
        lines = [line.strip() for line in self.cleaned_data["skills"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Name at least one skill the training teaches."))
        if len(lines) > 50:
            raise forms.ValidationError(_("At most %(n)d skills.") % {"n": 50})
        uris = []
        for line in lines:
            skill = _concept_lookup(Skill, line)
            if skill is None:
                raise forms.ValidationError(_("Unknown skill: %(uris)s") % {"uris": line[:100]})
            uris.append(skill.uri)
        return uris

    def clean_start_dates(self):
        raw = self.cleaned_data["start_dates"]
        return [part.strip() for part in raw.split(",") if part.strip()]


class VacancyForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Employer"))
    title = forms.CharField(label=_("Title"), max_length=200, validators=[single_line_text])
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        validators=[multi_line_text],
    )
    occupation = forms.CharField(
        label=_("Occupation"),
        max_length=300,
        help_text=_("Start typing and pick an occupation from the suggestions."),
    )
    nuts3 = forms.ChoiceField(label=_("Place of work"))
    level = forms.ChoiceField(label=_("Qualification asked (EQF · NLQF · VKS)"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=VacancyStatus.choices)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(str(o.pk), o.name) for o in organisations]
        self.fields["level"].choices = level_choices()
        self.fields["nuts3"].choices = region_choices()

    def clean_occupation(self):
        occupation = _concept_lookup(Occupation, self.cleaned_data["occupation"])
        if occupation is None:
            raise forms.ValidationError(_("Choose an occupation from the list of suggestions."))
        return occupation


class ContactRequestForm(forms.Form):
    profile = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message to the person"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        validators=[multi_line_text],
    )


class DeleteProfileForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my skills profile and everything in it for good")
    )
