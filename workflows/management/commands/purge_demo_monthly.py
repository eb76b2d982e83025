from django.core.management.base import BaseCommand

from workflows.monthly.demo import demo_monthly_purge


class Command(BaseCommand):
    help = "Delete the demo district's monthly reviews, locked months and flag resolutions (called by purge_demo)."
    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {demo_monthly_purge()} demo monthly review(s).")
