"""Output shapes of the read-only reference-data API."""

from rest_framework import serializers


class CountryOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_nl = serializers.CharField()
    name_en = serializers.CharField()
    is_programme_country = serializers.BooleanField()


class ProvinceOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    country = serializers.CharField(source="country_id")
    name = serializers.CharField()
    name_nl = serializers.CharField()
    name_en = serializers.CharField()
    iso_code = serializers.CharField()
    programme_area = serializers.CharField()


class Nuts3OutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    country = serializers.CharField(source="country_id")
    province = serializers.CharField(source="province_id", allow_null=True)
    name = serializers.CharField()
    in_programme_area = serializers.BooleanField()


class SectorOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_nl = serializers.CharField()
    name_en = serializers.CharField()
    keywords_nl = serializers.SerializerMethodField()
    keywords_en = serializers.SerializerMethodField()

    def get_keywords_nl(self, obj) -> list[str]:
        return [k for k in obj.keywords_nl.split("|") if k]

    def get_keywords_en(self, obj) -> list[str]:
        return [k for k in obj.keywords_en.split("|") if k]


class TechnologyOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    framework = serializers.CharField()
    name = serializers.CharField()
    name_nl = serializers.CharField()
    name_en = serializers.CharField()


class ActivityTypeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    text_nl = serializers.CharField()
    text_en = serializers.CharField()


class ObjectiveOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description_nl = serializers.CharField()
    description_en = serializers.CharField()
    activity_types = ActivityTypeOutputSerializer(many=True)


class TargetGroupOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description_nl = serializers.CharField()
    description_en = serializers.CharField()


class PostcodeResolveInputSerializer(serializers.Serializer):
    country = serializers.CharField(max_length=2)
    postcode = serializers.CharField(max_length=20)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)


class NamedCodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PostcodeResolveOutputSerializer(serializers.Serializer):
    country = serializers.CharField()
    postcode = serializers.CharField()
    municipality = serializers.SerializerMethodField()
    nuts3 = NamedCodeSerializer(allow_null=True)
    province = NamedCodeSerializer(allow_null=True)
    in_programme_area = serializers.BooleanField()

    def get_municipality(self, obj) -> dict | None:
        if obj.municipality is None:
            return None
        return {"nis_code": obj.municipality.nis_code, "name": obj.municipality.name_nl}
