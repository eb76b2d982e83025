from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import District
from assessment.demo_annual import demo_assessment_create


class Command(BaseCommand):
    help = "Add goals, work plans and annual assessments (one published, one in progress) to the demo district."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_assessment only runs with DEBUG=1 and DEMO_MODE=1.")
        try:
            made = demo_assessment_create()
        except District.DoesNotExist:
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        self.stdout.write(
            self.style.SUCCESS(f"Demo annual assessments: {made} made now (see /staff/assessment/annual/).")
        )
