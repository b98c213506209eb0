"""API of the organisation import (secretariat only): upload for a preview, then commit.

POST /organisations/imports/               multipart `file` → 201 preview (nothing written)
GET  /organisations/imports/{id}/          the preview again (the uploader only)
POST /organisations/imports/{id}/commit/   {"fingerprint": …} → 200, all or nothing
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from kennisbrug.api.errors import problem_response
from kennisbrug.core.imports.reading import ImportFileError, read_limited

from ..imports import selectors, services
from ..models import OrganisationImport


class IsSecretariat(BasePermission):
    def has_permission(self, request, view):
        return services.can_import_organisations(request.user)


class ImportUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV (UTF-8, ; or ,) or XLSX; at most 10 MB.")


class ImportCommitInputSerializer(serializers.Serializer):
    fingerprint = serializers.CharField(
        min_length=64, max_length=64, help_text="The `fingerprint` of the preview confirmed."
    )


class ImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="Line (CSV) or row (XLSX) number in the file.")
    name = serializers.CharField()
    # A plain string: a choice field here would take the schema's shared "ActionEnum" name.
    action = serializers.CharField(help_text="create, update, unchanged or refused.")
    # DRF's metaclass takes declared fields off the class, so these names do not shadow
    # Serializer.errors/create/update at runtime; mypy only sees the class body.
    errors = serializers.ListField(child=serializers.CharField())  # type: ignore[assignment]
    changes = serializers.ListField(child=serializers.CharField(), help_text="Columns changed.")
    region = serializers.CharField(help_text="NUTS3 region resolved from the postcode.")
    in_programme_area = serializers.BooleanField(allow_null=True)
    organisation_id = serializers.IntegerField(allow_null=True)
    invites = serializers.ListField(child=serializers.EmailField())


class ImportCountsSerializer(serializers.Serializer):
    create = serializers.IntegerField()  # type: ignore[assignment]
    update = serializers.IntegerField()  # type: ignore[assignment]
    unchanged = serializers.IntegerField()
    refused = serializers.IntegerField()


class ImportPreviewSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    filename = serializers.CharField()
    committed = serializers.BooleanField()
    can_commit = serializers.BooleanField()
    fingerprint = serializers.CharField()
    counts = ImportCountsSerializer()
    rows = ImportRowSerializer(many=True)


def _body(upload: OrganisationImport, preview) -> dict:
    return {
        "id": upload.pk,
        "filename": upload.filename,
        "committed": upload.committed_at is not None,
        "can_commit": preview.can_commit and upload.committed_at is None,
        "fingerprint": preview.fingerprint,
        "counts": preview.counts,
        "rows": ImportRowSerializer(preview.rows, many=True).data,
    }


def _file_problem(exc: ImportFileError) -> Response:
    return problem_response(
        status.HTTP_400_BAD_REQUEST, " ".join(exc.messages), errors=exc.messages, code="file"
    )


def _upload(pk, user) -> OrganisationImport:
    try:
        return selectors.organisation_import_get(pk=pk, user=user)
    except OrganisationImport.DoesNotExist:
        raise NotFound from None


class OrganisationImportApi(APIView):
    """POST: the secretariat uploads a file and gets the row-by-row preview; nothing is written."""

    permission_classes = [IsSecretariat]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="organisations_import_preview",
        request={"multipart/form-data": ImportUploadInputSerializer},
        responses={201: ImportPreviewSerializer},
    )
    def post(self, request):
        data = ImportUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            content = read_limited(upload)
            preview = services.organisation_import_preview(content=content, filename=upload.name)
        except ImportFileError as exc:
            return _file_problem(exc)
        kept = services.organisation_import_upload(
            content=content, filename=upload.name, user=request.user
        )
        return Response(_body(kept, preview), status=status.HTTP_201_CREATED)


class OrganisationImportDetailApi(APIView):
    """GET: the uploader (secretariat) sees the preview again, computed on today's registry."""

    permission_classes = [IsSecretariat]

    @extend_schema(
        operation_id="organisations_import_retrieve", responses={200: ImportPreviewSerializer}
    )
    def get(self, request, pk):
        upload = _upload(pk, request.user)
        try:
            preview = services.organisation_import_preview(
                content=bytes(upload.content), filename=upload.filename
            )
        except ImportFileError as exc:
            return _file_problem(exc)
        return Response(_body(upload, preview))


class OrganisationImportCommitApi(APIView):
    """POST: the uploader confirms the preview; all rows are written or none (409 when the
    registry changed since the preview, 400 when rows are refused or it was imported already)."""

    permission_classes = [IsSecretariat]

    @extend_schema(
        operation_id="organisations_import_commit",
        request=ImportCommitInputSerializer,
        responses={200: ImportPreviewSerializer},
    )
    def post(self, request, pk):
        upload = _upload(pk, request.user)
        data = ImportCommitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            preview = services.organisation_import_confirm(
                upload=upload, user=request.user, fingerprint=data.validated_data["fingerprint"]
            )
        except ImportFileError as exc:
            return _file_problem(exc)
        except services.ImportChangedError:
            return problem_response(
                status.HTTP_409_CONFLICT,
                _("The registry changed since the preview; fetch the preview again and confirm."),
                code="changed",
            )
        upload.refresh_from_db()
        return Response(_body(upload, preview))
