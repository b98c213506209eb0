"""Input and output shapes of the projects API. Input serializers validate; services decide."""

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kennisbrug.core.models import Country, Nuts3Region, Sector, Technology
from kennisbrug.core.money import MoneySerializerField
from kennisbrug.core.validators import plausible_event_date
from kennisbrug.organisations.constants import OrganisationType
from kennisbrug.organisations.models import Organisation

from ..constants import ChallengeStatus, NetworkKind, PartnerRole, ResponseStatus, Visibility
from ..fitcheck import PartnerSpec
from ..models import Challenge, ChallengeResponse, IdeaPartner, Network, ProjectIdea
from ..services.ideas import partner_budgets_check

MAX_TEXT = 20_000


class FitPartnerInput(serializers.Serializer):
    organisation = serializers.IntegerField(required=False, help_text="Registry organisation id.")
    name = serializers.CharField(required=False, max_length=200, allow_blank=True)
    country = serializers.CharField(required=False, max_length=2, allow_blank=True)
    nuts3 = serializers.CharField(required=False, max_length=5, allow_blank=True)
    type = serializers.ChoiceField(choices=OrganisationType.choices, required=False)
    role = serializers.ChoiceField(
        choices=PartnerRole.choices, required=False, default=PartnerRole.PARTNER
    )
    budget = MoneySerializerField(required=False, allow_null=True, min_value=Decimal("0"))
    erdf = MoneySerializerField(required=False, allow_null=True, min_value=Decimal("0"))

    def validate(self, attrs):
        errors = {}
        org = None
        if attrs.get("organisation") is not None:
            org = (
                Organisation.objects.select_related("nuts3")
                .filter(pk=attrs["organisation"])
                .first()
            )
            if org is None:
                errors["organisation"] = [_("Unknown organisation.")]
        elif not (attrs.get("name") or "").strip():
            errors["name"] = [_("Give the partner's name or a registry organisation id.")]
        if org is None and not errors:
            country = (attrs.get("country") or "").upper()
            if not Country.objects.filter(pk=country).exists():
                errors["country"] = [_("Choose a known country (ISO code such as BE or NL).")]
            nuts3 = (attrs.get("nuts3") or "").upper()
            if nuts3 and not Nuts3Region.objects.filter(pk=nuts3, country_id=country).exists():
                errors["nuts3"] = [_("Choose a NUTS3 region of the partner's country.")]
        budget, erdf = attrs.get("budget"), attrs.get("erdf")
        if erdf is not None and budget is not None and erdf > budget:
            errors["erdf"] = [
                _("The requested ERDF cannot be more than 100 per cent of the partner's budget.")
            ]
        if erdf is not None and budget is None:
            errors["budget"] = [_("Give the budget when you give the ERDF amount.")]
        if errors:
            raise serializers.ValidationError(errors)
        attrs["_org"] = org
        return attrs

    def to_spec(self, attrs) -> PartnerSpec:
        org = attrs["_org"]
        if org is not None:
            return PartnerSpec(
                org.name,
                org.country_id,
                org.nuts3_id or "",
                org.type,
                attrs["role"],
                attrs.get("budget"),
                attrs.get("erdf"),
                org.pk,
            )
        return PartnerSpec(
            attrs["name"].strip(),
            attrs["country"].upper(),
            (attrs.get("nuts3") or "").upper(),
            attrs.get("type", ""),
            attrs["role"],
            attrs.get("budget"),
            attrs.get("erdf"),
        )


class FitCheckInput(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT, allow_blank=True, trim_whitespace=True)
    # many=True hands max_length on to the ListSerializer, which the stubs do not model.
    partners = FitPartnerInput(many=True, required=False, max_length=50)  # type: ignore[call-arg]
    sectors = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=20
    )
    technologies = serializers.ListField(
        child=serializers.CharField(max_length=80), required=False, max_length=20
    )
    total_budget = MoneySerializerField(required=False, allow_null=True, min_value=Decimal("0"))

    def validate_text(self, value):
        if not value.strip() or not any(ch.isalpha() for ch in value):
            raise serializers.ValidationError(
                _("Describe the idea; an empty idea cannot be checked.")
            )
        return value

    def validate_sectors(self, value):
        unknown = set(value) - set(Sector.objects.values_list("code", flat=True))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown sector codes: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
            )
        return value

    def validate_technologies(self, value):
        unknown = set(value) - set(Technology.objects.values_list("code", flat=True))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown technology codes: %(codes)s") % {"codes": ", ".join(sorted(unknown))}
            )
        return value

    def validate(self, attrs):
        try:
            partner_budgets_check(
                budgets=[p.get("budget") for p in attrs.get("partners") or []],
                total=attrs.get("total_budget"),
                field="partners",
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        return attrs

    def partner_specs(self) -> list[PartnerSpec]:
        helper = FitPartnerInput()
        return [helper.to_spec(p) for p in self.validated_data.get("partners") or []]


class RequirementInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["sector", "technology", "text"])
    value = serializers.CharField(max_length=500)


class ConstraintsInput(serializers.Serializer):
    max_size = serializers.IntegerField(min_value=1, max_value=30, default=6)
    min_smes = serializers.IntegerField(min_value=0, max_value=30, default=1)
    min_knowledge = serializers.IntegerField(min_value=0, max_value=30, default=1)
    both_countries = serializers.BooleanField(default=True)
    triple_helix = serializers.BooleanField(default=False)
    preferred_provinces = serializers.ListField(
        child=serializers.CharField(max_length=60), default=list, max_length=20
    )
    programme_area_only = serializers.BooleanField(default=False)
    existing = serializers.ListField(child=serializers.IntegerField(), default=list, max_length=30)
    exclude = serializers.ListField(child=serializers.IntegerField(), default=list, max_length=500)


class ConsortiumInput(serializers.Serializer):
    # many=True hands max_length on to the ListSerializer, which the stubs do not model.
    requirements = RequirementInput(many=True, max_length=12)  # type: ignore[call-arg]
    constraints = ConstraintsInput(required=False)

    def validate_requirements(self, value):
        if not value:
            raise serializers.ValidationError(_("Give at least one required competence."))
        for r in value:
            if r["kind"] == "sector" and not Sector.objects.filter(pk=r["value"]).exists():
                raise serializers.ValidationError(
                    _("Unknown sector code: %(c)s") % {"c": r["value"]}
                )
            if r["kind"] == "technology" and not Technology.objects.filter(pk=r["value"]).exists():
                raise serializers.ValidationError(
                    _("Unknown technology code: %(c)s") % {"c": r["value"]}
                )
            if r["kind"] == "text" and not r["value"].strip():
                raise serializers.ValidationError(_("A competence text cannot be empty."))
        return value

    def validate(self, attrs):
        cons = attrs.get("constraints") or ConstraintsInput().to_internal_value({})
        ids = set(cons["existing"]) | set(cons["exclude"])
        known = set(Organisation.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if ids - known:
            raise serializers.ValidationError(
                {
                    "constraints": [
                        _("Unknown organisations: %(ids)s")
                        % {"ids": ", ".join(str(i) for i in sorted(ids - known))}
                    ]
                }
            )
        attrs["constraints"] = cons
        return attrs


class IdeaInput(serializers.Serializer):
    lead_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    title = serializers.CharField(max_length=200, allow_blank=True)
    summary = serializers.CharField(max_length=2000, allow_blank=True)
    problem = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    activities = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    expected_results = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    sectors = serializers.PrimaryKeyRelatedField(
        queryset=Sector.objects.all(), many=True, required=False, default=list
    )
    technologies = serializers.PrimaryKeyRelatedField(
        queryset=Technology.objects.all(), many=True, required=False, default=list
    )
    total_budget = MoneySerializerField(
        required=False, allow_null=True, default=None, min_value=Decimal("0")
    )
    visibility = serializers.ChoiceField(choices=Visibility.choices, default=Visibility.PRIVATE)


class IdeaUpdateInput(serializers.Serializer):
    title = serializers.CharField(max_length=200, allow_blank=True, required=False)
    summary = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    problem = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    activities = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    expected_results = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    total_budget = MoneySerializerField(required=False, allow_null=True, min_value=Decimal("0"))
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)


class PartnerInput(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    country = serializers.CharField(max_length=2, required=False, allow_blank=True, default="")
    nuts3 = serializers.CharField(max_length=5, required=False, allow_blank=True, default="")
    org_type = serializers.ChoiceField(choices=OrganisationType.choices, required=False, default="")
    role = serializers.ChoiceField(choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    budget = MoneySerializerField(default=Decimal("0"), min_value=Decimal("0"))
    erdf = MoneySerializerField(default=Decimal("0"), min_value=Decimal("0"))


class InvitationInput(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(
        choices=[
            (PartnerRole.PARTNER.value, PartnerRole.PARTNER.label),
            (PartnerRole.ASSOCIATED.value, PartnerRole.ASSOCIATED.label),
        ],
        default=PartnerRole.PARTNER,
    )


class InvitationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    idea = serializers.IntegerField(source="idea_id")
    idea_title = serializers.CharField(source="idea.title")
    lead_organisation = serializers.IntegerField(source="idea.lead_organisation_id")
    organisation = serializers.IntegerField(source="organisation_id")
    role = serializers.CharField()
    introduction = serializers.IntegerField(source="introduction_id", allow_null=True)
    status = serializers.CharField()


class PartnerUpdateInput(serializers.Serializer):
    """Change a partner's amounts or role; fields left out stay as they are."""

    role = serializers.ChoiceField(choices=PartnerRole.choices, required=False)
    budget = MoneySerializerField(required=False, min_value=Decimal("0"))
    erdf = MoneySerializerField(required=False, min_value=Decimal("0"))


class PartnerOutput(serializers.ModelSerializer):
    class Meta:
        model = IdeaPartner
        fields = [
            "id",
            "organisation",
            "name",
            "role",
            "org_type",
            "country",
            "nuts3",
            "budget",
            "erdf",
            "status",
        ]


class IdeaOutput(serializers.ModelSerializer):
    partners = PartnerOutput(many=True, read_only=True)

    class Meta:
        model = ProjectIdea
        fields = [
            "id",
            "lead_organisation",
            "title",
            "summary",
            "problem",
            "activities",
            "expected_results",
            "sectors",
            "technologies",
            "total_budget",
            "visibility",
            "status",
            "partners",
            "fit_check",
            "fit_checked_at",
            "created_at",
            "updated_at",
        ]


class NetworkInput(serializers.Serializer):
    owner_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    kind = serializers.ChoiceField(choices=NetworkKind.choices)
    name = serializers.CharField(max_length=200, allow_blank=True)
    description = serializers.CharField(max_length=5000, allow_blank=True)
    theme = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    technology = serializers.PrimaryKeyRelatedField(
        queryset=Technology.objects.all(), required=False, allow_null=True, default=None
    )
    sectors = serializers.PrimaryKeyRelatedField(
        queryset=Sector.objects.all(), many=True, required=False, default=list
    )


class NetworkOutput(serializers.ModelSerializer):
    class Meta:
        model = Network
        fields = [
            "id",
            "kind",
            "name",
            "description",
            "theme",
            "technology",
            "sectors",
            "owner_organisation",
        ]


class JoinInput(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class DecisionInput(serializers.Serializer):
    accept = serializers.BooleanField()


class ChallengeInput(serializers.Serializer):
    owner_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    title = serializers.CharField(max_length=200, allow_blank=True)
    problem = serializers.CharField(max_length=5000, allow_blank=True)
    requirements = serializers.CharField(max_length=5000, allow_blank=True)
    reward = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    ip_terms = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    deadline = serializers.DateTimeField(validators=[plausible_event_date])
    sectors = serializers.PrimaryKeyRelatedField(
        queryset=Sector.objects.all(), many=True, required=False, default=list
    )
    technologies = serializers.PrimaryKeyRelatedField(
        queryset=Technology.objects.all(), many=True, required=False, default=list
    )


class ChallengeOutput(serializers.ModelSerializer):
    class Meta:
        model = Challenge
        fields = [
            "id",
            "owner_organisation",
            "title",
            "problem",
            "requirements",
            "reward",
            "ip_terms",
            "deadline",
            "status",
            "sectors",
            "technologies",
        ]


class ChallengeTransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(choices=ChallengeStatus.choices)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ResponseInput(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    proposal = serializers.CharField(max_length=5000, allow_blank=True)


class ResponseTransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(choices=ResponseStatus.choices)


class ResponseOutput(serializers.ModelSerializer):
    class Meta:
        model = ChallengeResponse
        fields = ["id", "challenge", "organisation", "proposal", "status", "created_at"]
