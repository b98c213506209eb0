"""Fill an empty database with a generated border-region demo data set.

Each app registers its generator in `kennisbrug.core.demo` from its `ready()`; they
run in dependency order. The command does nothing when demo data is already present.
"""

import logging
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from kennisbrug.core import demo

SEED = 20261128
DISCARD_MAIL = "django.core.mail.backends.dummy.EmailBackend"


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
        # The workflows mail everyone involved (after commit, so also when the block
        # below ends); demo people have no real inboxes and the console backend would
        # bury the output under a thousand messages, so the mails go nowhere.
        # Likewise the per-transition INFO log lines: the generators report their own totals.
        logging.disable(logging.INFO)
        try:
            with override_settings(EMAIL_BACKEND=DISCARD_MAIL), transaction.atomic():
                for generator in demo.generators:
                    generator.generate(rng=rng, scale=scale, stdout=self.stdout)
        finally:
            logging.disable(logging.NOTSET)
        self.stdout.write(self.style.SUCCESS("Demo data generated."))
