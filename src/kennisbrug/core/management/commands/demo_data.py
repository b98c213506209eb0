"""Fill an empty database with a generated border-region demo data set.

Each app registers its generator in `kennisbrug.core.demo` from its `ready()`; they
run in dependency order. The command does nothing when demo data is already present.
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction

from kennisbrug.core import demo

SEED = 20261128


class Command(BaseCommand):
    help = "Generate the demo data set (deterministic, idempotent: skipped when present)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument("--scale", type=int, default=1, help="Multiply the data set size.")

    def handle(self, *args, seed: int, scale: int, **options):
        if demo.is_present():
            self.stdout.write("Demo data already present; nothing to do.")
            return
        rng = random.Random(seed)
        with transaction.atomic():
            for generator in demo.generators:
                generator.generate(rng=rng, scale=scale, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data generated."))
