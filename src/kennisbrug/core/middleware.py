"""Refuse NUL bytes before they reach a view.

PostgreSQL cannot store U+0000 in a text column and answers a query that compares with one
by raising an error (a 500 for the user). No legitimate input holds one, so a request that
carries a NUL in its path, query string, form fields or headers is refused with 400 at the
door: problem+json under the API, the site's 400 page elsewhere. JSON bodies are checked by
``kennisbrug.api.parsers.SafeJSONParser``, which sees the decoded strings.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

NUL = "\x00"
API_PREFIX = "/api/"
PROBLEM_CONTENT_TYPE = "application/problem+json"
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _holds_nul(values: Iterable[str]) -> bool:
    return any(NUL in value for value in values)


def _query_or_form_holds_nul(data) -> bool:
    return any(NUL in key or _holds_nul(data.getlist(key)) for key in data)


def request_holds_nul(request: HttpRequest) -> bool:
    """True when the path, a query parameter, a header or a form field holds a NUL."""
    if NUL in request.path or _query_or_form_holds_nul(request.GET):
        return True
    if _holds_nul(str(value) for key, value in request.META.items() if key.startswith("HTTP_")):
        return True
    if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
        try:
            return _query_or_form_holds_nul(request.POST)
        except (RequestDataTooBig, SuspiciousOperation):
            # Django's own limits answer these later with 400/413; not ours to judge.
            return False
    return False


def problem_json(status: int, title: str, detail: str, code: str) -> JsonResponse:
    """An RFC 9457 problem for answers given before (or instead of) an API view."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "code": code}
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def nul_refused_response(request: HttpRequest) -> HttpResponse:
    detail = _("The request contains a NUL character, which is never valid input.")
    if request.path.startswith(API_PREFIX):
        return problem_json(400, _("Invalid input."), detail, "nul_character")
    return bad_request(request, SuspiciousOperation(detail))


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request_holds_nul(request):
            return nul_refused_response(request)
        return self.get_response(request)
