from rest_framework import serializers

from ..engine.documents import MAX_QUERY_CHARS
from ..services import MAX_LIMIT


class MatchInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_QUERY_CHARS, trim_whitespace=True)
    kinds = serializers.ListField(child=serializers.CharField(max_length=40), required=False)
    filters = serializers.DictField(required=False, default=dict)
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=10)


class ExplanationSerializer(serializers.Serializer):
    type = serializers.CharField()


class MatchHitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.CharField()
    title = serializers.CharField()
    score = serializers.FloatField()
    url = serializers.CharField(allow_null=True)
    country = serializers.CharField(allow_null=True)
    summary = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    explanation = serializers.ListField(child=serializers.DictField())
    components = serializers.DictField(child=serializers.FloatField())
    strong = serializers.BooleanField(
        help_text="False when the hit is only the closest there is, not a match for the question."
    )


class MatchOutputSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    strong_match = serializers.BooleanField(
        help_text="False when nothing answers the question well: the results are only the closest."
    )
    message = serializers.CharField(allow_blank=True)
    results = MatchHitSerializer(many=True)
