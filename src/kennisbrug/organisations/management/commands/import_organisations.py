"""`manage.py import_organisations PATH [--commit]`: bulk import of organisations.

Without --commit it only prints the preview (what would be created, updated or
refused, and why). With --commit the whole file is written in one transaction, or
nothing when any row is refused. The operator running the command is the actor.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kennisbrug.core.imports.reading import ImportFileError, read_limited
from kennisbrug.organisations.imports import services


class Command(BaseCommand):
    help = "Import organisations from a CSV or XLSX file; a dry run unless --commit is given."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--commit", action="store_true", help="Write the import (default: preview only)."
        )

    def handle(self, *args, path: Path, commit: bool, **options):
        try:
            with path.open("rb") as handle:
                content = read_limited(handle)
            preview = services.organisation_import_preview(content=content, filename=path.name)
        except OSError as exc:
            raise CommandError(str(exc)) from None
        except ImportFileError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        for row in preview.rows:
            if row.action == services.UNCHANGED:
                continue
            detail = "; ".join(row.errors or row.changes)
            invites = f" invite={','.join(row.invites)}" if row.invites else ""
            self.stdout.write(
                f"line={row.line} action={row.action} name={row.name!r}{invites} {detail}".rstrip()
            )
        counts = " ".join(f"{k}={v}" for k, v in preview.counts.items())
        self.stdout.write(f"organisation_import_preview {counts}")
        if not commit:
            self.stdout.write(_("Dry run: nothing was written. Add --commit to import."))
            return
        if not preview.can_commit:
            raise CommandError(_("Nothing was imported: correct the refused rows first."))
        try:
            services.organisation_import_commit(
                content=content, filename=path.name, user=None, fingerprint=preview.fingerprint
            )
        except (ImportFileError, services.ImportChangedError) as exc:
            raise CommandError(
                str(exc) or _("The registry changed; run the import again.")
            ) from None
        self.stdout.write(f"organisation_import_committed {counts}")
