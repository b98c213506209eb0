"""`manage.py kbo import PATH`: mirror the KBO Open Data full download for the programme area."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kennisbrug.enterprises.importer import kbo_import
from kennisbrug.enterprises.sources import KboImportError


class Command(BaseCommand):
    help = "Import the monthly KBO Open Data full download (zip or extracted folder)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a full extract.")
        imp.add_argument("path", type=Path)
        imp.add_argument("--no-progress", action="store_true")

    def handle(self, *args, action, **options):
        progress = None if options["no_progress"] else self._progress
        try:
            summary = kbo_import(path=options["path"], progress=progress)
        except KboImportError as exc:
            raise CommandError("KBO import failed, nothing was imported:\n" + str(exc)) from exc
        self.stdout.write(
            f"KBO extract {summary.extract_number} of {summary.snapshot_date:%d-%m-%Y} imported: "
            f"{summary.in_area} enterprises in the programme area "
            f"({summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged, "
            f"{summary.gone} no longer in the extract); {summary.rows_read} rows read."
        )
        self.stdout.write(
            "Source: KBO Open Data, FPS Economy, S.M.E.s, Self-employed and Energy "
            "(licence KBO Open Data)."
        )

    def _progress(self, step: str) -> None:
        self.stderr.write(f"  reading {step}")
