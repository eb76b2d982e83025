from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import District
from workflows.demo_casework import demo_casework_create


class Command(BaseCommand):
    help = (
        "Add demo casework (staff intake, related and duplicate complaints, a withdrawal, a reopening) to the demo "
        "complaints (DEMO_MODE only; run seed_demo first). Running it again adds nothing."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_casework only runs with DEBUG=1 and DEMO_MODE=1.")
        try:
            done = demo_casework_create(today=timezone.localdate())
        except District.DoesNotExist:
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        self.stdout.write(
            self.style.SUCCESS(f"Demo casework: {len(done)} changes." if done else "Demo casework: already there.")
        )
        for line in done:
            self.stdout.write(f"    {line}")
