"""Exports too large to build inside a web request, prepared by the worker.

An app registers each export it offers from its `ready()`:

    exports.kinds.register("vouchers.applications", exports.ExportKind(
        label=_("Voucher applications"),
        allowed=lambda user, params: can_manage_schemes(user),
        size=lambda params: Application.objects.filter(scheme_id=params["scheme"]).count(),
        build=lambda params: (header, rows, "file-name", "sheet title"),
    ))

and its download view calls `export_or_prepare(...)`: up to `KENNISBRUG_EXPORT_SYNC_MAX_ROWS`
rows (`size`, a cheap count) the file is sent at once as before; above it an `ExportFile` is
created, the build task is queued after commit, and the person is sent to the file's page,
which offers the download once the worker has written it. `allowed(user, params)` is checked
when asked, when built and when downloaded, so someone who loses the role loses the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language

from kennisbrug.core import exports as spreadsheet
from kennisbrug.core.registry import Registry

Built = tuple[Sequence, Iterable[Sequence], str, str]  # header, rows, file name, sheet title


@dataclass(frozen=True)
class ExportKind:
    label: Any
    allowed: Callable[[Any, dict], bool]
    size: Callable[[dict], int]
    build: Callable[[dict], Built]


kinds: Registry[ExportKind] = Registry("exports prepared by the worker")


def render_file(*, header: Sequence, rows: Iterable[Sequence], file_format: str, title: str):
    """(bytes, content type) in the house spreadsheet dialect (core.exports)."""
    if file_format == "csv":
        return spreadsheet.to_csv(header, rows), spreadsheet.CSV_CONTENT_TYPE
    return spreadsheet.to_xlsx(header, rows, title=title), spreadsheet.XLSX_CONTENT_TYPE


def export_or_prepare(
    request: HttpRequest, *, kind: str, params: dict, file_format: str
) -> HttpResponse:
    """The file itself when it is small, else a prepared export and a redirect to its page.

    Raises PermissionDenied when the person may not have this export.
    """
    from . import services

    entry = kinds[kind]
    if not entry.allowed(request.user, params):
        raise PermissionDenied
    if entry.size(params) <= settings.KENNISBRUG_EXPORT_SYNC_MAX_ROWS:
        header, rows, filename, title = entry.build(params)
        body, content_type = render_file(
            header=header, rows=rows, file_format=file_format, title=title
        )
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
        return response
    export = services.export_request(
        user=request.user,
        kind=kind,
        params=params,
        file_format=file_format,
        language=get_language() or settings.LANGUAGE_CODE,
    )
    return redirect("jobs:export_detail", pk=export.pk)
