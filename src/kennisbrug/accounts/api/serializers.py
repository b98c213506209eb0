from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..services import TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_NAME_MAX_LENGTH


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of turning them into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """An IntegerField that refuses text, fractions and booleans instead of converting them."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class ApiTokenInputSerializer(serializers.Serializer):
    name = StrictCharField(
        max_length=TOKEN_NAME_MAX_LENGTH,
        help_text=_("A name to recognise the token by."),
    )
    expires_in_days = StrictIntegerField(
        required=False,
        default=TOKEN_DEFAULT_DAYS,
        min_value=1,
        max_value=TOKEN_MAX_DAYS,
        help_text=_("How many days the token works (1 to 365; 90 when left out)."),
    )


class ApiTokenOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    prefix = serializers.CharField(source="key_prefix", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)
    expired = serializers.BooleanField(source="is_expired", read_only=True)
    last_used_at = serializers.DateTimeField(read_only=True, allow_null=True)
    second_factor = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "Created in a session that had passed the second factor; a staff member's token "
            "approves and decides only then."
        ),
    )


class ApiTokenCreatedSerializer(ApiTokenOutputSerializer):
    token = serializers.CharField(
        read_only=True,
        help_text=_("The token itself. It is shown only in this response; store it safely."),
    )
