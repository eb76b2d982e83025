from django.core.management.base import BaseCommand

from surveys.demo import demo_surveys_purge


class Command(BaseCommand):
    help = "Delete the demo district's surveys, responses, invitations and opt-outs (called by `purge_demo --yes`)."
    # It runs while the demo-account check is failing: that is what it is for.
    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {demo_surveys_purge()} demo survey(s) with their responses and invitations.")
