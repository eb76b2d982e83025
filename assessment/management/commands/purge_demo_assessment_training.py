from django.core.management.base import BaseCommand

from assessment.demo_training import demo_training_purge


class Command(BaseCommand):
    help = (
        'Delete the demo district\'s training records and "you said, we did" entries (purge_demo calls this by name '
        "before the accounts and the district go)."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {demo_training_purge()} demo training event(s) and the demo entries.")
