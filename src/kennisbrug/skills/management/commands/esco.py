"""`manage.py esco import PATH [PATH ...]`: import the official ESCO CSV download."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kennisbrug.skills.esco_import import EscoImportError, esco_import


class Command(BaseCommand):
    help = "Import the official ESCO CSV download (folders, zips or .csv.gz files)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import ESCO CSV files.")
        imp.add_argument("paths", nargs="+", type=Path)
        imp.add_argument("--version", dest="esco_version", help="ESCO version, e.g. v1.2.0.")
        imp.add_argument(
            "--language", action="append", dest="languages", help="en or nl (repeatable)."
        )
        imp.add_argument("--demo", action="store_true", help="Mark the concepts as demo data.")
        imp.add_argument("--no-progress", action="store_true")

    def handle(self, *args, action, **options):
        try:
            summary = esco_import(
                paths=options["paths"],
                version=options["esco_version"],
                languages=options["languages"],
                is_demo=options["demo"],
                progress=not options["no_progress"],
            )
        except EscoImportError as exc:
            raise CommandError("ESCO import failed, nothing was imported:\n" + str(exc)) from exc
        self.stdout.write(
            f"ESCO {summary.version} imported (languages: {', '.join(summary.languages)})."
        )
        for key, value in summary.counts.items():
            self.stdout.write(f"  {key}: {value}")
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))
        self.stdout.write(summary.attribution)
