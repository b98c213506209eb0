"""API of research groups and experts: the same selectors and services as the pages.

GET    /research-groups/, /experts/                      anyone (search: q, country)
POST   /organisations/{slug}/research-groups/             the organisation's admins, secretariat
GET    /organisations/{slug}/research-groups/{id}/        anyone
PATCH, DELETE  the same                                   the organisation's admins, secretariat
POST   /organisations/{slug}/experts/                     the organisation's admins, secretariat
GET    /organisations/{slug}/experts/{id}/                anyone when listed, else its managers
PATCH, DELETE  the same                                   the organisation's admins, secretariat

Contact addresses are given to signed-in clients only; experts without recorded
consent (`listed` false) appear nowhere public.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.pagination import Pagination, paginated
from kennisbrug.core.models import Sector, Technology

from .. import selectors as organisation_selectors
from ..models import Expert, Organisation, ResearchGroup
from ..permissions import can_edit_organisation
from ..research import selectors, services
from .research_forms import search_filters

SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in name, expertise, organisation."),
    OpenApiParameter("country", OpenApiTypes.STR, enum=["BE", "NL"]),
    OpenApiParameter("page", OpenApiTypes.INT),
    OpenApiParameter("page_size", OpenApiTypes.INT),
]


def _signed_in(serializer) -> bool:
    request = serializer.context.get("request")
    return bool(request and request.user.is_authenticated)


class ResearchGroupOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.SlugField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    name = serializers.CharField()
    description = serializers.CharField()
    expertise = serializers.CharField()
    sectors = serializers.SerializerMethodField(help_text="Sector codes.")
    technologies = serializers.SerializerMethodField(help_text="Key technology codes.")
    website = serializers.CharField()
    contact_email = serializers.SerializerMethodField(
        help_text="Only for signed-in clients (null otherwise)."
    )

    def get_sectors(self, group) -> list[str]:
        return sorted(s.code for s in group.sectors.all())

    def get_technologies(self, group) -> list[str]:
        return sorted(t.code for t in group.technologies.all())

    def get_contact_email(self, group) -> str | None:
        return group.contact_email if _signed_in(self) else None

    def to_representation(self, group) -> dict:
        """The fields above, built directly (DRF's field-by-field path and a model instance
        per prefetched tag cost more than the queries of a list page). A list passes groups
        with `sector_codes` and `technology_codes` (`_with_codes`); a single group comes with
        its tags prefetched or read here. A test holds both paths to the same output."""
        sectors = getattr(group, "sector_codes", None)
        technologies = getattr(group, "technology_codes", None)
        return {
            "id": group.pk,
            "organisation": group.organisation.slug,
            "organisation_name": group.organisation.name,
            "name": group.name,
            "description": group.description,
            "expertise": group.expertise,
            "sectors": sorted(sectors) if sectors is not None else self.get_sectors(group),
            "technologies": (
                sorted(technologies) if technologies is not None else self.get_technologies(group)
            ),
            "website": group.website,
            "contact_email": self.get_contact_email(group),
        }


def _with_codes(groups: list[ResearchGroup]) -> list[ResearchGroup]:
    """Give each group `sector_codes` and `technology_codes`, in two queries of codes."""
    by_id: dict[int, Any] = {group.pk: group for group in groups}
    for group in by_id.values():
        group.sector_codes, group.technology_codes = [], []
    if by_id:
        sectors = ResearchGroup.sectors.through.objects.filter(researchgroup_id__in=by_id)
        for pk, code in sectors.values_list("researchgroup_id", "sector_id"):
            by_id[pk].sector_codes.append(code)
        technologies = ResearchGroup.technologies.through.objects.filter(researchgroup_id__in=by_id)
        for pk, code in technologies.values_list("researchgroup_id", "technology_id"):
            by_id[pk].technology_codes.append(code)
    return groups


class ExpertOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.SlugField(source="organisation.slug")
    organisation_name = serializers.CharField(source="organisation.name")
    name = serializers.CharField()
    role = serializers.CharField()
    research_group = serializers.IntegerField(source="research_group_id", allow_null=True)
    expertise = serializers.CharField()
    listed = serializers.BooleanField()
    email = serializers.SerializerMethodField(
        help_text="Only for signed-in clients (null otherwise)."
    )

    def get_email(self, expert) -> str | None:
        return expert.email if _signed_in(self) else None


def _length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _text(model, name: str, **kwargs):
    return serializers.CharField(
        max_length=_length(model, name), required=False, allow_blank=True, **kwargs
    )


class ResearchGroupInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=_length(ResearchGroup, "name"))
    description = _text(ResearchGroup, "description")
    expertise = _text(ResearchGroup, "expertise")
    website = serializers.URLField(max_length=300, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    sectors = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Sector.objects.all(), required=False
    )
    technologies = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Technology.objects.all(), required=False
    )


class ExpertInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=_length(Expert, "name"))
    role = _text(Expert, "role")
    research_group = serializers.PrimaryKeyRelatedField(
        queryset=ResearchGroup.objects.all(), required=False, allow_null=True
    )
    expertise = serializers.CharField(max_length=_length(Expert, "expertise"))
    email = serializers.EmailField(required=False, allow_blank=True)
    listed = serializers.BooleanField(
        required=False, help_text="True only when the person agreed to be listed."
    )


def _organisation(slug: str) -> Organisation:
    try:
        return organisation_selectors.organisation_detail(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


def _as_api_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(exc.message_dict)
    return ValidationError({"non_field_errors": exc.messages})


def _search(request, view, list_selector, serializer_class):
    filters = search_filters(request.query_params)
    paginator = Pagination()
    page = paginator.paginate_queryset(list_selector(filters=filters), request, view=view)
    data = serializer_class(page, many=True, context={"request": request}).data
    return paginator.get_paginated_response(data)


class ResearchGroupListApi(APIView):
    """GET: anyone, research groups by words and country."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        operation_id="research_groups_list",
        parameters=SEARCH_PARAMETERS,
        responses={200: paginated(ResearchGroupOutputSerializer)},
    )
    def get(self, request):
        filters = search_filters(request.query_params)
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.research_group_list(filters=filters, expert_counts=False), request, self
        )
        data = ResearchGroupOutputSerializer(
            _with_codes(list(page)), many=True, context={"request": request}
        ).data
        return paginator.get_paginated_response(data)


class ExpertListApi(APIView):
    """GET: anyone, listed experts by words and country."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        operation_id="experts_list",
        parameters=SEARCH_PARAMETERS,
        responses={200: paginated(ExpertOutputSerializer)},
    )
    def get(self, request):
        return _search(request, self, selectors.expert_list, ExpertOutputSerializer)


class OrganisationResearchGroupsApi(APIView):
    """POST: the organisation's admins and the secretariat add a research group."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        operation_id="organisations_research_groups_create",
        request=ResearchGroupInputSerializer,
        responses={201: ResearchGroupOutputSerializer},
    )
    def post(self, request, slug: str):
        organisation = _organisation(slug)
        data = ResearchGroupInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            group = services.research_group_create(
                organisation=organisation, actor=request.user, **data.validated_data
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        return Response(
            ResearchGroupOutputSerializer(group, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ResearchGroupDetailApi(APIView):
    """GET: anyone. PATCH, DELETE: the organisation's admins and the secretariat."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    def _get(self, slug: str, pk: int) -> ResearchGroup:
        try:
            return selectors.research_group_get(organisation=_organisation(slug), pk=pk)
        except ResearchGroup.DoesNotExist:
            raise Http404 from None

    @extend_schema(
        operation_id="organisations_research_groups_retrieve",
        responses={200: ResearchGroupOutputSerializer},
    )
    def get(self, request, slug: str, pk: int):
        group = self._get(slug, pk)
        return Response(ResearchGroupOutputSerializer(group, context={"request": request}).data)

    @extend_schema(
        operation_id="organisations_research_groups_partial_update",
        request=ResearchGroupInputSerializer(partial=True),
        responses={200: ResearchGroupOutputSerializer},
    )
    def patch(self, request, slug: str, pk: int):
        group = self._get(slug, pk)
        data = ResearchGroupInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            group = services.research_group_update(
                research_group=group, actor=request.user, **data.validated_data
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        return Response(
            ResearchGroupOutputSerializer(
                self._get(slug, group.pk), context={"request": request}
            ).data
        )

    @extend_schema(operation_id="organisations_research_groups_destroy", responses={204: None})
    def delete(self, request, slug: str, pk: int):
        services.research_group_delete(research_group=self._get(slug, pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OrganisationExpertsApi(APIView):
    """POST: the organisation's admins and the secretariat list an expert."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        operation_id="organisations_experts_create",
        request=ExpertInputSerializer,
        responses={201: ExpertOutputSerializer},
    )
    def post(self, request, slug: str):
        organisation = _organisation(slug)
        data = ExpertInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            expert = services.expert_create(
                organisation=organisation, actor=request.user, **data.validated_data
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        return Response(
            ExpertOutputSerializer(expert, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ExpertDetailApi(APIView):
    """GET: anyone when the expert is listed, else only the organisation's managers.
    PATCH, DELETE: the organisation's admins and the secretariat."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    def _get(self, request, slug: str, pk: int) -> Expert:
        organisation = _organisation(slug)
        try:
            expert = selectors.expert_get(organisation=organisation, pk=pk)
        except Expert.DoesNotExist:
            raise Http404 from None
        if not expert.listed and not can_edit_organisation(request.user, organisation):
            raise Http404
        return expert

    @extend_schema(
        operation_id="organisations_experts_retrieve", responses={200: ExpertOutputSerializer}
    )
    def get(self, request, slug: str, pk: int):
        expert = self._get(request, slug, pk)
        return Response(ExpertOutputSerializer(expert, context={"request": request}).data)

    @extend_schema(
        operation_id="organisations_experts_partial_update",
        request=ExpertInputSerializer(partial=True),
        responses={200: ExpertOutputSerializer},
    )
    def patch(self, request, slug: str, pk: int):
        expert = self._get(request, slug, pk)
        data = ExpertInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            expert = services.expert_update(
                expert=expert, actor=request.user, **data.validated_data
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        return Response(ExpertOutputSerializer(expert, context={"request": request}).data)

    @extend_schema(operation_id="organisations_experts_destroy", responses={204: None})
    def delete(self, request, slug: str, pk: int):
        services.expert_delete(expert=self._get(request, slug, pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
