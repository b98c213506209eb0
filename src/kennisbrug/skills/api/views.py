"""Thin API views of the skills app."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from .. import selectors
from .serializers import OccupationMatchInput, OccupationMatchOutput, match_payload


class MatchThrottle(AnonRateThrottle):
    rate = "60/min"


class OccupationMatchApi(APIView):
    """POST /api/v1/skills/occupation-match — anyone, also anonymous (nothing is stored).

    Ranks occupations for skills (ESCO URIs) and/or free text, bottleneck
    occupations within the travel range first, with coverage and gap.
    """

    permission_classes = [AllowAny]
    throttle_classes = [MatchThrottle]

    @extend_schema(request=OccupationMatchInput, responses={200: OccupationMatchOutput})
    def post(self, request):
        data = OccupationMatchInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        result = selectors.occupation_match(
            skill_uris=v.get("skills", []),
            text=v.get("text", ""),
            postcode=v.get("postcode", ""),
            country=v.get("country"),
            max_km=v.get("max_km"),
            cross_border=v["cross_border"],
            limit=v["limit"],
        )
        return Response(match_payload(result))
