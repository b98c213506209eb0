"""`manage.py matching rebuild` and `manage.py matching query "text" [--kind K] [--json]`."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kennisbrug.matching import index
from kennisbrug.matching.services import (
    match,
    no_strong_match_message,
    result_as_dict,
    strong_match,
)


class Command(BaseCommand):
    help = "Rebuild the search index from the database, or run a query against it."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="Rebuild the whole index and save it to disk.")
        query = sub.add_parser("query", help="Search and print the hits.")
        query.add_argument("text")
        query.add_argument("--kind", action="append", default=None, help="Only this kind.")
        query.add_argument("--limit", type=int, default=10)
        query.add_argument("--json", action="store_true", help="Print the hits as JSON.")

    def handle(self, *args, action, **options):
        if action == "rebuild":
            return self.rebuild(options)
        return self.query(options)

    def rebuild(self, options):
        total = _count_documents()
        quiet = options["verbosity"] == 0
        with tqdm(total=total, unit="doc", desc="index", disable=quiet, file=self.stderr) as bar:
            count, version = index.rebuild(progress=bar.update)
        self.stdout.write(f"Indexed {count} documents (index version {version}).")

    def query(self, options):
        try:
            results = match(
                text=options["text"],
                filters={"kind": options["kind"]} if options["kind"] else None,
                limit=options["limit"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps([result_as_dict(r) for r in results], ensure_ascii=False, indent=2)
            )
            return
        if not strong_match(results):
            self.stdout.write(no_strong_match_message(results))
        for n, r in enumerate(results, 1):
            self.stdout.write(f"{n:>3}. [{r.kind}] {r.title}  ({r.score:.3f})")
            for reason in r.reasons:
                self.stdout.write(f"      - {reason}")


def _count_documents() -> int:
    from kennisbrug.matching.documents import all_documents

    return sum(1 for _ in all_documents())
