"""API of training participations (enrol, complete)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.organisations.permissions import user_organisations

from ... import services
from ...models import Training, TrainingParticipation
from ...selectors import market as market_selectors
from ..serializers import EnrolInput, ParticipationOutput


class TrainingEnrolApi(APIView):
    """POST /api/v1/skills/trainings/<pk>/participations/ — signed-in people enrol themselves
    in a published training, optionally naming one of their own organisations as employer
    (any other organisation → 400)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=EnrolInput, responses={201: ParticipationOutput})
    def post(self, request, pk: int):
        training = get_object_or_404(Training.objects.select_related("provider"), pk=pk)
        if not market_selectors.training_visible(user=request.user, training=training):
            raise NotFound()
        data = EnrolInput(data=request.data)
        data.is_valid(raise_exception=True)
        employer = None
        employer_id = data.validated_data.get("employer")
        if employer_id is not None:
            # Unknown and foreign organisations get the same answer: existence is not news.
            employer = user_organisations(request.user).filter(pk=employer_id).first()
            if employer is None:
                raise ValidationError(
                    {"employer": [_("Choose one of your own organisations as employer.")]}
                )
        participation = services.training_enrol(
            training=training, user=request.user, employer=employer
        )
        return Response(ParticipationOutput(participation).data, status=201)


class ParticipationCompleteApi(APIView):
    """POST /api/v1/skills/participations/<pk>/complete/ — active members of the training's
    provider organisation only."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: ParticipationOutput})
    def post(self, request, pk: int):
        participation = get_object_or_404(
            TrainingParticipation.objects.select_related("training__provider"), pk=pk
        )
        participation = services.training_participation_complete(
            participation=participation, by=request.user
        )
        return Response(ParticipationOutput(participation).data)
