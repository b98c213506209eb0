"""GET /api/v1/enterprises/{number}/: one entry of the register mirror."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.throttling import AnonThrottle, ScopedThrottle, UserThrottle

from .. import selectors
from ..models import Enterprise
from .serializers import EnterpriseOutputSerializer


class RegisterLookupThrottle(ScopedThrottle):
    """Public register data, but one lookup per number: a budget keeps it from being
    used to copy the mirror wholesale."""

    scope = "register_lookup"
    methods = frozenset({"GET"})


class EnterpriseDetailApi(APIView):
    """Signed-in users: the register entry for an enterprise number (for registration)."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [AnonThrottle, UserThrottle, RegisterLookupThrottle]

    @extend_schema(operation_id="enterprises_retrieve", responses={200: EnterpriseOutputSerializer})
    def get(self, request, number: str):
        try:
            enterprise = selectors.enterprise_get(number=number)
        except DjangoValidationError as exc:
            raise ValidationError({"number": exc.messages}) from None
        except Enterprise.DoesNotExist:
            raise Http404 from None
        enterprise._details = selectors.enterprise_details(enterprise, for_page=False)  # type: ignore[attr-defined]
        return Response(EnterpriseOutputSerializer(enterprise).data)
