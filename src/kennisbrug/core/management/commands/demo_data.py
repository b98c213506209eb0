"""Fill an empty database with a generated border-region demo data set.

Each app contributes a `demo.py` with `generate(*, rng, stdout)`; they run in
dependency order. The command does nothing when demo data is already present.
"""

import importlib
import random

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: later apps build on organisations and people made earlier.
DEMO_MODULES = [
    "kennisbrug.organisations.demo",
    "kennisbrug.innovation.demo",
    "kennisbrug.facilities.demo",
    "kennisbrug.vouchers.demo",
    "kennisbrug.projects.demo",
    "kennisbrug.skills.demo",
]
SEED = 20261128


class Command(BaseCommand):
    help = "Generate the demo data set (deterministic, idempotent: skipped when present)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument("--scale", type=int, default=1, help="Multiply the data set size.")

    def handle(self, *args, seed: int, scale: int, **options):
        from kennisbrug.organisations.models import Organisation

        if Organisation.objects.filter(is_demo=True).exists():
            self.stdout.write("Demo data already present; nothing to do.")
            return
        rng = random.Random(seed)
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name == name:
                        continue
                    raise
                module.generate(rng=rng, scale=scale, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data generated."))
