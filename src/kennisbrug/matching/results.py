"""Match results as the API shows them: public, so every app that lists matches

(the search API, a question's matches) describes its hits with the same serializer.
The data comes from `services.match_payload`.
"""

from rest_framework import serializers


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
