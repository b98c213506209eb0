"""Input and output shapes of the skills API."""

from decimal import Decimal

from rest_framework import serializers

from kennisbrug.core.money import MoneySerializerField
from kennisbrug.core.validators import plausible_event_date

from ..constants import MAX_TRAVEL_KM
from ..models.market import MAX_COST


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
    evidence = serializers.CharField(help_text="The phrase of the text the skill was found in.")
    confident = serializers.BooleanField(
        help_text="True when the recogniser is sure enough to tick it in advance."
    )


class Shortage(serializers.Serializer):
    region = serializers.CharField()
    country = serializers.CharField()
    year = serializers.IntegerField()
    source = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.source (the stubs conflate them)
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
    shortage_countries = serializers.SerializerMethodField(
        help_text="Countries (ISO codes) with a shortage listing in range: both sides of the border."
    )
    shortages = Shortage(many=True)
    gap_essential = SkillRef(many=True)
    gap_optional = SkillRef(many=True)

    def get_shortage_countries(self, obj) -> list[str]:
        return [country.code for country in obj.shortage_countries]


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
    covered = serializers.BooleanField(
        help_text="False when the text describes work the taxonomy does not cover "
        "(then matches is empty and message says so)."
    )
    message = serializers.CharField(allow_blank=True)
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
        "covered": result.covered,
        "message": result.message,
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
    context = serializers.CharField(required=False, allow_blank=True, max_length=20)  # type: ignore[assignment]  # a declared field, not Field.context (the stubs conflate them)
    open_to_employers = serializers.BooleanField(required=False)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=200
    )


class TrainingInput(serializers.Serializer):
    provider = serializers.IntegerField(required=False, help_text="Organisation id (create only)")
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=200), min_length=1, max_length=50
    )
    level = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=10)
    language = serializers.CharField(max_length=2)
    mode = serializers.CharField(max_length=10)
    nuts3 = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=5)
    cost = MoneySerializerField(min_value=Decimal("0"), max_value=MAX_COST)
    duration_hours = serializers.IntegerField(min_value=1, max_value=5000)
    start_dates = serializers.ListField(
        child=serializers.DateField(validators=[plausible_event_date]),
        required=False,
        max_length=20,
    )
    audiences = serializers.ListField(
        child=serializers.CharField(max_length=20), required=False, max_length=5
    )
    sectors = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=20
    )
    is_published = serializers.BooleanField(required=False)


class LevelOutput(serializers.Serializer):
    key = serializers.CharField()
    eqf_level = serializers.IntegerField(allow_null=True)
    nlqf_level = serializers.CharField()
    vks_level = serializers.IntegerField(allow_null=True)


class TrainingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    provider = serializers.SerializerMethodField()
    title = serializers.CharField()
    description = serializers.CharField()
    skills = SkillRef(many=True, source="skills.all")
    level = LevelOutput(allow_null=True)
    language = serializers.CharField()
    mode = serializers.CharField()
    nuts3 = serializers.CharField(source="nuts3_id", allow_null=True)
    country = serializers.CharField(source="country_id")
    cost = MoneySerializerField()
    duration_hours = serializers.IntegerField()
    start_dates = serializers.ListField(child=serializers.CharField())
    audiences = serializers.ListField(child=serializers.CharField())
    sectors = serializers.SerializerMethodField()
    is_published = serializers.BooleanField()

    def get_sectors(self, obj) -> list[str]:
        return [s.code for s in obj.sectors.all()]

    def get_provider(self, obj) -> dict:
        return {"id": obj.provider_id, "name": obj.provider.name}


class VacancyInput(serializers.Serializer):
    organisation = serializers.IntegerField(
        required=False, help_text="Organisation id (create only)"
    )
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    occupation = serializers.CharField(max_length=200, help_text="Occupation id or ESCO URI")
    nuts3 = serializers.CharField(max_length=5)
    level = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=10)
    status = serializers.CharField(required=False, max_length=10)


class VacancyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.SerializerMethodField()
    title = serializers.CharField()
    description = serializers.CharField()
    occupation = OccupationRef()
    nuts3 = serializers.CharField(source="nuts3_id")
    level = LevelOutput(allow_null=True)
    status = serializers.CharField()
    is_bottleneck = serializers.SerializerMethodField()

    def get_organisation(self, obj) -> dict:
        return {"id": obj.organisation_id, "name": obj.organisation.name}

    def get_is_bottleneck(self, obj) -> bool:
        return obj.occupation.bottlenecks.filter(is_bottleneck=True).exists()


class PathTraining(serializers.Serializer):
    training = TrainingOutput()
    covers = SkillRef(many=True)


class LearningPathOutput(serializers.Serializer):
    occupation = OccupationRef()
    objective = serializers.CharField()
    gap = SkillRef(many=True)
    uncovered = SkillRef(many=True)
    trainings = PathTraining(many=True)
    total_cost = MoneySerializerField()
    total_hours = serializers.IntegerField()
    optimal = serializers.BooleanField()


def learning_path_payload(path) -> dict:
    data = {
        "occupation": path.occupation,
        "objective": path.objective,
        "gap": path.gap,
        "uncovered": path.uncovered,
        "trainings": [{"training": t, "covers": path.covers.get(t.id, [])} for t in path.trainings],
        "total_cost": path.total_cost,
        "total_hours": path.total_hours,
        "optimal": path.optimal,
    }
    return LearningPathOutput(data).data


class EnrolInput(serializers.Serializer):
    employer = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class ParticipationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    training = serializers.IntegerField(source="training_id")
    employer = serializers.IntegerField(source="employer_id", allow_null=True)
    status = serializers.CharField()
    enrolled_at = serializers.DateTimeField(validators=[plausible_event_date])
    completed_at = serializers.DateTimeField(validators=[plausible_event_date], allow_null=True)
