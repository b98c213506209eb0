from rest_framework import serializers

from ..engine.documents import MAX_QUERY_CHARS
from ..services import MAX_LIMIT


class MatchInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_QUERY_CHARS, trim_whitespace=True)
    kinds = serializers.ListField(child=serializers.CharField(max_length=40), required=False)
    filters = serializers.DictField(required=False, default=dict)
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=10)
