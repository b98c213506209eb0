from django.core.management.base import BaseCommand

from kennisbrug.core.reference import load_reference_data


class Command(BaseCommand):
    help = "Load or refresh the reference data shipped in kennisbrug/core/data (idempotent)."

    def handle(self, *args, **options):
        counts = load_reference_data()
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({summary})."))
