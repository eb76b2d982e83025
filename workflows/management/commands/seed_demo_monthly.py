from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import School
from workflows.monthly.demo import demo_monthly_create


class Command(BaseCommand):
    help = (
        "Open the demo district's monthly reviews: one month accepted and locked, last month waiting for the "
        "principal (DEMO_MODE only; run seed_demo, and the activity demo, first). Running it again changes nothing."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_monthly only runs with DEBUG=1 and DEMO_MODE=1.")
        try:
            made = demo_monthly_create(today=timezone.localdate())
        except School.DoesNotExist:
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        for label, review in (("accepted", made.accepted), ("pending", made.pending)):
            if review is not None:
                self.stdout.write(f"    monthly review {label:<9} {review}")
        self.stdout.write(self.style.SUCCESS(f"Demo monthly reviews ready ({made.opened} more opened for last month)."))
