"""Projects API: fit check, consortium proposals, CRUD for ideas, networks and challenges.

Each view's docstring says who may use it; permission checks live in ../permissions.py
and the services (PermissionDenied -> 403, ValidationError -> 400 problem+json).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.pagination import paginate, paginated
from kennisbrug.api.throttling import DEFAULT_THROTTLES, FitCheckThrottle, MatchingThrottle

from ... import services
from ...fitcheck import fit_check
from ...models import ChallengeResponse, IdeaPartner, Network, NetworkMembership
from ...permissions import can_view_challenge
from ...selectors.ideas import (
    accepted_partner_ids,
    challenge_list,
    idea_list,
    idea_requirements,
    idea_visible,
    network_composition,
    network_list,
)
from ...selectors.matching import consortium_proposal
from ...services import challenges as services_challenges
from ...services import networks as services_networks
from ...workflow import CHALLENGE, RESPONSE
from .. import serializers as s


class FitCheckApi(APIView):
    """Anyone (also anonymous, throttled): fit check of a text with optional partners. Writes nothing."""

    permission_classes = [AllowAny]
    throttle_classes = [*DEFAULT_THROTTLES, FitCheckThrottle]

    @extend_schema(request=s.FitCheckInput, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        data = s.FitCheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        report = fit_check(
            v["text"],
            data.partner_specs(),
            sectors=v.get("sectors", ()),
            technologies=v.get("technologies", ()),
        )
        return Response(report)


class ConsortiumApi(APIView):
    """Logged-in users: propose a consortium for required competences under constraints. Writes nothing."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [*DEFAULT_THROTTLES, MatchingThrottle]

    @extend_schema(request=s.ConsortiumInput, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        data = s.ConsortiumInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(consortium_proposal(**data.validated_data))


class IdeaListApi(APIView):
    """List: ideas visible to the user (anonymous sees public ones). Create: members of the lead organisation."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(operation_id="projects_ideas_list", responses={200: paginated(s.IdeaOutput)})
    def get(self, request):
        qs = idea_list(user=request.user).prefetch_related("partners", "sectors", "technologies")
        return paginate(request, self, qs, s.IdeaOutput)

    @extend_schema(request=s.IdeaInput, responses={201: s.IdeaOutput})
    def post(self, request):
        data = s.IdeaInput(data=request.data)
        data.is_valid(raise_exception=True)
        idea = services.idea_create(created_by=request.user, **data.validated_data)
        return Response(s.IdeaOutput(idea).data, status=status.HTTP_201_CREATED)


class IdeaDetailApi(APIView):
    """Read: whoever may see the idea. Change/delete: members of the lead organisation."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(responses={200: s.IdeaOutput})
    def get(self, request, pk):
        return Response(s.IdeaOutput(idea_visible(user=request.user, pk=pk, conceal=True)).data)

    @extend_schema(request=s.IdeaUpdateInput, responses={200: s.IdeaOutput})
    def patch(self, request, pk):
        idea = idea_visible(user=request.user, pk=pk, conceal=True)
        data = s.IdeaUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        idea = services.idea_update(idea=idea, user=request.user, **data.validated_data)
        return Response(s.IdeaOutput(idea).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        services.idea_delete(
            idea=idea_visible(user=request.user, pk=pk, conceal=True), user=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class IdeaPartnerApi(APIView):
    """Members of the lead organisation add named outside partners; admins of the lead
    organisation invite registry organisations (status "invited" until one of the invited
    organisation's admins accepts)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.PartnerInput, responses={201: s.PartnerOutput})
    def post(self, request, pk):
        data = s.PartnerInput(data=request.data)
        data.is_valid(raise_exception=True)
        partner = services.idea_partner_add(
            idea=idea_visible(user=request.user, pk=pk, conceal=True),
            user=request.user,
            **data.validated_data,
        )
        return Response(s.PartnerOutput(partner).data, status=status.HTTP_201_CREATED)


class IdeaPartnerDetailApi(APIView):
    """Members of the lead organisation change a partner's amounts or role, or remove a
    partner (not the lead)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.PartnerUpdateInput, responses={200: s.PartnerOutput})
    def patch(self, request, pk, partner_pk):
        partner = get_object_or_404(
            IdeaPartner, pk=partner_pk, idea=idea_visible(user=request.user, pk=pk, conceal=True)
        )
        data = s.PartnerUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        partner = services.idea_partner_update(
            partner=partner, user=request.user, **data.validated_data
        )
        return Response(s.PartnerOutput(partner).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk, partner_pk):
        partner = get_object_or_404(
            IdeaPartner, pk=partner_pk, idea=idea_visible(user=request.user, pk=pk, conceal=True)
        )
        services.idea_partner_remove(partner=partner, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IdeaFitCheckApi(APIView):
    """Members of the lead organisation run and store the idea's fit check."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [*DEFAULT_THROTTLES, FitCheckThrottle]

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        return Response(
            services.idea_fit_check(
                idea=idea_visible(user=request.user, pk=pk, conceal=True), user=request.user
            )
        )


class IdeaConsortiumApi(APIView):
    """Members of the lead organisation: propose partners to add to the idea (its partners stay in)."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [*DEFAULT_THROTTLES, MatchingThrottle]

    @extend_schema(request=s.ConstraintsInput, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        from ...permissions import can_edit_idea

        idea = idea_visible(user=request.user, pk=pk, conceal=True)
        if not can_edit_idea(request.user, idea):
            raise PermissionDenied
        cons = s.ConstraintsInput(data=request.data)
        cons.is_valid(raise_exception=True)
        needs = (
            request.data.get("needs", []) if isinstance(request.data.get("needs", []), list) else []
        )
        reqs = idea_requirements(idea, [str(n)[:500] for n in needs[:10]])
        if not reqs:
            return Response(
                {
                    "status": "infeasible",
                    "members": [],
                    "problems": [{"constraint": "competence", "message": str(_no_requirements())}],
                }
            )
        constraints = dict(cons.validated_data)
        constraints["existing"] = accepted_partner_ids(idea)
        return Response(
            consortium_proposal(
                requirements=[{"kind": r.kind, "value": r.value} for r in reqs],
                constraints=constraints,
            )
        )


def _no_requirements():
    from django.utils.translation import gettext as _

    return _("Give the idea sectors, technologies or needs first.")


class IdeaInvitationApi(APIView):
    """Admins of the lead organisation invite an organisation; the invitation is an introduction."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.InvitationInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        data = s.InvitationInput(data=request.data)
        data.is_valid(raise_exception=True)
        inv = services.idea_invite_partner(
            idea=idea_visible(user=request.user, pk=pk, conceal=True),
            user=request.user,
            **data.validated_data,
        )
        return Response(
            {"id": inv.pk, "status": inv.status, "introduction": inv.introduction_id},
            status=status.HTTP_201_CREATED,
        )


class NetworkListApi(APIView):
    """List: anyone. Create: members of the coordinating organisation."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(responses={200: s.NetworkOutput(many=True)})
    def get(self, request):
        return Response(
            s.NetworkOutput(network_list(kind=request.query_params.get("kind")), many=True).data
        )

    @extend_schema(request=s.NetworkInput, responses={201: s.NetworkOutput})
    def post(self, request):
        data = s.NetworkInput(data=request.data)
        data.is_valid(raise_exception=True)
        network = services_networks.network_create(created_by=request.user, **data.validated_data)
        return Response(s.NetworkOutput(network).data, status=status.HTTP_201_CREATED)


class NetworkDetailApi(APIView):
    """Anyone: a network with its helix composition, country balance and gaps."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk):
        network = get_object_or_404(Network, pk=pk)
        comp = network_composition(network=network)
        body = s.NetworkOutput(network).data
        body.update(
            helix=comp["helix"],
            countries=comp["countries"],
            members=[o.pk for o in comp["members"]],
            gaps=[{"kind": k, "code": c} for k, c, _l in comp["gaps"]],
        )
        return Response(body)


class NetworkJoinApi(APIView):
    """Members of an organisation ask to join for it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.JoinInput, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        data = s.JoinInput(data=request.data)
        data.is_valid(raise_exception=True)
        m = services_networks.network_join_request(
            network=get_object_or_404(Network, pk=pk), user=request.user, **data.validated_data
        )
        return Response({"id": m.pk, "status": m.status}, status=status.HTTP_201_CREATED)


class NetworkDecisionApi(APIView):
    """Coordinator's admins and the secretariat accept or reject a join request."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.DecisionInput, responses={200: OpenApiTypes.OBJECT})
    def post(self, request, pk, membership_pk):
        data = s.DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        m = get_object_or_404(NetworkMembership, pk=membership_pk, network_id=pk)
        m = services_networks.network_membership_decide(
            membership=m, user=request.user, **data.validated_data
        )
        return Response({"id": m.pk, "status": m.status})


class ChallengeListApi(APIView):
    """List: published challenges for anyone, drafts for their owners. Create: company/government members."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(responses={200: s.ChallengeOutput(many=True)})
    def get(self, request):
        return Response(s.ChallengeOutput(challenge_list(user=request.user), many=True).data)

    @extend_schema(request=s.ChallengeInput, responses={201: s.ChallengeOutput})
    def post(self, request):
        data = s.ChallengeInput(data=request.data)
        data.is_valid(raise_exception=True)
        ch = services_challenges.challenge_create(created_by=request.user, **data.validated_data)
        return Response(s.ChallengeOutput(ch).data, status=status.HTTP_201_CREATED)


def _challenge(request, pk):
    ch = get_object_or_404(challenge_list(user=request.user), pk=pk)
    if not can_view_challenge(request.user, ch):
        raise PermissionDenied
    return ch


class ChallengeDetailApi(APIView):
    """Whoever may see the challenge (drafts: owner's members and secretariat)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: s.ChallengeOutput})
    def get(self, request, pk):
        return Response(s.ChallengeOutput(_challenge(request, pk)).data)


class ChallengeTransitionApi(APIView):
    """The owner's members move the challenge (publish, close submissions, award, close, cancel)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ChallengeTransitionInput, responses={200: s.ChallengeOutput})
    def post(self, request, pk):
        data = s.ChallengeTransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        ch = services_challenges.challenge_transition(
            obj=_challenge(request, pk),
            action=CHALLENGE.action_to(data.validated_data["to"]),
            actor=request.user,
            reason=data.validated_data["reason"],
        )
        return Response(s.ChallengeOutput(ch).data)


class ChallengeResponseApi(APIView):
    """Members of SMEs and knowledge institutions respond to an open challenge."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ResponseInput, responses={201: s.ResponseOutput})
    def post(self, request, pk):
        data = s.ResponseInput(data=request.data)
        data.is_valid(raise_exception=True)
        r = services_challenges.challenge_respond(
            challenge=_challenge(request, pk), user=request.user, **data.validated_data
        )
        return Response(s.ResponseOutput(r).data, status=status.HTTP_201_CREATED)


class ResponseTransitionApi(APIView):
    """Owner's members shortlist/select/reject; the responder's members withdraw."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.ResponseTransitionInput, responses={200: s.ResponseOutput})
    def post(self, request, pk):
        data = s.ResponseTransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        r = get_object_or_404(ChallengeResponse, pk=pk)
        r = services_challenges.response_transition(
            obj=r, action=RESPONSE.action_to(data.validated_data["to"]), actor=request.user
        )
        return Response(s.ResponseOutput(r).data)
