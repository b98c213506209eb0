from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.throttling import DEFAULT_THROTTLES, MatchingThrottle

from ..registry import asker_for
from ..results import MatchOutputSerializer
from ..services import match, match_payload
from .serializers import MatchInputSerializer


class MatchApi(APIView):
    """Logged-in users: ranked, explained hits for a text, across every kind of document.

    Filters: kind, country, cross_border, programme_area, sector, organisation_type.
    The caller's first organisation is the reference for cross-border.
    """

    permission_classes = [permissions.IsAuthenticated]
    throttle_classes = [*DEFAULT_THROTTLES, MatchingThrottle]

    @extend_schema(request=MatchInputSerializer, responses={200: MatchOutputSerializer})
    def post(self, request):
        data = MatchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        results = match(
            text=data.validated_data["text"],
            kinds=data.validated_data.get("kinds"),
            filters=data.validated_data["filters"],
            asker_organisation=asker_for(request.user),
            limit=data.validated_data["limit"],
        )
        return Response(MatchOutputSerializer(match_payload(results)).data)
