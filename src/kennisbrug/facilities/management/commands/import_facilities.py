"""`manage.py import_facilities PATH [--commit]`: bulk import of research facilities
with their tariffs (a dry run unless --commit; see kennisbrug.core.imports.command)."""

from kennisbrug.core.imports.command import ImportCommand
from kennisbrug.facilities import imports


class Command(ImportCommand):
    help = "Import facilities and tariffs from a CSV or XLSX file; a dry run unless --commit."
    event = "facility_import"

    def preview(self, *, content, filename):
        return imports.facility_import_preview(content=content, filename=filename)

    def commit(self, *, content, filename, fingerprint):
        imports.facility_import_commit(
            content=content, filename=filename, user=None, fingerprint=fingerprint
        )

    def describe(self, row) -> str:
        return f" owner={row.owner!r}" if row.owner else ""
