"""API of the bulk imports, every kind the same way:

POST /imports/                 multipart kind, file, organisation? → 201 the preview (nothing written)
GET  /imports/{id}/            status, progress, preview and result (the uploader only)
POST /imports/{id}/confirm/    {"fingerprint": …} → 202: the import runs on the task queue

Who: the secretariat for every kind; an organisation admin the kinds their organisation
may import, into an organisation they administer (`organisation`, needed when they
administer more than one). Errors are problem+json (RFC 9457) with translated messages.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..imports import services
from ..imports.plan import ImportChangedError
from ..imports.reading import MAX_BYTES, ImportFileError, read_limited
from ..models import ImportUpload

PROBLEM = "application/problem+json"


def _problem(status_code: int, detail: str, *, code: str, errors=None) -> Response:
    # The shape of kennisbrug.api.errors (which core, below it, does not import).
    titles = {400: _("Invalid input."), 409: _("Conflict.")}
    body = {
        "type": "about:blank",
        "title": titles.get(status_code, _("Error.")),
        "status": status_code,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, content_type=PROBLEM)


def _file_problem(exc: ImportFileError) -> Response:
    messages = [str(m) for m in exc.messages]
    return _problem(status.HTTP_400_BAD_REQUEST, " ".join(messages), code="file", errors=messages)


class BulkImportUploadInputSerializer(serializers.Serializer):
    kind = serializers.CharField(
        max_length=40,
        help_text="organisations, facilities, living_labs, trainings or vacancies.",
    )
    file = serializers.FileField(
        help_text=f"CSV (UTF-8, ; or ,) or XLSX; at most {MAX_BYTES // (1024 * 1024)} MB."
    )
    organisation = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="The organisation to import into (organisation admins).",
    )


class BulkImportConfirmInputSerializer(serializers.Serializer):
    fingerprint = serializers.CharField(
        min_length=64, max_length=64, help_text="The `fingerprint` of the preview confirmed."
    )


class BulkImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="Line (CSV) or row (XLSX) number in the file.")
    name = serializers.CharField()
    action = serializers.CharField(help_text="create, update, unchanged or refused.")
    errors = serializers.ListField(child=serializers.CharField())  # type: ignore[assignment]
    changes = serializers.ListField(child=serializers.CharField(), help_text="Columns changed.")
    notes = serializers.ListField(child=serializers.CharField(), help_text="Region, owner, …")


class BulkImportCountsSerializer(serializers.Serializer):
    create = serializers.IntegerField()  # type: ignore[assignment]
    update = serializers.IntegerField()  # type: ignore[assignment]
    unchanged = serializers.IntegerField()
    refused = serializers.IntegerField()


class BulkImportPreviewBodySerializer(serializers.Serializer):
    fingerprint = serializers.CharField()
    can_commit = serializers.BooleanField()
    total = serializers.IntegerField(help_text="Rows in the file.")
    counts = BulkImportCountsSerializer()
    rows = BulkImportRowSerializer(
        many=True, help_text="Every refused row and the first accepted ones (up to 1000)."
    )


class BulkImportOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    filename = serializers.CharField()
    organisation = serializers.IntegerField(allow_null=True, source="organisation_id")
    status = serializers.CharField(
        help_text="previewed, queued, checking, writing, done or failed."
    )
    status_display = serializers.CharField(source="get_status_display")
    progress_done = serializers.IntegerField(help_text="Rows checked so far.")
    progress_total = serializers.IntegerField()
    percent = serializers.IntegerField()
    preview = BulkImportPreviewBodySerializer()
    result = BulkImportCountsSerializer(allow_null=True, help_text="Counts once imported.")
    errors = serializers.ListField(  # type: ignore[assignment]
        child=serializers.CharField(), help_text="Why the import failed."
    )
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


def _body(upload: ImportUpload) -> dict:
    upload.result = upload.result or None  # no counts before the import ran
    return BulkImportOutputSerializer(upload).data


def _get(pk, user) -> ImportUpload:
    try:
        return services.import_upload_get(pk=pk, user=user)
    except ImportUpload.DoesNotExist:
        raise NotFound from None


class ImportListApi(APIView):
    """POST: upload a file of one kind; the answer is the row-by-row preview (nothing written)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="imports_create",
        request={"multipart/form-data": BulkImportUploadInputSerializer},
        responses={201: BulkImportOutputSerializer},
    )
    def post(self, request):
        data = BulkImportUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            content = read_limited(upload)
            kept = services.import_upload_create(
                kind=data.validated_data["kind"],
                content=content,
                filename=upload.name,
                user=request.user,
                organisation_id=data.validated_data.get("organisation"),
            )
        except ImportFileError as exc:
            return _file_problem(exc)
        return Response(_body(kept), status=status.HTTP_201_CREATED)


class ImportDetailApi(APIView):
    """GET: the uploader sees status, progress, preview and result."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="imports_retrieve", responses={200: BulkImportOutputSerializer})
    def get(self, request, pk):
        return Response(_body(_get(pk, request.user)))


class ImportConfirmApi(APIView):
    """POST: the uploader confirms the preview; the import runs on the task queue, all rows
    or none (poll GET /imports/{id}/). 409 when the fingerprint is not the preview's, 400
    when rows are refused or the file was confirmed already."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="imports_confirm",
        request=BulkImportConfirmInputSerializer,
        responses={
            202: BulkImportOutputSerializer,
            409: OpenApiResponse(description="The fingerprint is not the preview's."),
        },
    )
    def post(self, request, pk):
        upload = _get(pk, request.user)
        data = BulkImportConfirmInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            upload = services.import_upload_confirm(
                upload=upload, user=request.user, fingerprint=data.validated_data["fingerprint"]
            )
        except ImportFileError as exc:
            return _file_problem(exc)
        except ImportChangedError:
            return _problem(
                status.HTTP_409_CONFLICT,
                _("This is not the fingerprint of the preview; fetch the import again."),
                code="changed",
            )
        upload.refresh_from_db()
        return Response(_body(upload), status=status.HTTP_202_ACCEPTED)
