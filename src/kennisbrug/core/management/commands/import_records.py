"""`manage.py import_records KIND PATH [--commit] [--organisation ID]`: any registered kind
of bulk import (organisations, facilities, living_labs, trainings, vacancies) from the
command line, the same preview and all-or-nothing commit as the page and the API. The
operator running the command is the actor (user None)."""

from django.core.management.base import CommandError

from kennisbrug.core.imports.command import ImportCommand
from kennisbrug.core.imports.kinds import kinds


class Command(ImportCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=kinds.names())
        super().add_arguments(parser)
        parser.add_argument("--organisation", type=int, default=None, help="Limit to this id.")

    def handle(self, *args, **options):
        kind, organisation = options.pop("kind"), options.pop("organisation")
        spec = kinds.get(kind)
        if spec is None:
            raise CommandError(kind)
        self.event = f"{kind}_import"
        self._spec, self._organisation = spec, organisation
        return super().handle(*args, **options)

    def preview(self, *, content: bytes, filename: str):
        return self._spec.preview(
            content=content, filename=filename, user=None, organisation_id=self._organisation
        )

    def describe(self, row) -> str:
        notes = self._spec.notes(row) if self._spec.notes else []
        return f" ({'; '.join(str(n) for n in notes)})" if notes else ""

    def commit(self, *, content: bytes, filename: str, fingerprint: str):
        return self._spec.commit(
            content=content,
            filename=filename,
            user=None,
            organisation_id=self._organisation,
            fingerprint=fingerprint,
        )
