"""`manage.py vouchers expire`: expire vouchers past their validity (run daily from cron)."""

from django.core.management.base import BaseCommand

from kennisbrug.vouchers import services


class Command(BaseCommand):
    help = "Voucher maintenance. `expire`: expire vouchers past their validity and release them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="task", required=True)
        sub.add_parser("expire", help="Expire overdue vouchers; safe to run repeatedly.")

    def handle(self, *args, task: str, **options):
        if task == "expire":
            count = services.applications_expire()
            if options.get("verbosity", 1):
                self.stdout.write(f"voucher_expired count={count}")
