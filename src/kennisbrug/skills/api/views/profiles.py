"""Thin API views of the skills app."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.throttling import DEFAULT_THROTTLES, MatchingThrottle

from ... import selectors, services
from ...models import Profile
from ..serializers import OccupationMatchInput, OccupationMatchOutput, ProfileInput, match_payload


class OccupationMatchApi(APIView):
    """POST /api/v1/skills/occupation-match — anyone, also anonymous (nothing is stored).

    Ranks occupations for skills (ESCO URIs) and/or free text, bottleneck
    occupations within the travel range first, with coverage and gap.
    """

    permission_classes = [AllowAny]
    throttle_classes = [*DEFAULT_THROTTLES, MatchingThrottle]

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


class ProfileApi(APIView):
    """GET/POST/PATCH/DELETE /api/v1/skills/profile — the signed-in person's OWN profile only.

    There is no way to read another person's profile through this endpoint.
    """

    permission_classes = [IsAuthenticated]

    def _own(self, request):
        profile = Profile.objects.filter(user=request.user).first()
        if profile is None:
            raise NotFound(_("You have no skills profile yet."))
        return profile

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response(services.profile_export(profile=self._own(request)))

    @extend_schema(request=ProfileInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        data = ProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        consent = fields.pop("consent", False)
        skills = fields.pop("skills", [])
        with transaction.atomic():
            profile = services.profile_create(user=request.user, consent=consent, **fields)
            if skills:
                services.profile_add_skills(profile=profile, skill_uris=skills)
        return Response(services.profile_export(profile=profile), status=201)

    @extend_schema(request=ProfileInput, responses={200: OpenApiTypes.OBJECT})
    def patch(self, request):
        profile = self._own(request)
        data = ProfileInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("consent", None)
        skills = fields.pop("skills", None)
        with transaction.atomic():
            services.profile_update(profile=profile, actor=request.user, **fields)
            if skills:
                services.profile_add_skills(profile=profile, skill_uris=skills)
        return Response(services.profile_export(profile=profile))

    @extend_schema(responses={204: None})
    def delete(self, request):
        services.profile_delete(profile=self._own(request), actor=request.user)
        return Response(status=204)
