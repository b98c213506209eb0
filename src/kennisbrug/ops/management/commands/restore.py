"""`manage.py restore PATH`: replace the database with a backup made by `manage.py backup`."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kennisbrug.ops import backup


class Command(BaseCommand):
    help = (
        "Replace the database with a backup (all or nothing), then apply newer migrations "
        "and rebuild the matching index. Stop the worker first; see docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a file written by `manage.py backup`")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, path, interactive, **options):
        if interactive:
            answer = input(
                f"This replaces every record in the database with the backup {path}.\n"
                "Type 'yes' to continue: "
            )
            if answer.strip() != "yes":
                raise CommandError("restore cancelled")
        try:
            backup.restore(Path(path))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {path}")
        # A backup from before an upgrade lacks the newer tables; the index describes the
        # database before the restore.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("matching", "rebuild", verbosity=options["verbosity"])
        self.stdout.write("restore_done")
