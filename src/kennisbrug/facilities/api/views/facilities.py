"""Facilities API: catalogue, availability, quotes, bookings and their transitions, usage.

Each view says who may use it. Errors are problem+json; a taken slot is 409 Conflict.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.errors import problem_response
from kennisbrug.api.pagination import Pagination, paginate, paginated
from kennisbrug.core.models import Sector, Technology
from kennisbrug.organisations.models import Organisation

from ... import booking_rules, permissions, selectors, services
from ...constants import AccessMode, BookingStatus
from ...forms import CatalogueFilterForm
from ...models import Facility
from ...reports import facility_usage
from ...workflow import BOOKING
from .. import serializers as s

MODE_FIELDS = [mode.value for mode in AccessMode]


def conflict(exc) -> Response:
    response = problem_response(status.HTTP_409_CONFLICT, " ".join(exc.messages), code="conflict")
    alternatives = getattr(exc, "alternatives", None)
    if alternatives is not None:
        response.data["alternatives"] = s.FreePeriod(
            [{"start": start, "end": end} for start, end in alternatives], many=True
        ).data
    return response


def _codes(model, codes, field):
    found = list(model.objects.filter(code__in=codes))
    if len(found) != len(set(codes)):
        raise serializers.ValidationError({field: [_("Unknown code.")]})
    return found


def facility_arguments(data: dict) -> dict:
    """Turn validated FacilityInput data into facility service keyword arguments."""
    args = {
        k: v
        for k, v in data.items()
        if k not in {"owner", "country", "access_modes", "sectors", "technologies"}
    }
    if "country" in data:
        args["country_id"] = data["country"].upper()
    if "access_modes" in data:
        args.update({mode: mode in data["access_modes"] for mode in MODE_FIELDS})
    if "sectors" in data:
        args["sectors"] = _codes(Sector, data["sectors"], "sectors")
    if "technologies" in data:
        args["technologies"] = _codes(Technology, data["technologies"], "technologies")
    if "opening_hours" in data:
        args["opening_hours"] = [
            (h["weekday"], h["opens"], h["closes"]) for h in data["opening_hours"]
        ]
    if "tariffs" in data:
        args["tariffs"] = [
            {
                "customer_class": t["customer_class"],
                "hourly_rate": t.get("hourly_rate"),
                "daily_rate": t.get("daily_rate"),
            }
            for t in data["tariffs"]
        ]
    return args


def _facility_qs():
    return Facility.objects.select_related("owner", "nuts3__province").prefetch_related(
        "sectors", "technologies", "opening_hours", "tariffs"
    )


FILTER_PARAMS = [
    OpenApiParameter(name, str, required=False)
    for name in (
        "q",
        "category",
        "country",
        "province",
        "sector",
        "technology",
        "access_mode",
        "available_start",
        "available_end",
    )
]


class FacilityListApi(APIView):
    """GET: everyone — the catalogue with filters. POST: organisation admins publish a facility."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(
        operation_id="facilities_list",
        parameters=FILTER_PARAMS,
        responses=paginated(s.FacilityOutput),
    )
    def get(self, request):
        form = CatalogueFilterForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        # The JSON needs the owner's name, not its whole row (long texts included), and the
        # region's province and programme-area flag, not the country's and province's rows.
        qs = (
            selectors.facility_list(user=request.user, filters=form.filters())
            .select_related(None)
            .select_related("nuts3")
            .annotate(owner_label=F("owner__name"))
        )
        paginator = Pagination()
        page = selectors.with_list_details(list(paginator.paginate_queryset(qs, request, self)))
        return paginator.get_paginated_response(s.FacilityOutput(page, many=True).data)

    @extend_schema(request=s.FacilityInput, responses={201: s.FacilityOutput})
    def post(self, request):
        data = s.FacilityInput(data=request.data)
        data.is_valid(raise_exception=True)
        owner_id = data.validated_data.get("owner")
        if owner_id is None:
            raise serializers.ValidationError({"owner": [_("This field is required.")]})
        owner = get_object_or_404(Organisation, pk=owner_id)
        facility = services.facility_create(
            owner=owner, actor=request.user, **facility_arguments(data.validated_data)
        )
        return Response(s.FacilityOutput(_facility_qs().get(pk=facility.pk)).data, status=201)


class FacilityDetailApi(APIView):
    """GET: everyone (published) — one facility. PATCH: its managers change it."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(responses=s.FacilityOutput)
    def get(self, request, pk):
        return Response(s.FacilityOutput(selectors.facility_visible(user=request.user, pk=pk)).data)

    @extend_schema(request=s.FacilityInput, responses=s.FacilityOutput)
    def patch(self, request, pk):
        facility = get_object_or_404(Facility, pk=pk)
        if not permissions.is_facility_manager(request.user, facility):
            raise PermissionDenied
        data = s.FacilityInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.facility_update(
            facility=facility, actor=request.user, **facility_arguments(data.validated_data)
        )
        return Response(s.FacilityOutput(_facility_qs().get(pk=pk)).data)


class AvailabilityApi(APIView):
    """GET: everyone — opening, busy and free intervals (UTC) of a facility; no names."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, required=True),
            OpenApiParameter("end", str, required=True),
        ],
        responses=s.AvailabilityOutput,
    )
    def get(self, request, pk):
        facility = selectors.facility_visible(user=request.user, pk=pk)
        period = s.PeriodInput(data=request.query_params)
        period.is_valid(raise_exception=True)
        start, end = period.validated_data["start"], period.validated_data["end"]
        if (end - start).days > 92:
            raise serializers.ValidationError({"end": [_("Ask for at most 92 days at a time.")]})
        opened = booking_rules.open_intervals(
            selectors.facility_slots(facility=facility), start, end
        )
        busy = [
            (
                max(booking_rules.to_utc(b0), booking_rules.to_utc(start)),
                min(booking_rules.to_utc(b1), booking_rules.to_utc(end)),
            )
            for b0, b1 in selectors.busy_intervals(facility=facility, start=start, end=end)
        ]
        as_list = lambda items: [{"start": a, "end": b} for a, b in items]  # noqa: E731
        body = {
            "start": start,
            "end": end,
            "open": as_list(opened),
            "busy": as_list(busy),
            "free": as_list(booking_rules.subtract(opened, busy)),
        }
        return Response(s.AvailabilityOutput(body).data)


def _member_organisation(request, pk) -> Organisation:
    return get_object_or_404(Organisation, pk=pk)


class QuoteApi(APIView):
    """POST: active members of the named organisation — the price for a period; nothing is
    written. Anyone else gets 403 and learns nothing about the organisation. A taken period
    is 409 with the next free periods of the same length."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.QuoteInput, responses={200: s.QuoteOutput, 409: s.ConflictProblem})
    def post(self, request, pk):
        facility = selectors.facility_visible(user=request.user, pk=pk)
        data = s.QuoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = _member_organisation(request, data.validated_data["organisation"])
        try:
            quote = services.booking_quote(
                facility=facility,
                requester=request.user,
                organisation=organisation,
                start=data.validated_data["start"],
                end=data.validated_data["end"],
            )
        except services.BookingConflict as exc:
            return conflict(exc)
        return Response(s.QuoteOutput(quote.as_dict()).data)


class FacilityBookingsApi(APIView):
    """GET: the facility's managers and the secretariat — its bookings with details.
    POST: members of an organisation — request a booking (409 if the slot is taken)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="facility_bookings_list", responses=paginated(s.BookingOutput))
    def get(self, request, pk):
        facility = get_object_or_404(Facility, pk=pk)
        if not permissions.can_view_facility_report(request.user, facility):
            raise PermissionDenied
        qs = selectors.facility_bookings(facility=facility).select_related("facility")
        return paginate(request, self, qs, s.BookingOutput)

    @extend_schema(request=s.BookingInput, responses={201: s.BookingOutput, 409: s.ConflictProblem})
    def post(self, request, pk):
        facility = selectors.facility_visible(user=request.user, pk=pk)
        data = s.BookingInput(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = _member_organisation(request, data.validated_data["organisation"])
        try:
            booking = services.booking_request(
                facility=facility,
                requester=request.user,
                organisation=organisation,
                start=data.validated_data["start"],
                end=data.validated_data["end"],
                purpose=data.validated_data["purpose"],
            )
        except services.BookingConflict as exc:
            return conflict(exc)
        return Response(s.BookingOutput(booking).data, status=201)


class MyBookingsApi(APIView):
    """GET: logged-in people — their own bookings."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="my_bookings_list",
        parameters=[OpenApiParameter("status", str, required=False, enum=BookingStatus.values)],
        responses=paginated(s.BookingOutput),
    )
    def get(self, request):
        qs = selectors.booking_list_for_requester(user=request.user).order_by("-start")
        if request.query_params.get("status") in BookingStatus.values:
            qs = qs.filter(status=request.query_params["status"])
        return paginate(request, self, qs, s.BookingOutput)


class BookingDetailApi(APIView):
    """GET: the requester, the facility's managers and the secretariat — one booking."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.BookingOutput)
    def get(self, request, pk):
        return Response(s.BookingOutput(selectors.booking_visible(user=request.user, pk=pk)).data)


class BookingTransitionApi(APIView):
    """POST: managers approve/reject/cancel/complete; the requester cancels (409 on overlap)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.TransitionInput, responses=s.BookingOutput)
    def post(self, request, pk):
        booking = selectors.booking_visible(user=request.user, pk=pk)
        data = s.TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        to, reason = data.validated_data["to"], data.validated_data.get("reason", "")
        try:
            booking = services.booking_transition(
                obj=booking, action=BOOKING.action_to(to), actor=request.user, reason=reason
            )
        except services.BookingConflict as exc:
            return conflict(exc)
        except DjangoValidationError as exc:
            if getattr(exc, "code", None) == "transition":
                return problem_response(409, " ".join(exc.messages), code="transition")
            raise
        return Response(s.BookingOutput(booking).data)


class UsageApi(APIView):
    """GET: the facility's managers and the secretariat — usage figures for a period."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", str, required=True),
            OpenApiParameter("end", str, required=True),
        ],
        responses=s.UsageOutput,
    )
    def get(self, request, pk):
        facility = get_object_or_404(Facility, pk=pk)
        if not permissions.can_view_facility_report(request.user, facility):
            raise PermissionDenied
        period = s.PeriodInput(data=request.query_params)
        period.is_valid(raise_exception=True)
        report = facility_usage(facility=facility, **period.validated_data)
        return Response(s.UsageOutput(report).data)
