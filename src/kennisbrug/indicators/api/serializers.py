"""Output shapes of the indicators API (it only reads; filters are query parameters)."""

from rest_framework import serializers

from kennisbrug.core.validators import plausible_event_date


class FigureField(serializers.IntegerField):
    """A count, or null when hidden to protect small groups."""


class IndicatorSummarySerializer(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_nl = serializers.CharField(help_text="Editorial Dutch name (not an official translation).")
    type = serializers.ChoiceField(choices=["output", "result"])
    unit = serializers.CharField()
    objectives = serializers.ListField(child=serializers.CharField())
    value = FigureField(allow_null=True, help_text="Distinct units in the programme area.")
    outside_programme_area = FigureField(
        allow_null=True, help_text="Distinct units outside the programme area, reported separately."
    )
    suppressed = serializers.BooleanField()
    records = serializers.IntegerField(help_text="Evidence records behind both figures.")
    computed = serializers.BooleanField(help_text="False while no source app is on the platform.")
    missing_sources = serializers.ListField(child=serializers.CharField())
    counting_rule = serializers.CharField()
    url = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    date = serializers.DateField(validators=[plausible_event_date])
    activity = serializers.CharField()
    record_id = serializers.IntegerField()
    title = serializers.CharField()
    other_party = serializers.CharField(allow_null=True)


class UnitSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.label (the stubs conflate them)
    organisation = serializers.CharField()
    organisation_slug = serializers.CharField()
    country = serializers.CharField()
    province = serializers.CharField()
    nuts3 = serializers.CharField()
    size_class = serializers.CharField()
    in_programme_area = serializers.BooleanField()
    first_date = serializers.DateField(validators=[plausible_event_date])
    evidence = EvidenceSerializer(many=True)


class SectorCountSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='A priority sector code, or "none".')
    label = serializers.CharField(help_text="In the request's language.")  # type: ignore[assignment]
    count = serializers.IntegerField()


class BreakdownSerializer(serializers.Serializer):
    by_quarter = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField())
    )
    by_country = serializers.DictField(child=serializers.IntegerField())
    by_size_class = serializers.DictField(child=serializers.IntegerField(), allow_null=True)
    by_province = serializers.DictField(child=serializers.IntegerField())
    by_nuts3 = serializers.DictField(child=serializers.IntegerField())
    by_sector = SectorCountSerializer(
        many=True,
        allow_null=True,
        help_text=(
            "Organisations per priority sector (from their profile and their NACE-BEL "
            "activities in the enterprise register); one in two sectors counts in both. "
            "Null for indicators that do not count organisations."
        ),
    )


class IndicatorDetailSerializer(IndicatorSummarySerializer):
    computed_at = serializers.DateTimeField(
        help_text="When the figures were computed: they are recomputed after every change on "
        "the platform, and at least every KENNISBRUG_INDICATORS_MAX_AGE seconds (default 600)."
    )
    breakdown = BreakdownSerializer(allow_null=True)
    units = UnitSerializer(many=True)


class IndicatorListSerializer(serializers.Serializer):
    filters = serializers.DictField(child=serializers.CharField())
    computed_at = serializers.DateTimeField(
        help_text="When the figures were computed: they are recomputed after every change on "
        "the platform, and at least every KENNISBRUG_INDICATORS_MAX_AGE seconds (default 600)."
    )
    results = IndicatorSummarySerializer(many=True)


class RegionRowSerializer(serializers.Serializer):
    province = serializers.CharField()
    name = serializers.CharField()
    figures = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        help_text="null: hidden because the group is small (or to protect a small neighbour).",
    )


class RegionSummarySerializer(serializers.Serializer):
    min_group_size = serializers.IntegerField()
    computed_at = serializers.DateTimeField(
        help_text="When the figures were computed: they are recomputed after every change on "
        "the platform, and at least every KENNISBRUG_INDICATORS_MAX_AGE seconds (default 600)."
    )
    rows = RegionRowSerializer(many=True)
    totals = serializers.DictField(child=serializers.IntegerField(allow_null=True))


class TensionRowSerializer(serializers.Serializer):
    occupation_id = serializers.IntegerField()
    occupation = serializers.CharField()
    provinces = serializers.DictField(
        child=serializers.DictField(),
        help_text="Per NUTS2 code: tension, bottleneck, country_wide.",
    )


class LabourMarketSerializer(serializers.Serializer):
    available = serializers.BooleanField()
    year = serializers.IntegerField(allow_null=True)
    years = serializers.ListField(child=serializers.IntegerField())
    rows = TensionRowSerializer(many=True)
