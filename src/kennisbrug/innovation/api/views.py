"""Thin API views over the innovation services; permissions in each docstring."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from kennisbrug.api.pagination import paginated
from kennisbrug.api.throttling import DEFAULT_THROTTLES, MatchingThrottle
from kennisbrug.matching.results import MatchOutputSerializer
from kennisbrug.matching.services import match_payload
from kennisbrug.organisations.permissions import user_organisations

from .. import selectors, services
from ..models import InnovationQuestion, Introduction
from ..permissions import (
    can_manage_question,
    can_see_matches,
    can_view_question,
    visible_introductions,
    visible_questions,
)
from .serializers import (
    IntroductionInputSerializer,
    IntroductionOutputSerializer,
    IntroductionTransitionInputSerializer,
    QuestionInputSerializer,
    QuestionOutputSerializer,
)

MATCH_FILTERS = ["kind", "country", "cross_border", "programme_area", "sector", "organisation_type"]


def _paginate(view, request, queryset, serializer_class):
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(queryset, request, view=view)
    data = serializer_class(page, many=True, context={"request": request}).data
    return paginator.get_paginated_response(data)


class QuestionListApi(APIView):
    """GET: logged-in users, the questions they may read (public ones and their organisations').
    POST: active members of the given organisation ask a question."""

    permission_classes = [permissions.IsAuthenticated]

    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(
        parameters=[OpenApiParameter("mine", bool, description="Only my organisations' questions")],
        operation_id="questions_list",
        responses={200: paginated(QuestionOutputSerializer)},
    )
    def get(self, request):
        qs = visible_questions(request.user)
        if request.query_params.get("mine") in {"1", "true"}:
            qs = qs.filter(organisation__in=user_organisations(request.user))
        qs = qs.select_related("organisation").prefetch_related("sectors", "technologies")
        return _paginate(self, request, qs.order_by("-created_at", "-id"), QuestionOutputSerializer)

    @extend_schema(request=QuestionInputSerializer, responses={201: QuestionOutputSerializer})
    def post(self, request):
        data = QuestionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        orgs = user_organisations(request.user)
        org_id = fields.pop("organisation", None)
        organisation = orgs.filter(pk=org_id).first() if org_id else orgs.order_by("pk").first()
        if organisation is None:
            raise PermissionDenied
        question = services.question_create(
            organisation=organisation, author=request.user, **fields
        )
        return Response(QuestionOutputSerializer(question).data, status=status.HTTP_201_CREATED)


class QuestionDetailApi(APIView):
    """GET: who may read the question. PATCH/DELETE: members of the asking organisation."""

    permission_classes = [permissions.IsAuthenticated]

    def _get(self, request, pk):
        question = get_object_or_404(
            InnovationQuestion.objects.select_related("organisation"), pk=pk
        )
        if not can_view_question(request.user, question):
            raise InnovationQuestion.DoesNotExist
        return question

    def handle_exception(self, exc):
        if isinstance(exc, InnovationQuestion.DoesNotExist):
            exc = NotFound()
        return super().handle_exception(exc)

    @extend_schema(responses={200: QuestionOutputSerializer})
    def get(self, request, pk):
        return Response(QuestionOutputSerializer(self._get(request, pk)).data)

    @extend_schema(request=QuestionInputSerializer, responses={200: QuestionOutputSerializer})
    def patch(self, request, pk):
        question = self._get(request, pk)
        if not can_manage_question(request.user, question):
            raise PermissionDenied
        data = QuestionInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("organisation", None)
        question = services.question_update(question=question, user=request.user, **fields)
        return Response(QuestionOutputSerializer(question).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        question = self._get(request, pk)
        if not can_manage_question(request.user, question):
            raise PermissionDenied
        services.question_delete(question=question, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class QuestionMatchesApi(QuestionDetailApi):
    """GET: the asking organisation's members and the secretariat; ranked, explained matches."""

    throttle_classes = [*DEFAULT_THROTTLES, MatchingThrottle]

    @extend_schema(
        parameters=[OpenApiParameter(name, str) for name in MATCH_FILTERS]
        + [OpenApiParameter("limit", int)],
        responses={200: MatchOutputSerializer},
    )
    def get(self, request, pk):
        question = self._get(request, pk)
        if not can_see_matches(request.user, question):
            raise PermissionDenied
        params = request.query_params
        unknown = set(params) - {*MATCH_FILTERS, "limit"}
        filters = {name: params.getlist(name) for name in params if name != "limit"}
        for name in ("cross_border", "programme_area"):
            if name in filters:
                filters[name] = filters[name][-1]
        if unknown:
            filters.update({name: params.get(name) for name in unknown})
        try:
            limit = int(params.get("limit", 20))
        except ValueError as exc:
            raise ValidationError({"limit": [_("Not a number.")]}) from exc
        results = selectors.question_matches(question=question, filters=filters, limit=limit)
        return Response(MatchOutputSerializer(match_payload(results)).data)


class IntroductionListApi(APIView):
    """GET: logged-in users, introductions of their organisations (secretariat: all).
    POST: members of the question's organisation ask an introduction to one match."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(
        parameters=[OpenApiParameter("direction", str, enum=["incoming", "outgoing"])],
        operation_id="introductions_list",
        responses={200: paginated(IntroductionOutputSerializer)},
    )
    def get(self, request):
        qs = selectors.introduction_list(
            user=request.user, direction=request.query_params.get("direction", "")
        )
        return _paginate(self, request, qs, IntroductionOutputSerializer)

    @extend_schema(
        request=IntroductionInputSerializer, responses={201: IntroductionOutputSerializer}
    )
    def post(self, request):
        data = IntroductionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        question = InnovationQuestion.objects.filter(pk=data.validated_data["question"]).first()
        if question is None or not can_view_question(request.user, question):
            raise ValidationError({"question": [_("Unknown question.")]})
        if not can_manage_question(request.user, question):
            raise PermissionDenied
        intro = services.introduction_request_for_match(
            question=question,
            requested_by=request.user,
            kind=data.validated_data["kind"],
            target_id=data.validated_data["target_id"],
            message=data.validated_data["message"],
        )
        out = IntroductionOutputSerializer(intro, context={"request": request})
        return Response(out.data, status=status.HTTP_201_CREATED)


class IntroductionDetailApi(APIView):
    """GET: both sides' members and the secretariat."""

    permission_classes = [permissions.IsAuthenticated]

    def _get(self, request, pk) -> Introduction:
        return get_object_or_404(visible_introductions(request.user), pk=pk)

    @extend_schema(responses={200: IntroductionOutputSerializer})
    def get(self, request, pk):
        intro = self._get(request, pk)
        return Response(IntroductionOutputSerializer(intro, context={"request": request}).data)


class IntroductionTransitionApi(IntroductionDetailApi):
    """POST accept/decline: the provider's members; withdraw: the requester's members."""

    action = ""

    @extend_schema(
        request=IntroductionTransitionInputSerializer, responses={200: IntroductionOutputSerializer}
    )
    def post(self, request, pk):
        intro = self._get(request, pk)
        data = IntroductionTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = data.validated_data["message"]
        intro = services.introduction_transition(
            obj=intro, action=self.action, actor=request.user, message=message
        )
        return Response(IntroductionOutputSerializer(intro, context={"request": request}).data)


class IntroductionAcceptApi(IntroductionTransitionApi):
    action = "accept"


class IntroductionDeclineApi(IntroductionTransitionApi):
    action = "decline"


class IntroductionWithdrawApi(IntroductionTransitionApi):
    action = "withdraw"
