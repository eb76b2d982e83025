from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import District
from workflows.demo_casefile import demo_casefile_create


class Command(BaseCommand):
    help = "Demo staff files and early warnings (DEMO_MODE only; run seed_demo first). Running it again adds nothing."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_casefile only runs with DEBUG=1 and DEMO_MODE=1.")
        try:
            result = demo_casefile_create()
        except District.DoesNotExist:
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        self.stdout.write(
            self.style.SUCCESS(f"Demo staff files: {result.staff_files}; early warnings: {result.warnings}.")
        )
