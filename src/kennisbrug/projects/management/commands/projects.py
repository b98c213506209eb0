"""`manage.py projects fitcheck [--json]`: fit check of a project idea read from standard input.

Standard input is either plain text (the idea) or, with ``--input-json``, the same JSON
body as POST /api/v1/projects/fit-check ({"text": ..., "partners": [...]}). Invalid input
prints the errors and exits with status 2; nothing is written.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from kennisbrug.projects.api.serializers import FitCheckInput
from kennisbrug.projects.fitcheck import fit_check


class Command(BaseCommand):
    help = (
        "Project idea tools: 'fitcheck' reads an idea from standard input and prints the verdict."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        fit = sub.add_parser("fitcheck", help="fit check of an idea read from standard input")
        fit.add_argument("--json", action="store_true", help="print the verdict as JSON")
        fit.add_argument(
            "--input-json", action="store_true", help="standard input is the API's JSON body"
        )

    def handle(self, *args, action, **options):
        raw = sys.stdin.read()
        if options["input_json"]:
            try:
                body = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise CommandError(
                    f"standard input is not valid JSON: {exc}", returncode=2
                ) from exc
        else:
            body = {"text": raw}
        data = FitCheckInput(data=body)
        if not data.is_valid():
            raise CommandError(json.dumps(data.errors, ensure_ascii=False), returncode=2)
        v = data.validated_data
        report = fit_check(
            v["text"],
            data.partner_specs(),
            sectors=v.get("sectors", ()),
            technologies=v.get("technologies", ()),
        )
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str))
            return
        verdict = report["verdict"]
        self.stdout.write(
            f"{verdict['code']} ({verdict['priority']['name']}), confidence {verdict['confidence']}"
        )
        for reason in verdict["reasons"]:
            self.stdout.write(f"  - {reason}")
        self.stdout.write(
            f"runner-up: {report['runner_up']['code']} ({report['runner_up']['probability']})"
        )
        for rule in report["rules"]:
            self.stdout.write(f"[{rule['status']}] {rule['title']}: {rule['explanation']}")
