"""API errors as RFC 9457 problem details (application/problem+json), translated."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: gettext_lazy("Invalid input."),
    401: gettext_lazy("Authentication required."),
    403: gettext_lazy("Permission denied."),
    404: gettext_lazy("Not found."),
    405: gettext_lazy("Method not allowed."),
    406: gettext_lazy("Not acceptable."),
    409: gettext_lazy("Conflict."),
    413: gettext_lazy("Request too large."),
    415: gettext_lazy("Unsupported media type."),
    422: gettext_lazy("Unprocessable content."),
    429: gettext_lazy("Too many requests."),
}


def problem_response(status_code: int, detail, *, errors=None, code: str = "") -> Response:
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status_code, gettext_lazy("Error."))),
        "status": status_code,
        "detail": str(detail),
    }
    if code:
        body["code"] = code
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc, context):
    # Domain errors that name their own answer (core stays free of DRF), e.g.
    # kennisbrug.core.idempotency.IdempotencyKeyReused → 422.
    if getattr(exc, "problem_status", None):
        return problem_response(exc.problem_status, exc, code=getattr(exc, "problem_code", ""))
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        # A service's own reason ("only members of …") is more useful than the generic one.
        exc = exceptions.PermissionDenied(exc.args[0] if exc.args else None)

    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        return problem_response(
            status.HTTP_400_BAD_REQUEST,
            _("The input is not valid; see errors."),
            errors=response.data,
            code="invalid",
        )
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
    problem = problem_response(response.status_code, detail, code=getattr(detail, "code", "") or "")
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem
