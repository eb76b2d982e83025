from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import District
from assessment.demo_dashboard import demo_release_create


class Command(BaseCommand):
    help = "Publish the demo district's current school year on the public dashboard (DEMO_MODE only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_dashboard only runs with DEBUG=1 and DEMO_MODE=1.")
        try:
            release = demo_release_create()
        except District.DoesNotExist:
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        if release is None:
            self.stdout.write("Demo dashboard: this school year is already published (see /dashboard/).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Demo dashboard: {release} published (see /dashboard/)."))
