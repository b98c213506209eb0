"""Living labs API: labs, calls for pilots, pilots and their transitions."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.errors import problem_response
from kennisbrug.api.pagination import paginate, paginated
from kennisbrug.core.models import Sector, Technology
from kennisbrug.organisations.models import Organisation

from ... import permissions, selectors
from ...models import LivingLab, LivingLabInvitation, PilotCall
from ...services import labs as lab_services
from ...workflow import PILOT
from .. import serializers as s
from .facilities import _codes


def lab_arguments(data: dict) -> dict:
    args = {
        k: v
        for k, v in data.items()
        if k not in {"owner", "country", "sectors", "technologies", "partners"}
    }
    if "country" in data:
        args["country_id"] = data["country"].upper()
    if "sectors" in data:
        args["sectors"] = _codes(Sector, data["sectors"], "sectors")
    if "technologies" in data:
        args["technologies"] = _codes(Technology, data["technologies"], "technologies")
    if "partners" in data:
        partners = list(Organisation.objects.filter(pk__in=data["partners"]))
        if len(partners) != len(set(data["partners"])):
            raise serializers.ValidationError({"partners": ["Unknown organisation."]})
        args["partners"] = partners
    return args


def _lab_qs():
    return LivingLab.objects.select_related("owner").prefetch_related(
        "sectors", "technologies", "partners", "calls"
    )


class LivingLabListApi(APIView):
    """GET: everyone — living labs. POST: organisation admins publish one."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(operation_id="living_labs_list", responses=paginated(s.LivingLabOutput))
    def get(self, request):
        qs = _lab_qs().order_by("name", "id")
        if country := request.query_params.get("country"):
            qs = qs.filter(country_id=country[:2].upper())
        return paginate(request, self, qs, s.LivingLabOutput)

    @extend_schema(request=s.LivingLabInput, responses={201: s.LivingLabOutput})
    def post(self, request):
        data = s.LivingLabInput(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data.get("owner") is None:
            raise serializers.ValidationError({"owner": ["This field is required."]})
        owner = get_object_or_404(Organisation, pk=data.validated_data["owner"])
        lab = lab_services.living_lab_create(
            owner=owner, actor=request.user, **lab_arguments(data.validated_data)
        )
        return Response(s.LivingLabOutput(_lab_qs().get(pk=lab.pk)).data, status=201)


class LivingLabDetailApi(APIView):
    """GET: everyone — one living lab. PATCH: admins of the coordinating organisation."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(responses=s.LivingLabOutput)
    def get(self, request, pk):
        return Response(s.LivingLabOutput(get_object_or_404(_lab_qs(), pk=pk)).data)

    @extend_schema(request=s.LivingLabInput, responses=s.LivingLabOutput)
    def patch(self, request, pk):
        lab = get_object_or_404(LivingLab, pk=pk)
        if not permissions.is_living_lab_manager(request.user, lab):
            raise PermissionDenied
        data = s.LivingLabInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        lab_services.living_lab_update(
            living_lab=lab, actor=request.user, **lab_arguments(data.validated_data)
        )
        return Response(s.LivingLabOutput(_lab_qs().get(pk=pk)).data)


class PilotCallCreateApi(APIView):
    """POST: admins of the coordinating organisation — open a call for pilots."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.PilotCallInput, responses={201: s.PilotCallOutput})
    def post(self, request, pk):
        lab = get_object_or_404(LivingLab, pk=pk)
        data = s.PilotCallInput(data=request.data)
        data.is_valid(raise_exception=True)
        call = lab_services.pilot_call_create(
            living_lab=lab, actor=request.user, **data.validated_data
        )
        return Response(s.PilotCallOutput(call).data, status=201)


class PilotProposeApi(APIView):
    """POST: members of an organisation — propose a pilot in a living lab."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.PilotInput, responses={201: s.PilotOutput})
    def post(self, request, pk):
        lab = get_object_or_404(LivingLab, pk=pk)
        data = s.PilotInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        organisation = get_object_or_404(Organisation, pk=values.pop("organisation"))
        call_id = values.pop("call", None)
        call = get_object_or_404(PilotCall, pk=call_id) if call_id else None
        pilot = lab_services.pilot_propose(
            living_lab=lab, proposer=request.user, organisation=organisation, call=call, **values
        )
        return Response(s.PilotOutput(pilot).data, status=201)


class PilotListApi(APIView):
    """GET: logged-in people — pilots they proposed or in living labs they manage."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="living_labs_pilots_list", responses=paginated(s.PilotOutput))
    def get(self, request):
        return paginate(request, self, selectors.pilot_list_for(user=request.user), s.PilotOutput)


class PilotDetailApi(APIView):
    """GET: the proposer, the lab's managers and the secretariat — one pilot."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.PilotOutput)
    def get(self, request, pk):
        return Response(s.PilotOutput(selectors.pilot_visible(user=request.user, pk=pk)).data)


class PilotTransitionApi(APIView):
    """POST: lab managers accept, decline, complete (with result); the proposer withdraws."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.PilotTransitionInput, responses=s.PilotOutput)
    def post(self, request, pk):
        pilot = selectors.pilot_visible(user=request.user, pk=pk)
        data = s.PilotTransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        try:
            pilot = lab_services.pilot_transition(
                obj=pilot,
                action=PILOT.action_to(v["to"]),
                actor=request.user,
                reason=v.get("reason", ""),
                solution_developed=v.get("solution_developed"),
                summary=v.get("result_summary", ""),
            )
        except DjangoValidationError as exc:
            if getattr(exc, "code", None) == "transition":
                return problem_response(409, " ".join(exc.messages), code="transition")
            raise
        return Response(s.PilotOutput(pilot).data)


def _answer_invitation(request, pk: int, *, accept: bool) -> Response:
    invitation = get_object_or_404(
        LivingLabInvitation.objects.select_related("living_lab__owner", "organisation"), pk=pk
    )
    if not permissions.can_see_lab_invitation(request.user, invitation):
        raise NotFound
    invitation = lab_services.living_lab_invitation_respond(
        invitation=invitation, user=request.user, accept=accept
    )
    return Response(s.LabInvitationOutput(invitation).data)


class LabInvitationListApi(APIView):
    """Members of an organisation: living labs that ask it to be a partner."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="living_labs_invitations_list", responses=paginated(s.LabInvitationOutput)
    )
    def get(self, request):
        return paginate(
            request, self, selectors.lab_invitations_for(user=request.user), s.LabInvitationOutput
        )


class LabInvitationAcceptApi(APIView):
    """Admins of the invited organisation accept: it is listed as the lab's partner.
    Members of the invited organisation, the lab's admins and the secretariat get 403
    with the reason; everyone else 404."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: s.LabInvitationOutput})
    def post(self, request, pk):
        return _answer_invitation(request, pk, accept=True)


class LabInvitationDeclineApi(APIView):
    """Admins of the invited organisation decline; the lab does not list it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: s.LabInvitationOutput})
    def post(self, request, pk):
        return _answer_invitation(request, pk, accept=False)
