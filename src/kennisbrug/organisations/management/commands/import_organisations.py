"""`manage.py import_organisations PATH [--commit]`: bulk import of organisations
(a dry run unless --commit; see kennisbrug.core.imports.command)."""

from kennisbrug.core.imports.command import ImportCommand
from kennisbrug.organisations.imports import services


class Command(ImportCommand):
    help = "Import organisations from a CSV or XLSX file; a dry run unless --commit is given."
    event = "organisation_import"

    def preview(self, *, content, filename):
        return services.organisation_import_preview(content=content, filename=filename)

    def commit(self, *, content, filename, fingerprint):
        services.organisation_import_commit(
            content=content, filename=filename, user=None, fingerprint=fingerprint
        )

    def describe(self, row) -> str:
        return f" invite={','.join(row.invites)}" if row.invites else ""
