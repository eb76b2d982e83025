from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import District, User
from assessment.demo_training import demo_training_create


class Command(BaseCommand):
    help = (
        'Add training events, attendance, required hours and "you said, we did" entries to the demo district '
        "(DEMO_MODE only; run seed_demo first)."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_assessment_training only runs with DEBUG=1 and DEMO_MODE=1.")
        try:
            made = demo_training_create()
        except (District.DoesNotExist, User.DoesNotExist):
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo training: {made} event(s) made now (see /dashboard/training/ and /dashboard/you-said-we-did/)."
            )
        )
