"""Input and output shapes of the organisations API."""

from django.db import models
from rest_framework import serializers

from kennisbrug.core.models import Country, Sector, Technology
from kennisbrug.core.money import MAX_AMOUNT, MoneySerializerField

from .. import selectors
from ..constants import MembershipRole, MembershipStatus, OrganisationType, SizeClass
from ..models import Organisation


def _length(name: str) -> int:
    field = Organisation._meta.get_field(name)
    assert isinstance(field, models.Field) and field.max_length is not None
    return field.max_length


def _text(name: str, **kwargs):
    return serializers.CharField(
        max_length=_length(name), required=False, allow_blank=True, trim_whitespace=True, **kwargs
    )


class OrganisationInputSerializer(serializers.Serializer):
    """What a client may send to create (POST) or change (PATCH) an organisation."""

    name = serializers.CharField(max_length=_length("name"))
    type = serializers.ChoiceField(choices=OrganisationType.choices)
    country = serializers.PrimaryKeyRelatedField(queryset=Country.objects.all())
    kbo_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    kvk_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    vat_number = serializers.CharField(max_length=24, required=False, allow_blank=True)
    street = _text("street")
    postcode = _text("postcode")
    city = _text("city")
    website = serializers.URLField(max_length=_length("website"), required=False, allow_blank=True)
    email = serializers.EmailField(max_length=_length("email"), required=False, allow_blank=True)
    phone = _text("phone")
    description = _text("description")
    expertise = _text("expertise")
    offers = _text("offers")
    needs = _text("needs")
    sectors = serializers.PrimaryKeyRelatedField(
        queryset=Sector.objects.all(), many=True, required=False
    )
    technologies = serializers.PrimaryKeyRelatedField(
        queryset=Technology.objects.all(), many=True, required=False
    )
    staff_headcount = serializers.IntegerField(
        min_value=0, max_value=5_000_000, required=False, allow_null=True
    )
    annual_turnover = MoneySerializerField(
        min_value=0,
        max_value=MAX_AMOUNT,
        required=False,
        allow_null=True,
    )
    balance_sheet_total = MoneySerializerField(
        min_value=0,
        max_value=MAX_AMOUNT,
        required=False,
        allow_null=True,
    )


class SectorLineSerializer(serializers.Serializer):
    code = serializers.CharField(source="sector.code")
    label = serializers.CharField(source="sector.name", help_text="In the request's language.")  # type: ignore[assignment]  # a declared field, not Field.label
    declared = serializers.BooleanField(help_text="Chosen on the organisation's profile.")
    from_activities = serializers.BooleanField(
        help_text="Derived from its NACE-BEL activities in the KBO/BCE enterprise register."
    )


class OrganisationOutputSerializer(serializers.Serializer):
    """An organisation's public profile; email and phone only for logged-in clients."""

    # A list passes context["sector_codes"] (organisation id -> OrganisationSectors) and
    # context["all_sectors"] (the ten, in order), read once for the whole page, so no
    # organisation needs its own register lookup.

    slug = serializers.CharField()
    name = serializers.CharField()
    type = serializers.ChoiceField(choices=OrganisationType.choices)
    kbo_number = serializers.CharField()
    kvk_number = serializers.CharField()
    vat_number = serializers.CharField()
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField(source="country_id")
    nuts3 = serializers.CharField(source="nuts3_id", allow_null=True)
    province = serializers.SerializerMethodField()
    in_programme_area = serializers.BooleanField()
    website = serializers.CharField()
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    description = serializers.CharField()
    expertise = serializers.CharField()
    offers = serializers.CharField()
    needs = serializers.CharField()
    sectors = serializers.SerializerMethodField()
    priority_sectors = serializers.SerializerMethodField()
    technologies = serializers.SerializerMethodField()
    size_class = serializers.ChoiceField(choices=[("", ""), *SizeClass.choices])
    is_demo = serializers.BooleanField()

    _is_logged_in: bool | None = None

    def _logged_in(self) -> bool:
        # Asked once per list: one serializer instance renders every row of a page.
        if self._is_logged_in is None:
            request = self.context.get("request")
            self._is_logged_in = bool(request and request.user.is_authenticated)
        return self._is_logged_in

    def get_sectors(self, obj) -> list[str]:
        codes = getattr(obj, "sector_codes", None)
        return codes if codes is not None else [sector.code for sector in obj.sectors.all()]

    def get_priority_sectors(self, obj) -> SectorLineSerializer(many=True):  # type: ignore[valid-type]
        """Every sector, in words: the declared ones and those of its register activities."""
        known = self.context.get("sector_codes")
        if known is None:
            lines = selectors.organisation_sector_lines(organisation=obj)
        else:
            lines = selectors.organisation_sector_lines(
                organisation=obj,
                sectors=known.get(obj.pk, selectors.OrganisationSectors()),
                all_sectors=self.context.get("all_sectors"),
            )
        return SectorLineSerializer(lines, many=True).data

    def _priority_sectors(self, obj) -> list[dict]:
        """`get_priority_sectors` without a nested serializer per organisation (whose field
        copies cost more than the rest of the row): SectorLineSerializer's fields, directly."""
        known = self.context.get("sector_codes")
        lines = selectors.organisation_sector_lines(
            organisation=obj,
            sectors=None if known is None else known.get(obj.pk, selectors.OrganisationSectors()),
            all_sectors=None if known is None else self.context.get("all_sectors"),
        )
        return [
            {
                "code": line.sector.code,
                "label": str(line.sector.name),
                "declared": line.declared,
                "from_activities": line.from_activities,
            }
            for line in lines
        ]

    def get_technologies(self, obj) -> list[str]:
        codes = getattr(obj, "technology_codes", None)
        if codes is not None:
            return codes
        return [technology.code for technology in obj.technologies.all()]

    def to_representation(self, obj) -> dict:
        """The fields above, built directly: DRF's field-by-field path cost more than the
        queries of a list page (25 organisations × 25 fields). The declared fields stay the
        schema, and a test holds both paths to the same output."""
        logged_in = self._logged_in()
        return {
            "slug": obj.slug,
            "name": obj.name,
            "type": str(obj.type),
            "kbo_number": obj.kbo_number,
            "kvk_number": obj.kvk_number,
            "vat_number": obj.vat_number,
            "street": obj.street,
            "postcode": obj.postcode,
            "city": obj.city,
            "country": obj.country_id,
            "nuts3": obj.nuts3_id,
            "province": self.get_province(obj),
            "in_programme_area": bool(obj.in_programme_area),
            "website": obj.website,
            "email": obj.email if logged_in else None,
            "phone": obj.phone if logged_in else None,
            "description": obj.description,
            "expertise": obj.expertise,
            "offers": obj.offers,
            "needs": obj.needs,
            "sectors": self.get_sectors(obj),
            "priority_sectors": self._priority_sectors(obj),
            "technologies": self.get_technologies(obj),
            "size_class": str(obj.size_class),
            "is_demo": bool(obj.is_demo),
        }

    def get_province(self, obj) -> str | None:
        return obj.nuts3.province_id if obj.nuts3 else None

    def get_email(self, obj) -> str | None:
        return obj.email if self._logged_in() else None

    def get_phone(self, obj) -> str | None:
        return obj.phone if self._logged_in() else None


class OrganisationPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = OrganisationOutputSerializer(many=True)


class MembershipRequestInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class MembershipOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.slug")
    status = serializers.ChoiceField(choices=MembershipStatus.choices)
    role = serializers.ChoiceField(choices=MembershipRole.choices)
    message = serializers.CharField()


class RegistrationRequestOutputSerializer(serializers.Serializer):
    """The answer when the organisation to register already exists: a request to join it."""

    membership = serializers.IntegerField(source="membership.pk")
    status = serializers.CharField(
        source="membership.status", help_text='The request\'s state: "pending".'
    )
    organisation = serializers.CharField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    matched_by = serializers.CharField(
        help_text="Why it counts as the same organisation: kbo_number, kvk_number or "
        "vat_number (a shared identifier) or name (a nearly identical name at the same "
        "postcode).",
    )
    decided_by = serializers.CharField(
        help_text="Who decides: admins (the organisation's) or secretariat (when the "
        "organisation has no admin).",
    )
    detail = serializers.CharField(help_text="The same explanation the registration page gives.")


class MergeInputSerializer(serializers.Serializer):
    keep = serializers.SlugField(max_length=220, help_text="Slug of the organisation kept.")
    remove = serializers.SlugField(max_length=220, help_text="Slug of the organisation removed.")
    dry_run = serializers.BooleanField(
        default=False, help_text="Only show what would move and why it may not be possible."
    )


class MergeMoveSerializer(serializers.Serializer):
    relation = serializers.CharField(help_text="app.model.field that points at the organisation.")
    name = serializers.CharField(help_text="The records in words, in the request's language.")
    count = serializers.IntegerField()


class MergeOutputSerializer(serializers.Serializer):
    keep = serializers.CharField()
    remove = serializers.CharField()
    merged = serializers.BooleanField()
    possible = serializers.BooleanField()
    moves = MergeMoveSerializer(many=True)
    filled = serializers.ListField(child=serializers.CharField())
    problems = serializers.ListField(child=serializers.CharField())
