"""API for the invited organisation: accept or decline a partner invitation.

Only admins of the invited organisation answer. Members of the invited or the lead
organisation and the secretariat, who may see the invitation, get 403; everyone
else 404. An answered invitation cannot be answered again (400).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ... import services
from ...models import PartnerInvitation
from ...permissions import can_see_invitation
from .. import serializers as s


def _answer(request, pk: int, *, accept: bool) -> Response:
    invitation = get_object_or_404(
        PartnerInvitation.objects.select_related("idea__lead_organisation", "organisation"), pk=pk
    )
    if not can_see_invitation(request.user, invitation):
        raise NotFound
    invitation = services.invitation_respond(
        invitation=invitation, user=request.user, accept=accept
    )
    return Response(s.InvitationOutput(invitation).data)


class InvitationAcceptApi(APIView):
    """Admins of the invited organisation accept: it becomes a partner of the idea."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: s.InvitationOutput})
    def post(self, request, pk):
        return _answer(request, pk, accept=True)


class InvitationDeclineApi(APIView):
    """Admins of the invited organisation decline; nothing else changes."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: s.InvitationOutput})
    def post(self, request, pk):
        return _answer(request, pk, accept=False)
