"""Read-only reference data for API clients: anyone may read it."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import services
from ..models import (
    Country,
    Nuts3Region,
    Province,
    Sector,
    SpecificObjective,
    TargetGroup,
    Technology,
)
from . import serializers as s


class CountryListApi(APIView):
    """GET: anyone. Countries."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_countries_list",
        responses={200: s.CountryOutputSerializer(many=True)},
    )
    def get(self, request):
        return Response(s.CountryOutputSerializer(Country.objects.all(), many=True).data)


class ProvinceListApi(APIView):
    """GET: anyone. Provinces (NUTS2), with their share in the programme area."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_provinces_list",
        responses={200: s.ProvinceOutputSerializer(many=True)},
    )
    def get(self, request):
        return Response(
            s.ProvinceOutputSerializer(
                Province.objects.order_by("country_id", "code"), many=True
            ).data
        )


class Nuts3ListApi(APIView):
    """GET: anyone. NUTS3 regions (NUTS 2021) and whether they lie in the programme area."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_nuts3_regions_list",
        responses={200: s.Nuts3OutputSerializer(many=True)},
    )
    def get(self, request):
        return Response(s.Nuts3OutputSerializer(Nuts3Region.objects.all(), many=True).data)


class SectorListApi(APIView):
    """GET: anyone. The ten priority sectors with their keywords."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_sectors_list", responses={200: s.SectorOutputSerializer(many=True)}
    )
    def get(self, request):
        return Response(s.SectorOutputSerializer(Sector.objects.all(), many=True).data)


class TechnologyListApi(APIView):
    """GET: anyone. Key enabling technologies."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_technologies_list",
        responses={200: s.TechnologyOutputSerializer(many=True)},
    )
    def get(self, request):
        return Response(s.TechnologyOutputSerializer(Technology.objects.all(), many=True).data)


class ObjectiveListApi(APIView):
    """GET: anyone. Specific objectives with their activity types."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_objectives_list",
        responses={200: s.ObjectiveOutputSerializer(many=True)},
    )
    def get(self, request):
        return Response(
            s.ObjectiveOutputSerializer(
                SpecificObjective.objects.prefetch_related("activity_types"), many=True
            ).data
        )


class TargetGroupListApi(APIView):
    """GET: anyone. Target groups of the priority."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_target_groups_list",
        responses={200: s.TargetGroupOutputSerializer(many=True)},
    )
    def get(self, request):
        return Response(s.TargetGroupOutputSerializer(TargetGroup.objects.all(), many=True).data)


class PostcodeResolveApi(APIView):
    """GET: anyone. Municipality, NUTS3 region, province and programme area of a postcode."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="reference_postcode_resolve",
        parameters=[
            OpenApiParameter("country", OpenApiTypes.STR, required=True, description="BE or NL"),
            OpenApiParameter("postcode", OpenApiTypes.STR, required=True),
            OpenApiParameter("city", OpenApiTypes.STR, description="Decides shared BE postcodes."),
        ],
        responses={200: s.PostcodeResolveOutputSerializer},
    )
    def get(self, request):
        query = s.PostcodeResolveInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            place = services.postcode_resolve(**query.validated_data)
        except DjangoValidationError as exc:
            raise ValidationError({"postcode": exc.messages}) from None
        return Response(s.PostcodeResolveOutputSerializer(place).data)
