"""`manage.py introductions expire`: expire introduction requests unanswered for 30 days."""

from django.core.management.base import BaseCommand

from kennisbrug.innovation.services import introductions_expire


class Command(BaseCommand):
    help = "Maintain introductions (run `expire` daily)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("expire", help="Expire requests past their expiry date.")

    def handle(self, *args, action, **options):
        count = introductions_expire()
        self.stdout.write(f"Expired {count} introduction request(s).")
