"""Input and output shapes of the facilities API."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kennisbrug.core.models import Sector, Technology
from kennisbrug.core.money import MoneySerializerField
from kennisbrug.core.validators import plausible_event_date
from kennisbrug.organisations.models import Organisation

from ..constants import (
    MAX_RATE,
    AccessMode,
    BookingStatus,
    CustomerClass,
    FacilityCategory,
    PilotStatus,
)
from ..models import Booking, Facility, LivingLab, Pilot, PilotCall

RATE = {"min_value": Decimal("0"), "max_value": Decimal(MAX_RATE)}


class OpeningHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(min_value=0, max_value=6)
    opens = serializers.TimeField(format="%H:%M")
    closes = serializers.TimeField(
        format="%H:%M", help_text=_("00:00 means midnight (end of day).")
    )


class TariffSerializer(serializers.Serializer):
    customer_class = serializers.ChoiceField(choices=CustomerClass.choices)
    hourly_rate = MoneySerializerField(required=False, allow_null=True, **RATE)
    daily_rate = MoneySerializerField(required=False, allow_null=True, **RATE)


class FacilityOutput(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id")
    owner_name = serializers.CharField(source="owner.name")
    country = serializers.CharField(source="country_id")
    nuts3 = serializers.CharField(source="nuts3_id", allow_null=True)
    province = serializers.SerializerMethodField()
    in_programme_area = serializers.BooleanField()
    access_modes = serializers.ListField(child=serializers.ChoiceField(choices=AccessMode.choices))
    sectors: "serializers.SlugRelatedField[Sector]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    technologies: "serializers.SlugRelatedField[Technology]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    opening_hours = OpeningHoursSerializer(many=True)
    tariffs = TariffSerializer(many=True)

    class Meta:
        model = Facility
        fields = [
            "id",
            "name",
            "category",
            "description",
            "equipment",
            "owner",
            "owner_name",
            "postcode",
            "city",
            "country",
            "nuts3",
            "province",
            "in_programme_area",
            "access_modes",
            "sectors",
            "technologies",
            "website",
            "contact_email",
            "requires_approval",
            "pending_blocks",
            "min_duration_minutes",
            "max_duration_minutes",
            "lead_time_hours",
            "max_advance_days",
            "is_published",
            "opening_hours",
            "tariffs",
        ]

    def get_province(self, obj) -> str | None:
        return obj.nuts3.province_id if obj.nuts3 else None

    def to_representation(self, obj) -> dict:
        """The fields above, built directly: DRF's field-by-field path (and, before it, a
        model instance per related row) cost more than the queries of a list page. A list
        passes facilities from `selectors.with_list_details` (plain values of the relations,
        `owner_label` annotated); a single facility comes with its relations prefetched. The
        declared fields stay the schema, and a test holds both paths to the same output."""
        sectors = getattr(obj, "sector_codes", None)
        technologies = getattr(obj, "technology_codes", None)
        opening = getattr(obj, "opening_rows", None)
        if opening is None:
            opening = [(h.weekday, h.opens, h.closes) for h in obj.opening_hours.all()]
        tariffs = getattr(obj, "tariff_rows", None)
        if tariffs is None:
            tariffs = [(t.customer_class, t.hourly_rate, t.daily_rate) for t in obj.tariffs.all()]
        owner_name = getattr(obj, "owner_label", None)
        return {
            "id": obj.pk,
            "name": obj.name,
            "category": str(obj.category),
            "description": obj.description,
            "equipment": obj.equipment,
            "owner": obj.owner_id,
            "owner_name": owner_name if owner_name is not None else obj.owner.name,
            "postcode": obj.postcode,
            "city": obj.city,
            "country": obj.country_id,
            "nuts3": obj.nuts3_id,
            "province": obj.nuts3.province_id if obj.nuts3_id else None,
            "in_programme_area": bool(obj.in_programme_area),
            "access_modes": obj.access_modes,
            "sectors": sectors if sectors is not None else [x.code for x in obj.sectors.all()],
            "technologies": (
                technologies
                if technologies is not None
                else [x.code for x in obj.technologies.all()]
            ),
            "website": obj.website,
            "contact_email": obj.contact_email,
            "requires_approval": bool(obj.requires_approval),
            "pending_blocks": bool(obj.pending_blocks),
            "min_duration_minutes": obj.min_duration_minutes,
            "max_duration_minutes": obj.max_duration_minutes,
            "lead_time_hours": obj.lead_time_hours,
            "max_advance_days": obj.max_advance_days,
            "is_published": bool(obj.is_published),
            "opening_hours": [
                {"weekday": weekday, "opens": _hhmm(opens), "closes": _hhmm(closes)}
                for weekday, opens, closes in opening
            ],
            "tariffs": [
                {
                    "customer_class": str(customer_class),
                    "hourly_rate": None if hourly is None else _RATE.to_representation(hourly),
                    "daily_rate": None if daily is None else _RATE.to_representation(daily),
                }
                for customer_class, hourly, daily in tariffs
            ],
        }


def _hhmm(value) -> str | None:
    return None if value is None else value.strftime("%H:%M")


_RATE = MoneySerializerField(**RATE)  # what TariffSerializer makes of a rate


class FacilityInput(serializers.Serializer):
    owner = serializers.IntegerField(required=False, help_text=_("Organisation id (create only)."))
    name = serializers.CharField(max_length=200)
    category = serializers.ChoiceField(choices=FacilityCategory.choices)
    description = serializers.CharField(max_length=5000)
    equipment = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=10)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    country = serializers.CharField(max_length=2)
    access_modes = serializers.ListField(
        child=serializers.ChoiceField(choices=AccessMode.choices), required=False, max_length=3
    )
    sectors = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=20
    )
    technologies = serializers.ListField(
        child=serializers.CharField(max_length=80), required=False, max_length=30
    )
    website = serializers.URLField(max_length=300, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    requires_approval = serializers.BooleanField(required=False)
    pending_blocks = serializers.BooleanField(required=False)
    min_duration_minutes = serializers.IntegerField(required=False, min_value=15)
    max_duration_minutes = serializers.IntegerField(required=False, min_value=15)
    lead_time_hours = serializers.IntegerField(required=False, min_value=0)
    max_advance_days = serializers.IntegerField(required=False, min_value=1)
    is_published = serializers.BooleanField(required=False)
    # many=True hands max_length on to the ListSerializer, which the stubs do not model.
    opening_hours = OpeningHoursSerializer(many=True, required=False, max_length=50)  # type: ignore[call-arg]
    tariffs = TariffSerializer(many=True, required=False, max_length=4)  # type: ignore[call-arg]


class IntervalSerializer(serializers.Serializer):
    start = serializers.DateTimeField(validators=[plausible_event_date])
    end = serializers.DateTimeField(validators=[plausible_event_date])


class AvailabilityOutput(serializers.Serializer):
    start = serializers.DateTimeField(validators=[plausible_event_date])
    end = serializers.DateTimeField(validators=[plausible_event_date])
    open = IntervalSerializer(many=True)
    busy = IntervalSerializer(many=True)
    free = IntervalSerializer(many=True)


class PeriodInput(serializers.Serializer):
    start = serializers.DateTimeField(validators=[plausible_event_date])
    end = serializers.DateTimeField(validators=[plausible_event_date])

    def validate(self, data):
        if data["end"] <= data["start"]:
            raise serializers.ValidationError({"end": _("The end must be after the start.")})
        if (data["end"] - data["start"]).days > 3660:
            raise serializers.ValidationError({"end": _("Choose a period of at most ten years.")})
        return data


class QuoteInput(serializers.Serializer):
    organisation = serializers.IntegerField()
    start = serializers.DateTimeField(validators=[plausible_event_date])
    end = serializers.DateTimeField(validators=[plausible_event_date])


class BookingInput(QuoteInput):
    purpose = serializers.CharField(max_length=2000)


class FreePeriod(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class ConflictProblem(serializers.Serializer):
    """problem+json for a taken period, with the next free periods of the same length."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField()
    alternatives = FreePeriod(many=True, required=False)


class QuoteOutput(serializers.Serializer):
    customer_class = serializers.ChoiceField(choices=CustomerClass.choices)
    hours = serializers.DecimalField(max_digits=8, decimal_places=2)
    days = serializers.IntegerField()
    rate = MoneySerializerField()
    basis = serializers.ChoiceField(choices=[("hour", "hour"), ("day", "day")])
    amount = MoneySerializerField()
    currency = serializers.CharField(default="EUR")
    vat_included = serializers.BooleanField(default=False)


class BookingOutput(serializers.ModelSerializer):
    facility_name = serializers.CharField(source="facility.name")
    organisation_name = serializers.CharField(source="organisation.name")
    status = serializers.ChoiceField(choices=BookingStatus.choices)
    customer_class = serializers.ChoiceField(choices=CustomerClass.choices)

    class Meta:
        model = Booking
        fields = [
            "id",
            "facility",
            "facility_name",
            "organisation",
            "organisation_name",
            "requester",
            "customer_class",
            "start",
            "end",
            "purpose",
            "status",
            "hours",
            "price",
            "price_basis",
            "reason",
            "decided_at",
            "created_at",
        ]


class TransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=[
            (s, s)
            for s in (
                BookingStatus.APPROVED,
                BookingStatus.REJECTED,
                BookingStatus.CANCELLED,
                BookingStatus.COMPLETED,
            )
        ]
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ClassUsage(serializers.Serializer):
    bookings = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=12, decimal_places=2)
    revenue = MoneySerializerField()


class UsageOutput(serializers.Serializer):
    start = serializers.DateTimeField(validators=[plausible_event_date])
    end = serializers.DateTimeField(validators=[plausible_event_date])
    open_hours = serializers.DecimalField(max_digits=12, decimal_places=2)
    booked_hours = serializers.DecimalField(max_digits=12, decimal_places=2)
    utilisation_percent = serializers.DecimalField(max_digits=8, decimal_places=1)
    revenue = MoneySerializerField()
    bookings = serializers.IntegerField()
    requests = serializers.IntegerField()
    rejected = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    by_class = serializers.DictField(child=ClassUsage())
    sme_share_percent = serializers.DecimalField(max_digits=5, decimal_places=1)
    cross_border_share_percent = serializers.DecimalField(max_digits=5, decimal_places=1)


class PilotCallOutput(serializers.ModelSerializer):
    class Meta:
        model = PilotCall
        fields = ["id", "living_lab", "title", "description", "opens_on", "closes_on"]


class PilotCallInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000)
    opens_on = serializers.DateField(validators=[plausible_event_date])
    closes_on = serializers.DateField(validators=[plausible_event_date])


class LivingLabOutput(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id")
    owner_name = serializers.CharField(source="owner.name")
    country = serializers.CharField(source="country_id")
    nuts3 = serializers.CharField(source="nuts3_id", allow_null=True)
    sectors: "serializers.SlugRelatedField[Sector]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    technologies: "serializers.SlugRelatedField[Technology]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    partners: "serializers.PrimaryKeyRelatedField[Organisation]" = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    calls = PilotCallOutput(many=True)

    class Meta:
        model = LivingLab
        fields = [
            "id",
            "name",
            "theme",
            "description",
            "test_environment",
            "how_to_join",
            "owner",
            "owner_name",
            "postcode",
            "city",
            "country",
            "nuts3",
            "other_locations",
            "sectors",
            "technologies",
            "partners",
            "website",
            "calls",
        ]


class LivingLabInput(serializers.Serializer):
    owner = serializers.IntegerField(required=False, help_text=_("Organisation id (create only)."))
    name = serializers.CharField(max_length=200)
    theme = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000)
    test_environment = serializers.CharField(max_length=5000)
    how_to_join = serializers.CharField(max_length=3000)
    postcode = serializers.CharField(max_length=10)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    country = serializers.CharField(max_length=2)
    other_locations = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    sectors = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=20
    )
    technologies = serializers.ListField(
        child=serializers.CharField(max_length=80), required=False, max_length=30
    )
    partners = serializers.ListField(
        child=serializers.IntegerField(), required=False, max_length=100
    )
    website = serializers.URLField(max_length=300, required=False, allow_blank=True)


class PilotInput(serializers.Serializer):
    organisation = serializers.IntegerField()
    call = serializers.IntegerField(required=False, allow_null=True)
    title = serializers.CharField(max_length=200)
    goal = serializers.CharField(max_length=3000)
    what_is_tested = serializers.CharField(max_length=3000)
    start_date = serializers.DateField(validators=[plausible_event_date])
    end_date = serializers.DateField(validators=[plausible_event_date])


class PilotOutput(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=PilotStatus.choices)

    class Meta:
        model = Pilot
        fields = [
            "id",
            "living_lab",
            "call",
            "organisation",
            "proposer",
            "title",
            "goal",
            "what_is_tested",
            "start_date",
            "end_date",
            "status",
            "reason",
            "solution_developed",
            "result_summary",
            "decided_at",
            "created_at",
        ]


class PilotTransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=[
            (s, s)
            for s in (
                PilotStatus.ACCEPTED,
                PilotStatus.DECLINED,
                PilotStatus.WITHDRAWN,
                PilotStatus.COMPLETED,
            )
        ]
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    solution_developed = serializers.BooleanField(required=False, allow_null=True, default=None)
    result_summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class LabInvitationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    living_lab = serializers.IntegerField(source="living_lab_id")
    living_lab_name = serializers.CharField(source="living_lab.name")
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
