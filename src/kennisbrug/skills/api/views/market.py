"""API of trainings, vacancies and learning paths.

Trainings and vacancies: anyone reads published trainings and open vacancies;
active members of the owning organisation create, change and delete them (and
also see their unpublished/closed ones). Learning path: signed-in people with a
profile, for their own profile only.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.organisations.models import Organisation

from ... import services
from ...constants import PathObjective
from ...learning_path import occupation_resolve, profile_learning_path
from ...models import Profile, Training, Vacancy
from ...selectors import market as market_selectors
from ..serializers import (
    LearningPathOutput,
    TrainingInput,
    TrainingOutput,
    VacancyInput,
    VacancyOutput,
    learning_path_payload,
)

MAX_LIST = 200


def _organisation(pk) -> Organisation:
    if pk is None:
        raise ValidationError({"organisation": [_("This field is required.")]})
    org = Organisation.objects.filter(pk=pk).first()
    if org is None:
        raise ValidationError({"organisation": [_("Unknown organisation.")]})
    return org


def _filters(request, keys) -> dict:
    return {k: request.query_params.get(k, "")[:100] for k in keys if request.query_params.get(k)}


class TrainingListApi(APIView):
    """GET: anyone (published trainings + own organisations' unpublished).
    POST: active members of the provider organisation."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(responses={200: TrainingOutput(many=True)})
    def get(self, request):
        keys = ("q", "language", "mode", "audience", "sector", "country", "level")
        qs = market_selectors.training_list(user=request.user, filters=_filters(request, keys))
        qs = qs.prefetch_related("skills", "sectors")[:MAX_LIST]
        return Response(TrainingOutput(qs, many=True).data)

    @extend_schema(request=TrainingInput, responses={201: TrainingOutput})
    def post(self, request):
        data = TrainingInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        provider = _organisation(fields.pop("provider", None))
        training = services.training_create(user=request.user, provider=provider, **fields)
        return Response(TrainingOutput(training).data, status=201)


class TrainingDetailApi(APIView):
    """GET: anyone for published trainings; PATCH/DELETE: active members of the provider."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    def _get(self, request, pk) -> Training:
        training = get_object_or_404(Training.objects.select_related("provider"), pk=pk)
        if not market_selectors.training_visible(user=request.user, training=training):
            raise NotFound()
        return training

    @extend_schema(responses={200: TrainingOutput})
    def get(self, request, pk: int):
        return Response(TrainingOutput(self._get(request, pk)).data)

    @extend_schema(request=TrainingInput, responses={200: TrainingOutput})
    def patch(self, request, pk: int):
        training = self._get(request, pk)
        data = TrainingInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("provider", None)
        training = services.training_update(user=request.user, training=training, **fields)
        return Response(TrainingOutput(training).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.training_delete(user=request.user, training=self._get(request, pk))
        return Response(status=204)


class VacancyListApi(APIView):
    """GET: anyone (open vacancies + own organisations' closed ones).
    POST: active members of the employer organisation."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(responses={200: VacancyOutput(many=True)})
    def get(self, request):
        qs = market_selectors.vacancy_list(
            user=request.user, filters=_filters(request, ("q", "country", "occupation"))
        )
        return Response(VacancyOutput(qs[:MAX_LIST], many=True).data)

    @extend_schema(request=VacancyInput, responses={201: VacancyOutput})
    def post(self, request):
        data = VacancyInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        organisation = _organisation(fields.pop("organisation", None))
        vacancy = services.vacancy_create(user=request.user, organisation=organisation, **fields)
        return Response(VacancyOutput(vacancy).data, status=201)


class VacancyDetailApi(APIView):
    """GET: anyone for open vacancies; PATCH/DELETE: active members of the employer."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    def _get(self, request, pk) -> Vacancy:
        vacancy = get_object_or_404(Vacancy.objects.select_related("organisation"), pk=pk)
        if not market_selectors.vacancy_visible(user=request.user, vacancy=vacancy):
            raise NotFound()
        return vacancy

    @extend_schema(responses={200: VacancyOutput})
    def get(self, request, pk: int):
        return Response(VacancyOutput(self._get(request, pk)).data)

    @extend_schema(request=VacancyInput, responses={200: VacancyOutput})
    def patch(self, request, pk: int):
        vacancy = self._get(request, pk)
        data = VacancyInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("organisation", None)
        vacancy = services.vacancy_update(user=request.user, vacancy=vacancy, **fields)
        return Response(VacancyOutput(vacancy).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.vacancy_delete(user=request.user, vacancy=self._get(request, pk))
        return Response(status=204)


class LearningPathApi(APIView):
    """GET /api/v1/skills/occupations/<id or uri>/learning-path?optimise=cost|duration —
    signed-in people, for their OWN profile (404 without a profile)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("optimise", str, enum=["cost", "duration", "count"])],
        responses={200: LearningPathOutput},
    )
    def get(self, request, ref: str):
        objective = request.query_params.get("optimise", PathObjective.COST)
        if objective not in PathObjective.values:
            raise ValidationError({"optimise": [_("Choose cost, duration or count.")]})
        profile = Profile.objects.filter(user=request.user).first()
        if profile is None:
            raise NotFound(_("You have no skills profile yet."))
        occupation = occupation_resolve(ref)
        if occupation is None:
            raise NotFound(_("Unknown occupation."))
        path = profile_learning_path(profile=profile, occupation=occupation, objective=objective)
        return Response(learning_path_payload(path))
