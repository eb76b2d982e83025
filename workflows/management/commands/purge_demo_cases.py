from django.core.management.base import BaseCommand

from workflows.demo_purge import demo_cases_purge


class Command(BaseCommand):
    help = "Delete the demo district's complaints and reviews (called by `manage.py purge_demo --yes`)."
    # It runs while the demo-account check is failing: that is what it is for.
    requires_system_checks = []

    def handle(self, *args, **options):
        result = demo_cases_purge()
        self.stdout.write(
            f"Deleted {result.complaints} demo complaint(s); "
            f"released {result.released_tasks} task(s) held by demo accounts."
        )
