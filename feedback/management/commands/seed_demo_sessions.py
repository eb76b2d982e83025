from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import District
from feedback.demo import demo_sessions_create


class Command(BaseCommand):
    help = "Add past and upcoming dialogue sessions to the demo district (DEMO_MODE only; run seed_demo first)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_sessions only runs with DEBUG=1 and DEMO_MODE=1.")
        try:
            made = demo_sessions_create()
        except District.DoesNotExist:
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        self.stdout.write(self.style.SUCCESS(f"Demo dialogue sessions: {made} made now (see /sessions/)."))
