"""Input and output shapes of the skills API."""

from rest_framework import serializers

from ..constants import MAX_TRAVEL_KM


class OccupationMatchInput(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=200
    )
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=10)
    country = serializers.ChoiceField(choices=["BE", "NL"], required=False)
    max_km = serializers.IntegerField(required=False, min_value=0, max_value=MAX_TRAVEL_KM)
    cross_border = serializers.BooleanField(required=False, default=True)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


class SkillRef(serializers.Serializer):
    uri = serializers.CharField()
    label_en = serializers.CharField()
    label_nl = serializers.CharField()


class RecognisedSkill(serializers.Serializer):
    skill = SkillRef()
    score = serializers.FloatField()
    evidence = serializers.CharField()


class Shortage(serializers.Serializer):
    region = serializers.CharField()
    country = serializers.CharField()
    year = serializers.IntegerField()
    source = serializers.CharField()
    category = serializers.CharField()
    tension = serializers.CharField(allow_null=True)
    distance_km = serializers.FloatField(allow_null=True)


class OccupationRef(serializers.Serializer):
    uri = serializers.CharField()
    label_en = serializers.CharField()
    label_nl = serializers.CharField()
    isco_code = serializers.CharField(source="isco_group.code", default="")


class OccupationMatchItem(serializers.Serializer):
    occupation = OccupationRef()
    score = serializers.FloatField()
    coverage = serializers.FloatField()
    essential_coverage = serializers.FloatField()
    essential_total = serializers.IntegerField()
    essential_covered = serializers.IntegerField()
    optional_total = serializers.IntegerField()
    optional_covered = serializers.IntegerField()
    is_bottleneck = serializers.BooleanField()
    shortages = Shortage(many=True)
    gap_essential = SkillRef(many=True)
    gap_optional = SkillRef(many=True)


class Location(serializers.Serializer):
    country = serializers.CharField()
    postcode = serializers.CharField()
    nuts3 = serializers.CharField()
    province = serializers.CharField()


class OccupationMatchOutput(serializers.Serializer):
    skills = SkillRef(many=True)
    recognised = RecognisedSkill(many=True)
    location = Location(allow_null=True)
    max_km = serializers.IntegerField(allow_null=True)
    distance_method = serializers.CharField()
    matches = OccupationMatchItem(many=True)
    attribution = serializers.CharField()


def match_payload(result) -> dict:
    """The JSON shape shared by the API and `manage.py skills match --json`."""
    from ..models import EscoRelease
    from ..models.taxonomy import esco_attribution

    release = EscoRelease.objects.order_by("-id").first()
    data = {
        "skills": result.skills,
        "recognised": result.recognised,
        "location": result.location.__dict__ if result.location else None,
        "max_km": result.max_km,
        "distance_method": "province centroid (approximate)",
        "matches": result.matches,
        "attribution": esco_attribution(release.version) if release else "",
    }
    return OccupationMatchOutput(data).data


class ProfileInput(serializers.Serializer):
    consent = serializers.BooleanField(required=False)
    experience_text = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    qualification_level = serializers.CharField(required=False, allow_null=True, max_length=10)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=2), required=False, max_length=10
    )
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=10)
    country = serializers.ChoiceField(choices=["BE", "NL"], required=False, allow_null=True)
    max_travel_km = serializers.IntegerField(required=False, min_value=0, max_value=MAX_TRAVEL_KM)
    cross_border = serializers.BooleanField(required=False)
    context = serializers.CharField(required=False, allow_blank=True, max_length=20)
    open_to_employers = serializers.BooleanField(required=False)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=200
    )
