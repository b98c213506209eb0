"""The command-line face of every bulk import: `manage.py import_<kind> PATH [--commit]`.

Without --commit it prints the preview (what would be created, updated or refused,
and why). With --commit the whole file is written in one transaction, or nothing
when any row is refused. The operator running the command is the actor (user None).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from .plan import UNCHANGED, ImportChangedError
from .reading import ImportFileError, read_limited


class ImportCommand(BaseCommand):
    """Subclasses name `event` (the log word) and the kind's preview and commit services."""

    event = "import"

    def preview(self, *, content: bytes, filename: str):
        raise NotImplementedError

    def commit(self, *, content: bytes, filename: str, fingerprint: str):
        raise NotImplementedError

    def describe(self, row) -> str:
        """Anything besides errors and changes worth a word on the row's line."""
        return ""

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--commit", action="store_true", help="Write the import (default: preview only)."
        )

    def handle(self, *args, path: Path, commit: bool, **options):
        try:
            with path.open("rb") as handle:
                content = read_limited(handle)
            preview = self.preview(content=content, filename=path.name)
        except OSError as exc:
            raise CommandError(str(exc)) from None
        except ImportFileError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        for row in preview.rows:
            if row.action == UNCHANGED:
                continue
            detail = "; ".join(row.errors or row.changes)
            self.stdout.write(
                f"line={row.line} action={row.action} name={row.name!r}{self.describe(row)} "
                f"{detail}".rstrip()
            )
        counts = " ".join(f"{k}={v}" for k, v in preview.counts.items())
        self.stdout.write(f"{self.event}_preview {counts}")
        if not commit:
            self.stdout.write(_("Dry run: nothing was written. Add --commit to import."))
            return
        if not preview.can_commit:
            raise CommandError(_("Nothing was imported: correct the refused rows first."))
        try:
            self.commit(content=content, filename=path.name, fingerprint=preview.fingerprint)
        except (ImportFileError, ImportChangedError) as exc:
            raise CommandError(
                str(exc) or _("The registry changed; run the import again.")
            ) from None
        self.stdout.write(f"{self.event}_committed {counts}")
