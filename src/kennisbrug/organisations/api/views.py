"""The organisations API: thin views over the same services and selectors as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.pagination import Pagination
from kennisbrug.core.fragments import cached_render

from .. import selectors, services
from ..constants import OrganisationType, SizeClass
from ..forms import OrganisationFilterForm
from ..models import Organisation
from ..permissions import has_admin
from ..presentation import registration_request_message
from ..receivers import CATALOGUE_FRAGMENT
from .serializers import (
    MembershipOutputSerializer,
    MembershipRequestInputSerializer,
    MergeInputSerializer,
    MergeOutputSerializer,
    OrganisationInputSerializer,
    OrganisationOutputSerializer,
    OrganisationPageSerializer,
    RegistrationRequestOutputSerializer,
)

FILTER_PARAMETERS = [
    OpenApiParameter(
        "q", OpenApiTypes.STR, description="Text in name, expertise, offers, description."
    ),
    OpenApiParameter("type", OpenApiTypes.STR, enum=OrganisationType.values),
    OpenApiParameter("country", OpenApiTypes.STR, description="ISO code, e.g. BE."),
    OpenApiParameter("province", OpenApiTypes.STR, description="NUTS2 code, e.g. BE23."),
    OpenApiParameter("in_programme_area", OpenApiTypes.STR, enum=["true", "false"]),
    OpenApiParameter("sector", OpenApiTypes.STR, description="Sector code."),
    OpenApiParameter("technology", OpenApiTypes.STR, description="Technology code."),
    OpenApiParameter("size_class", OpenApiTypes.STR, enum=SizeClass.values),
    OpenApiParameter("page", OpenApiTypes.INT),
    OpenApiParameter("page_size", OpenApiTypes.INT),
]


def _get(slug: str) -> Organisation:
    try:
        return selectors.organisation_detail(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None


def _as_api_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(exc.message_dict)
    return ValidationError({"non_field_errors": exc.messages})


class OrganisationListApi(APIView):
    """GET: anyone, the registry filtered like the page. POST: logged-in users register one."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        operation_id="organisations_list",
        parameters=FILTER_PARAMETERS,
        responses={200: OrganisationPageSerializer},
    )
    def get(self, request):
        # A page of the registry is the same for every caller of one audience (signed in or
        # not: e-mail and phone), language and query string, so it is kept like the catalogue
        # page's cards, under the same version that every organisation write bumps. The
        # address the links of the envelope are built on is part of the key.
        body = cached_render(
            CATALOGUE_FRAGMENT,
            request,
            lambda: self._page(request),
            vary=f"api:{request.user.is_authenticated}:{request.build_absolute_uri('/')}",
        )
        return Response(body)

    def _page(self, request) -> dict:
        form = OrganisationFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        paginator = Pagination()
        # The JSON needs the region's province and programme-area flag, not the country's
        # and province's rows (the page's cards do).
        organisations = (
            selectors.organisation_list(filters=form.cleaned_data)
            .select_related(None)
            .select_related("nuts3")
        )
        page = paginator.paginate_queryset(organisations, request, view=self) or []
        page = selectors.with_tag_codes(list(page))
        sector_codes = selectors.listed_sector_codes(page)
        data = OrganisationOutputSerializer(
            page,
            many=True,
            context={
                "request": request,
                "sector_codes": sector_codes,
                "all_sectors": selectors.priority_sector_list(),
            },
        ).data
        return dict(paginator.get_paginated_response(data).data)

    @extend_schema(
        operation_id="organisations_create",
        description=(
            "Registers the organisation (201). When it already exists (same KBO/BCE, KvK or "
            "VAT number, or a nearly identical name at the same postcode) nothing is copied: "
            "the user asks to join the existing one instead (202)."
        ),
        request=OrganisationInputSerializer,
        responses={201: OrganisationOutputSerializer, 202: RegistrationRequestOutputSerializer},
    )
    def post(self, request):
        serializer = OrganisationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            registration = services.organisation_register(
                user=request.user, data=serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        if not registration.created:
            body = {
                "membership": registration.membership,
                "organisation": registration.organisation,
                "matched_by": registration.matched_by,
                "decided_by": "admins" if has_admin(registration.organisation) else "secretariat",
                "detail": registration_request_message(registration),
            }
            return Response(
                RegistrationRequestOutputSerializer(body).data, status=status.HTTP_202_ACCEPTED
            )
        return Response(
            OrganisationOutputSerializer(
                registration.organisation, context={"request": request}
            ).data,
            status=status.HTTP_201_CREATED,
        )


class OrganisationDetailApi(APIView):
    """GET: anyone. PATCH: the organisation's admins and the secretariat."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        operation_id="organisations_retrieve", responses={200: OrganisationOutputSerializer}
    )
    def get(self, request, slug: str):
        return Response(OrganisationOutputSerializer(_get(slug), context={"request": request}).data)

    @extend_schema(
        operation_id="organisations_partial_update",
        request=OrganisationInputSerializer(partial=True),
        responses={200: OrganisationOutputSerializer},
    )
    def patch(self, request, slug: str):
        organisation = _get(slug)
        serializer = OrganisationInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            organisation = services.organisation_update(
                organisation=organisation, updated_by=request.user, data=serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        organisation = _get(organisation.slug)
        return Response(
            OrganisationOutputSerializer(organisation, context={"request": request}).data
        )


class MembershipRequestApi(APIView):
    """POST: logged-in users ask to join the organisation; its admins decide."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="organisations_membership_request",
        request=MembershipRequestInputSerializer,
        responses={201: MembershipOutputSerializer},
    )
    def post(self, request, slug: str):
        organisation = _get(slug)
        serializer = MembershipRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            membership = services.membership_request(
                user=request.user,
                organisation=organisation,
                message=serializer.validated_data.get("message", ""),
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        return Response(MembershipOutputSerializer(membership).data, status=status.HTTP_201_CREATED)


def _plan_body(plan, *, merged: bool) -> dict:
    return {
        "keep": plan.keep.slug,
        "remove": plan.remove.slug,
        "merged": merged,
        "possible": plan.possible,
        "moves": [
            {
                "relation": f"{m.model._meta.label_lower}.{m.field}",
                "name": m.label,
                "count": m.count,
            }
            for m in plan.moves
            if m.count
        ],
        "filled": sorted(plan.filled),
        "problems": [str(p) for p in plan.problems],
    }


class OrganisationMergeApi(APIView):
    """POST: the secretariat only. Merge `remove` into `keep` (everything pointing at it
    moves, it is deleted, an audit record is written), or with dry_run only see the plan.
    A merge that would break a rule is refused with 400 and the reasons."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="organisations_merge",
        request=MergeInputSerializer,
        responses={200: MergeOutputSerializer},
    )
    def post(self, request):
        if not getattr(request.user, "is_secretariat", False):
            raise PermissionDenied
        serializer = MergeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        keep, remove = _get(data["keep"]), _get(data["remove"])
        if data["dry_run"]:
            plan = services.organisation_merge_plan(keep=keep, remove=remove)
            return Response(MergeOutputSerializer(_plan_body(plan, merged=False)).data)
        try:
            plan = services.organisation_merge(keep=keep, remove=remove, merged_by=request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        return Response(MergeOutputSerializer(_plan_body(plan, merged=True)).data)
