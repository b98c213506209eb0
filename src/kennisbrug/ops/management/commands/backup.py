"""`manage.py backup [--output PATH]`: a consistent copy of the live database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kennisbrug.ops import backup


class Command(BaseCommand):
    help = (
        "Back up the database while the site runs: SQLite with the online backup API, "
        "PostgreSQL with pg_dump (custom format). Prints the path of the backup."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="file to write (default: $KENNISBRUG_VAR_DIR/backups/kennisbrug-<time>.sqlite3|.dump)",
        )

    def handle(self, *args, output=None, **options):
        try:
            path = backup.backup(Path(output) if output else backup.default_path())
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
