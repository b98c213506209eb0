from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kennisbrug.core.models import Sector, Technology

from ..constants import (
    MATCH_KINDS,
    BudgetRange,
    IntroductionState,
    TargetKind,
    Timeframe,
    Visibility,
)
from ..models import InnovationQuestion, Introduction
from ..selectors import introduction_has_recipient, without_recipient_notice


class QuestionInputSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(required=False)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000)
    desired_outcome = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    sectors = serializers.SlugRelatedField(
        slug_field="code", queryset=Sector.objects.all(), many=True, required=False
    )
    technologies = serializers.SlugRelatedField(
        slug_field="code", queryset=Technology.objects.all(), many=True, required=False
    )
    budget = serializers.ChoiceField(choices=BudgetRange.choices, required=False)
    timeframe = serializers.ChoiceField(choices=Timeframe.choices, required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)


class QuestionOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    sectors: "serializers.SlugRelatedField[Sector]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    technologies: "serializers.SlugRelatedField[Technology]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = InnovationQuestion
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "title",
            "description",
            "desired_outcome",
            "sectors",
            "technologies",
            "budget",
            "timeframe",
            "visibility",
            "status",
            "created_at",
            "updated_at",
        ]


class IntroductionInputSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=MATCH_KINDS, default=TargetKind.ORGANISATION)
    target_id = serializers.CharField(max_length=64)
    message = serializers.CharField(max_length=2000)


class IntroductionTransitionInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ContactSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    person = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    organisation_email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)


class IntroductionOutputSerializer(serializers.ModelSerializer):
    requester_organisation = serializers.IntegerField(source="requester_organisation_id")
    provider_organisation = serializers.IntegerField(source="provider_organisation_id")
    question = serializers.IntegerField(source="question_id", allow_null=True)
    contacts = serializers.SerializerMethodField()
    without_recipient = serializers.SerializerMethodField(
        help_text="True while the request is open and the provider has no members on the "
        "platform: the secretariat forwards it (see `notice`)."
    )
    notice = serializers.SerializerMethodField(
        help_text="What the requester should know, in the reader's language; empty when nothing."
    )

    class Meta:
        model = Introduction
        fields = [
            "id",
            "question",
            "requester_organisation",
            "provider_organisation",
            "target_kind",
            "target_id",
            "target_title",
            "message",
            "response_message",
            "state",
            "expires_at",
            "decided_at",
            "created_at",
            "contacts",
            "without_recipient",
            "notice",
        ]

    def get_without_recipient(self, obj) -> bool:
        return obj.state == IntroductionState.REQUESTED and not introduction_has_recipient(obj)

    def get_notice(self, obj) -> str:
        return without_recipient_notice(obj) if self.get_without_recipient(obj) else ""

    @extend_schema_field(ContactSerializer(many=True, allow_null=True))
    def get_contacts(self, obj):
        """Both sides' contact details: only after acceptance, only for the two sides."""
        from ..permissions import can_see_contacts

        if not can_see_contacts(self.context["request"].user, obj):
            return None
        out = []
        for org, person in (
            (obj.requester_organisation, obj.requested_by),
            (obj.provider_organisation, obj.responded_by),
        ):
            out.append(
                {
                    "organisation": org.name,
                    "person": (person.full_name or person.email) if person else "",
                    "email": person.email if person else "",
                    "organisation_email": org.email,
                    "phone": org.phone,
                }
            )
        return out
