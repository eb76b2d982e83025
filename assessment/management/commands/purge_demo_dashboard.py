from django.core.management.base import BaseCommand

from assessment.demo_dashboard import demo_releases_purge


class Command(BaseCommand):
    help = "Delete the demo district's published releases (run by purge_demo before the district goes)."
    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(f"Demo dashboard releases deleted: {demo_releases_purge()}")
