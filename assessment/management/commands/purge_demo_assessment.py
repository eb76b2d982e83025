from django.core.management.base import BaseCommand

from assessment.demo_annual import demo_assessment_purge


class Command(BaseCommand):
    help = (
        "Remove the demo district's annual assessments, rubric, goals, work plans and releases (purge_demo calls it)."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(f"Demo annual assessments removed: {demo_assessment_purge()}")
