"""API shapes: Input serializers parse, Output serializers present. No logic here."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kennisbrug.core.money import MoneySerializerField
from kennisbrug.core.validators import plausible_event_date
from kennisbrug.organisations.constants import OrganisationType, SizeClass
from kennisbrug.organisations.models import Organisation

from ..constants import (
    AidRegime,
    ApplicationStatus,
    AttachmentKind,
    LedgerKind,
    ProviderRule,
    SchemeType,
)
from ..eligibility import render_reason
from ..models import Application, Attachment, LedgerEntry, Scheme
from ..workflow import ACTIONS


class OrganisationRefSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")

    class Meta:
        model = Organisation
        fields = ["id", "name", "type", "country", "size_class"]


class SchemeInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    type = serializers.ChoiceField(choices=SchemeType.choices)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    total_budget = MoneySerializerField()
    opens_on = serializers.DateField(validators=[plausible_event_date])
    closes_on = serializers.DateField(validators=[plausible_event_date])
    min_amount = MoneySerializerField()
    max_amount = MoneySerializerField()
    aid_intensity = serializers.DecimalField(max_digits=5, decimal_places=2)
    intensity_by_size_class = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=2), required=False
    )
    eligible_size_classes = serializers.ListField(
        child=serializers.ChoiceField(choices=SizeClass.choices), max_length=4
    )
    require_programme_area = serializers.BooleanField(required=False, default=True)
    provider_rule = serializers.ChoiceField(choices=ProviderRule.choices)
    accredited_providers = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Organisation.objects.exclude(type=OrganisationType.SME),
    )
    requires_partner_sme = serializers.BooleanField(required=False, default=False)
    max_vouchers_per_applicant = serializers.IntegerField(min_value=1, max_value=100)
    applicant_annual_cap = MoneySerializerField(required=False, allow_null=True)
    validity_months = serializers.IntegerField(min_value=1, max_value=120)
    aid_regime = serializers.ChoiceField(choices=AidRegime.choices)
    required_attachments = serializers.ListField(
        child=serializers.ChoiceField(choices=AttachmentKind.choices),
        required=False,
        max_length=4,
    )


class SchemeOutputSerializer(serializers.ModelSerializer):
    accredited_providers: "serializers.PrimaryKeyRelatedField[Organisation]" = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    eligible_size_classes = serializers.ListField(child=serializers.CharField())
    required_attachments = serializers.ListField(child=serializers.CharField())
    intensity_by_size_class = serializers.DictField(child=serializers.CharField())

    class Meta:
        model = Scheme
        fields = [
            "id",
            "name",
            "type",
            "description",
            "total_budget",
            "opens_on",
            "closes_on",
            "min_amount",
            "max_amount",
            "aid_intensity",
            "intensity_by_size_class",
            "eligible_size_classes",
            "require_programme_area",
            "provider_rule",
            "accredited_providers",
            "requires_partner_sme",
            "max_vouchers_per_applicant",
            "applicant_annual_cap",
            "validity_months",
            "aid_regime",
            "required_attachments",
        ]


class LedgerEntrySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=LedgerKind.choices)

    class Meta:
        model = LedgerEntry
        fields = ["id", "kind", "amount", "application", "created_at", "note"]


class LedgerOutputSerializer(serializers.Serializer):
    budget = MoneySerializerField()
    committed = MoneySerializerField()
    disbursed = MoneySerializerField()
    released = MoneySerializerField()
    committed_gross = MoneySerializerField()
    available = MoneySerializerField()
    entries = LedgerEntrySerializer(many=True)


class ApplicationInputSerializer(serializers.Serializer):
    scheme = serializers.PrimaryKeyRelatedField(queryset=Scheme.objects.all())
    applicant = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    provider = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=200)
    assignment_description = serializers.CharField(max_length=10000)
    quote_amount = MoneySerializerField()
    requested_amount = MoneySerializerField()
    planned_start = serializers.DateField(validators=[plausible_event_date])
    planned_end = serializers.DateField(validators=[plausible_event_date])
    de_minimis_declared = serializers.BooleanField(required=False, default=False)
    de_minimis_other_aid = MoneySerializerField(required=False, default="0.00")


class ApplicationUpdateSerializer(serializers.Serializer):
    provider = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False
    )
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=200, required=False)
    assignment_description = serializers.CharField(max_length=10000, required=False)
    quote_amount = MoneySerializerField(required=False)
    requested_amount = MoneySerializerField(required=False)
    planned_start = serializers.DateField(validators=[plausible_event_date], required=False)
    planned_end = serializers.DateField(validators=[plausible_event_date], required=False)
    de_minimis_declared = serializers.BooleanField(required=False)
    de_minimis_other_aid = MoneySerializerField(required=False)


class EligibilityPartSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Which reason (a key of vouchers.eligibility.MESSAGES).")
    params = serializers.DictField(
        help_text="The reason's parameters; a value that needs words is a [kind, value] pair "
        "(date, money, percent, size_class, organisation_type, country, region, ...)."
    )


class EligibilityResultSerializer(serializers.Serializer):
    """One rule: its code, whether it passed, the reason as keys with parameters and as
    text in the request's language (`message`)."""

    code = serializers.CharField()
    passed = serializers.BooleanField()
    parts = EligibilityPartSerializer(many=True, required=False)
    message = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_message(self, result) -> str:
        return render_reason(result)


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "kind", "original_name", "size", "uploaded_at"]


class ApplicationOutputSerializer(serializers.ModelSerializer):
    reference = serializers.CharField()
    applicant = OrganisationRefSerializer()
    provider = OrganisationRefSerializer()
    partner = OrganisationRefSerializer(allow_null=True)
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    eligibility = EligibilityResultSerializer(many=True)
    attachments = AttachmentSerializer(many=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "scheme",
            "applicant",
            "provider",
            "partner",
            "title",
            "assignment_description",
            "quote_amount",
            "requested_amount",
            "planned_start",
            "planned_end",
            "de_minimis_declared",
            "de_minimis_other_aid",
            "status",
            "eligibility",
            "submitted_at",
            "reviewed_at",
            "approved_at",
            "approved_amount",
            "valid_until",
            "decision_reason",
            "invoice_amount",
            "delivered_at",
            "paid_amount",
            "paid_at",
            "attachments",
            "created_at",
            "updated_at",
        ]


class ApplicationTransitionInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=ACTIONS)
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    amount = MoneySerializerField(required=False, allow_null=True)
    invoice_amount = MoneySerializerField(required=False, allow_null=True)


class AttachmentInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)
    file = serializers.FileField()


class HistoryItemSerializer(serializers.Serializer):
    created_at = serializers.DateTimeField(validators=[plausible_event_date])
    actor = serializers.CharField(allow_null=True)
    action = serializers.CharField(help_text="Event code, stable for machines.")
    action_label = serializers.CharField(help_text="The event in the request's language.")
    from_state = serializers.CharField(help_text="State code before the event (may be empty).")
    from_state_label = serializers.CharField()
    to_state = serializers.CharField(help_text="State code after the event (may be empty).")
    to_state_label = serializers.CharField()
    reason = serializers.CharField()


class AidRegisterRowSerializer(serializers.Serializer):
    undertaking = serializers.CharField()
    name = serializers.CharField()
    regime = serializers.ChoiceField(choices=AidRegime.choices)
    count = serializers.IntegerField()
    total = MoneySerializerField()
    ceiling = MoneySerializerField()
    headroom = MoneySerializerField()


class SuggestionSerializer(serializers.Serializer):
    organisation = OrganisationRefSerializer()
    score = serializers.FloatField()
    explanation = serializers.CharField()


class SuggestionQuerySerializer(serializers.Serializer):
    applicant = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    need = serializers.CharField(max_length=10000)
    limit = serializers.IntegerField(min_value=1, max_value=50, required=False, default=5)
