"""API views: thin, explicit permissions, one service or selector each."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.errors import problem_response
from kennisbrug.api.pagination import paginate, paginated
from kennisbrug.api.throttling import DEFAULT_THROTTLES, MatchingThrottle
from kennisbrug.core.audit import audit_trail
from kennisbrug.organisations.permissions import is_member

from .. import selectors, services
from ..eligibility import check_application
from ..models import LedgerEntry, Scheme
from ..permissions import is_secretariat
from ..suggestions import suggest_providers
from . import serializers as s


class IsSecretariat(BasePermission):
    def has_permission(self, request, view):
        return is_secretariat(request.user)


class ReadOrSecretariat(BasePermission):
    """Anyone may read; only the secretariat may write."""

    def has_permission(self, request, view):
        return request.method in ("GET", "HEAD", "OPTIONS") or is_secretariat(request.user)


class SchemeListApi(APIView):
    """Anyone: list calls. Secretariat: configure a new call."""

    permission_classes = [ReadOrSecretariat]

    @extend_schema(
        operation_id="vouchers_schemes_list",
        responses=paginated(s.SchemeOutputSerializer, "PaginatedVoucherSchemes"),
    )
    def get(self, request):
        return paginate(request, self, selectors.scheme_list(), s.SchemeOutputSerializer)

    @extend_schema(request=s.SchemeInputSerializer, responses={201: s.SchemeOutputSerializer})
    def post(self, request):
        data = s.SchemeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        scheme = services.scheme_create(created_by=request.user, **data.validated_data)
        return Response(s.SchemeOutputSerializer(scheme).data, status=status.HTTP_201_CREATED)


class SchemeDetailApi(APIView):
    """Anyone: read a call. Secretariat: change it (partial)."""

    permission_classes = [ReadOrSecretariat]

    @extend_schema(responses=s.SchemeOutputSerializer)
    def get(self, request, pk):
        return Response(s.SchemeOutputSerializer(get_object_or_404(Scheme, pk=pk)).data)

    @extend_schema(
        request=s.SchemeInputSerializer(partial=True), responses=s.SchemeOutputSerializer
    )
    def patch(self, request, pk):
        scheme = get_object_or_404(Scheme, pk=pk)
        data = s.SchemeInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        scheme = services.scheme_update(
            scheme=scheme, updated_by=request.user, **data.validated_data
        )
        return Response(s.SchemeOutputSerializer(scheme).data)


class SchemeLedgerApi(APIView):
    """Secretariat: budget position and every ledger entry of a call."""

    permission_classes = [IsAuthenticated, IsSecretariat]

    @extend_schema(responses=s.LedgerOutputSerializer)
    def get(self, request, pk):
        scheme = get_object_or_404(Scheme, pk=pk)
        totals = selectors.scheme_totals(scheme=scheme)
        entries = LedgerEntry.objects.filter(scheme=scheme).order_by("created_at", "id")
        return Response(s.LedgerOutputSerializer({**totals, "entries": entries}).data)


IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Repeating a request with the same key returns the application made first.",
)


class ApplicationListApi(APIView):
    """Signed in: applications of one's organisations (all for the secretariat);
    members of an SME: draft a new application."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="vouchers_applications_list",
        parameters=[OpenApiParameter("status", str, required=False)],
        responses=paginated(s.ApplicationOutputSerializer, "PaginatedVoucherApplications"),
    )
    def get(self, request):
        applications = selectors.application_list(
            user=request.user, filters={"status": request.query_params.get("status", "")[:20]}
        ).prefetch_related("attachments")
        return paginate(request, self, applications, s.ApplicationOutputSerializer)

    @extend_schema(
        parameters=[IDEMPOTENCY_HEADER],
        request=s.ApplicationInputSerializer,
        responses={201: s.ApplicationOutputSerializer, 200: s.ApplicationOutputSerializer},
    )
    def post(self, request):
        data = s.ApplicationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        application, created = services.application_create(
            scheme=fields.pop("scheme"),
            applicant=fields.pop("applicant"),
            created_by=request.user,
            idempotency_key=request.headers.get("Idempotency-Key", "")[:200],
            **fields,
        )
        return Response(
            s.ApplicationOutputSerializer(application).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ApplicationDetailApi(APIView):
    """Members of the applicant, partner or provider, and the secretariat: read.
    Members of the applicant: change a draft."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.ApplicationOutputSerializer)
    def get(self, request, pk):
        return Response(
            s.ApplicationOutputSerializer(
                selectors.application_visible(user=request.user, pk=pk, conceal=True)
            ).data
        )

    @extend_schema(request=s.ApplicationUpdateSerializer, responses=s.ApplicationOutputSerializer)
    def patch(self, request, pk):
        application = selectors.application_visible(user=request.user, pk=pk, conceal=True)
        data = s.ApplicationUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        application = services.application_update(
            application=application, updated_by=request.user, **data.validated_data
        )
        return Response(s.ApplicationOutputSerializer(application).data)


class ApplicationTransitionApi(APIView):
    """Whoever the workflow table allows: submit, review, return, approve, reject, start,
    deliver, pay, withdraw. 409 when the action is not possible in the current status."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.ApplicationTransitionInputSerializer,
        responses={200: s.ApplicationOutputSerializer},
    )
    def post(self, request, pk):
        application = selectors.application_visible(user=request.user, pk=pk, conceal=True)
        data = s.ApplicationTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["action"] == "expire":
            return problem_response(403, _("Vouchers expire by themselves."), code="forbidden")
        try:
            application = services.application_transition(
                obj=application, actor=request.user, **data.validated_data
            )
        except services.TransitionNotAllowedError as exc:
            return problem_response(409, " ".join(exc.messages), code="transition_not_allowed")
        return Response(s.ApplicationOutputSerializer(application).data)


class ApplicationEligibilityApi(APIView):
    """Those who may see the application: every eligibility rule with its reason, now."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.EligibilityResultSerializer(many=True))
    def get(self, request, pk):
        results = check_application(
            selectors.application_visible(user=request.user, pk=pk, conceal=True)
        )
        return Response(
            s.EligibilityResultSerializer([r.as_dict() for r in results], many=True).data
        )


class ApplicationHistoryApi(APIView):
    """Those who may see the application: every change (who, when, from, to, why)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.HistoryItemSerializer(many=True))
    def get(self, request, pk):
        records = audit_trail(
            selectors.application_visible(user=request.user, pk=pk, conceal=True)
        ).select_related("actor")
        rows = [
            {
                "created_at": r.created_at,
                "actor": str(r.actor) if r.actor else None,
                "action": r.action,
                "action_label": r.action_display,
                "from_state": r.from_state,
                "from_state_label": r.from_state_display,
                "to_state": r.to_state,
                "to_state_label": r.to_state_display,
                "reason": r.reason,
            }
            for r in records.order_by("created_at", "id")
        ]
        return Response(s.HistoryItemSerializer(rows, many=True).data)


class ApplicationAttachmentApi(APIView):
    """Applicant members (quote, assignment) and provider members (invoice): upload a PDF."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": s.AttachmentInputSerializer},
        responses={201: s.AttachmentSerializer},
    )
    def post(self, request, pk):
        application = selectors.application_visible(user=request.user, pk=pk, conceal=True)
        data = s.AttachmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = services.attachment_add(
            application=application, uploaded_by=request.user, **data.validated_data
        )
        return Response(s.AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


class AidRegisterApi(APIView):
    """Signed in: aid per undertaking over three rolling years; the secretariat sees all,
    others their own organisations."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.AidRegisterRowSerializer(many=True))
    def get(self, request):
        rows = selectors.aid_register(user=request.user, on=timezone.localdate())
        return Response(s.AidRegisterRowSerializer(rows, many=True).data)


class ProviderSuggestionApi(APIView):
    """Members of the applicant (and the secretariat): knowledge institutions across the
    border that fit the stated need."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [*DEFAULT_THROTTLES, MatchingThrottle]

    @extend_schema(
        parameters=[s.SuggestionQuerySerializer], responses=s.SuggestionSerializer(many=True)
    )
    def get(self, request):
        query = s.SuggestionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        applicant = query.validated_data["applicant"]
        if not (is_secretariat(request.user) or is_member(request.user, applicant)):
            raise NotFound
        suggestions = suggest_providers(
            applicant=applicant,
            need_text=query.validated_data["need"],
            limit=query.validated_data["limit"],
        )
        return Response(s.SuggestionSerializer(suggestions, many=True).data)
