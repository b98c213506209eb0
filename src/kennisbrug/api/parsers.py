"""The API's JSON parser: bounded in size and nesting, and free of NUL characters.

Python's ``json`` recurses once per nesting level, so ten thousand ``[`` end in a
RecursionError (a 500); a body of many megabytes costs memory before any validation runs;
and PostgreSQL cannot store or compare a string holding U+0000. Each is refused here with
a problem+json answer before a serializer sees the data:

- more than ``MAX_BODY_BYTES`` → 413,
- nesting deeper than ``MAX_DEPTH`` → 400,
- a NUL in any key or string → 400 with the field it was found under.
"""

import codecs
import json
import re

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings

MAX_BODY_BYTES = 1024 * 1024
MAX_DEPTH = 32

# A JSON string literal (escapes included) and the brackets that open or close a level.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is larger than the API accepts (1 MB).")
    default_code = "too_large"


def nesting_depth(body: bytes) -> int:
    """The deepest level of ``[``/``{`` in a JSON text, brackets inside strings ignored."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', body)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def nul_location(data) -> str | None:
    """Where decoded JSON holds U+0000 in a key or string: the top-level field it sits
    under, "" for elsewhere, None when nowhere. Iterative, so depth costs no recursion."""
    pending = (
        [(key, key) for key in data] + [(key, value) for key, value in data.items()]
        if isinstance(data, dict)
        else [("", data)]
    )
    while pending:
        where, item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return where if where and "\x00" not in where else ""
        elif isinstance(item, dict):
            pending.extend((where, key) for key in item)
            pending.extend((where, value) for value in item.values())
        elif isinstance(item, list):
            pending.extend((where, value) for value in item)
    return None


def holds_nul(data) -> bool:
    return nul_location(data) is not None


NUL_MESSAGE = _("The request contains a NUL character, which is never valid input.")


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        body = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(body) > MAX_BODY_BYTES:
            raise RequestTooLarge()
        if nesting_depth(body) > MAX_DEPTH:
            raise ParseError(
                _("The JSON is nested more than %(depth)d levels deep.") % {"depth": MAX_DEPTH},
                code="too_deep",
            )
        try:
            text = codecs.decode(body, encoding)
            data = json.loads(text, parse_constant=self._refuse_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(_("The body is not valid JSON."), code="parse_error") from exc
        where = nul_location(data)
        if where is not None:
            # A validation error, so the answer names the field like any other bad input.
            raise ValidationError({where or api_settings.NON_FIELD_ERRORS_KEY: [NUL_MESSAGE]})
        return data

    @staticmethod
    def _refuse_constant(name: str):
        # NaN and Infinity are not JSON (RFC 8259) and no field of the API takes them.
        raise ValueError(name)
