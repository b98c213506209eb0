"""`manage.py jobs ping`: check that a worker takes a task off the queue and runs it."""

import secrets

from django.core.management.base import BaseCommand, CommandError
from huey.exceptions import HueyException

from kennisbrug.jobs.selectors import health
from kennisbrug.jobs.tasks import ping


class Command(BaseCommand):
    help = "Background jobs. `ping`: queue a task and wait for a worker to run it. `health`: queue state."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("ping", help="Queue a task and wait until a worker ran it.")
        p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait (default 30)")
        sub.add_parser("health", help="Print whether the queue answers and what it holds.")

    def handle(self, *args, action, **options):
        if action == "health":
            state = health()
            self.stdout.write(" ".join(f"{k}={v}" for k, v in state.items()))
            if not state["ok"]:
                raise CommandError("task queue unreachable")
            return
        token = secrets.token_hex(8)
        result = ping(token)
        try:
            value = result.get(blocking=True, timeout=options["timeout"]) if result else token
        except HueyException as exc:
            raise CommandError(
                f"no worker ran the task within {options['timeout']:g} s ({exc!r})"
            ) from exc
        if value != token:
            raise CommandError("the worker returned something else than was sent")
        self.stdout.write("task_worker_ok")
