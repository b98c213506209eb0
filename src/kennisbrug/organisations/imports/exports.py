"""The import template and the registry export, in the import's own format.

Written in the site's one export dialect (kennisbrug.core.exports: formula-safe,
`;` with BOM, decimal comma); an export imported again changes nothing (tested),
because the import removes the apostrophe marker again.
Member e-mail addresses are left out of the export: they are personal data and
the column only adds invitations, never removes anyone.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kennisbrug.core.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, to_csv, to_xlsx
from kennisbrug.jobs.exports import ExportKind

from ..models import Organisation
from .columns import COLUMNS, ORGANISATION_COLUMNS

# Activity codes only add sectors on import; the registry stores the sectors, not the codes.
EXPORTED = [c for c in COLUMNS if c.key not in {"member_emails", "activity_codes"}]


def _dutch(language: str | None) -> bool:
    return (language or get_language() or "nl").startswith("nl")


def header(*, language: str | None = None, with_members: bool = True) -> list[str]:
    keys = None if with_members else [c.key for c in EXPORTED]
    return ORGANISATION_COLUMNS.header(dutch=_dutch(language), keys=keys)


def export_rows(queryset: QuerySet[Organisation] | None = None) -> list[list]:
    queryset = Organisation.objects.all() if queryset is None else queryset
    rows = []
    for organisation in queryset.order_by("name", "pk").iterator(chunk_size=1000):
        row = []
        for column in EXPORTED:
            attribute = "country_id" if column.key == "country" else column.key
            value = getattr(organisation, attribute)
            row.append("" if value is None else value)
        rows.append(row)
    return rows


def organisation_export(*, file_format: str, queryset=None, language: str | None = None):
    """(bytes, content type, file name) of the registry in the import format."""
    head = header(language=language, with_members=False)
    rows = export_rows(queryset)
    if file_format == "xlsx":
        return (
            to_xlsx(head, rows, title="organisaties" if _dutch(language) else "organisations"),
            XLSX_CONTENT_TYPE,
            "kennisbrug-organisations.xlsx",
        )
    return to_csv(head, rows), CSV_CONTENT_TYPE, "kennisbrug-organisations.csv"


def organisation_template(*, file_format: str, language: str | None = None):
    """(bytes, content type, file name): the header row, ready to fill in."""
    head = header(language=language)
    if file_format == "xlsx":
        return (
            to_xlsx(head, [], title="organisaties" if _dutch(language) else "organisations"),
            XLSX_CONTENT_TYPE,
            "kennisbrug-organisations-template.xlsx",
        )
    return to_csv(head, []), CSV_CONTENT_TYPE, "kennisbrug-organisations-template.csv"


def _registry_build(params: dict):
    title = "organisaties" if _dutch(None) else "organisations"
    return header(with_members=False), export_rows(), "kennisbrug-organisations", title


def _registry_allowed(user, params: dict) -> bool:
    from .services import can_import_organisations

    return can_import_organisations(user)


# The whole registry as a prepared export when it is large (jobs.exports): secretariat only.
REGISTRY_EXPORT = ExportKind(
    label=_("Organisation registry"),
    allowed=_registry_allowed,
    size=lambda params: Organisation.objects.count(),
    build=_registry_build,
)
