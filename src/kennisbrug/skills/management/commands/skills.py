"""`manage.py skills match [--json]`: rank occupations for a text read from standard input."""

import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Skills tools. `skills match` reads an experience text from standard input."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        match = sub.add_parser("match", help="Rank occupations for a text on standard input.")
        match.add_argument("--json", action="store_true", help="Print JSON.")
        match.add_argument("--skill", action="append", default=[], help="ESCO skill URI.")
        match.add_argument("--postcode", default="")
        match.add_argument("--country", choices=["BE", "NL"])
        match.add_argument("--max-km", type=int)
        match.add_argument("--limit", type=int, default=10)
        imp = sub.add_parser("import-bottlenecks", help="Import bottleneck occupations (CSV).")
        imp.add_argument("path")

    def _import_bottlenecks(self, path):
        from kennisbrug.skills.bottleneck_import import BottleneckImportError, bottleneck_import

        try:
            with open(path, "rb") as handle:
                summary = bottleneck_import(data=handle.read())
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except BottleneckImportError as exc:
            raise CommandError("Nothing was imported:\n" + str(exc)) from exc
        self.stdout.write(f"Bottleneck rows: {summary.created} created, {summary.updated} updated.")

    def handle(self, *args, action, **options):
        if action == "import-bottlenecks":
            return self._import_bottlenecks(options["path"])
        from kennisbrug.skills.api.serializers import match_payload
        from kennisbrug.skills.selectors import occupation_match

        stdin = sys.stdin
        text = "" if stdin.isatty() else stdin.read()
        try:
            result = occupation_match(
                text=text,
                skill_uris=options["skill"],
                postcode=options["postcode"],
                country=options["country"],
                max_km=options["max_km"],
                limit=max(1, min(options["limit"], 100)),
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        payload = match_payload(result)
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if payload["message"]:
            self.stdout.write(payload["message"])
        for i, m in enumerate(payload["matches"], 1):
            flag = " [bottleneck]" if m["is_bottleneck"] else ""
            self.stdout.write(
                f"{i:2}. {m['occupation']['label_en']}{flag} — coverage {m['coverage']:.0%}, "
                f"essential {m['essential_covered']}/{m['essential_total']}"
            )
        self.stdout.write(payload["attribution"])
