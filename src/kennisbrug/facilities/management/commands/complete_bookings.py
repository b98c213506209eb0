"""Mark approved bookings that have ended as done (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from kennisbrug.facilities.services import bookings_complete_ended


class Command(BaseCommand):
    help = "Mark every approved facility booking that has ended as completed."

    def handle(self, *args, **options):
        done = bookings_complete_ended()
        self.stdout.write(f"bookings_completed count={done}")
