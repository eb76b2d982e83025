from django.core.management.base import BaseCommand

from activity.demo import demo_activity_purge


class Command(BaseCommand):
    help = (
        "Delete the demo district's SRO records and enrolment (purge_demo calls this by name before the district goes)."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {demo_activity_purge()} demo SRO record(s).")
