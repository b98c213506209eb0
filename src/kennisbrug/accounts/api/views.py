"""Personal API tokens over the API. Thin views: parse, call one service, render."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.throttling import DEFAULT_THROTTLES, TokenCreateThrottle
from kennisbrug.core import second_factor

from .. import personal_data, selectors, services
from ..models import ApiToken
from .serializers import (
    ApiTokenCreatedSerializer,
    ApiTokenInputSerializer,
    ApiTokenOutputSerializer,
)

PROBLEM = OpenApiResponse(description="Problem details (application/problem+json).")


class ApiTokenListApi(APIView):
    """Authenticated users only: their own tokens. Listing works with a session or a
    token; creating needs a signed-in session (a token gets 403)."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [*DEFAULT_THROTTLES, TokenCreateThrottle]

    @extend_schema(
        operation_id="tokens_list",
        tags=["accounts"],
        responses={200: ApiTokenOutputSerializer(many=True), 401: PROBLEM},
    )
    def get(self, request):
        tokens = selectors.api_token_list(user=request.user)
        return Response(ApiTokenOutputSerializer(tokens, many=True).data)

    @extend_schema(
        operation_id="tokens_create",
        tags=["accounts"],
        request=ApiTokenInputSerializer,
        responses={201: ApiTokenCreatedSerializer, 400: PROBLEM, 401: PROBLEM, 403: PROBLEM},
    )
    def post(self, request):
        if isinstance(request.auth, ApiToken):
            # A leaked token must not be able to mint longer-lived successors.
            raise PermissionDenied(
                _(
                    "A token cannot create tokens. Sign in on the website and create it on "
                    "the “Personal API tokens” page, or call this endpoint from that session."
                ),
                code="session_required",
            )
        serializer = ApiTokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, raw = services.api_token_create(
            user=request.user,
            name=serializer.validated_data["name"],
            expires_in_days=serializer.validated_data["expires_in_days"],
            second_factor=second_factor.session_passed(request._request, request.user),
        )
        token.token = raw
        response = Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenDetailApi(APIView):
    """Authenticated users only: revoke one of their own tokens (404 for anyone else's)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="tokens_revoke",
        tags=["accounts"],
        request=None,
        responses={204: None, 401: PROBLEM, 404: PROBLEM},
    )
    def delete(self, request, token_id: int):
        token = selectors.api_token_get(user=request.user, token_id=token_id)
        if token is None:
            raise Http404
        services.api_token_revoke(token=token, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PersonalDataApi(APIView):
    """Authenticated users only (session or token), and only their own data: everything the
    platform holds about them (the same as the download on the account page)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="account_personal_data",
        tags=["accounts"],
        responses={200: OpenApiTypes.OBJECT, 401: PROBLEM},
    )
    def get(self, request):
        response = Response(personal_data.personal_data_export(user=request.user))
        response["Cache-Control"] = "no-store"
        return response
