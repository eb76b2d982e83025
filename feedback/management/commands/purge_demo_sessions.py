from django.core.management.base import BaseCommand

from feedback.demo import demo_sessions_purge


class Command(BaseCommand):
    help = "Delete the demo district's dialogue sessions (purge_demo calls this by name before the district goes)."
    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {demo_sessions_purge()} demo dialogue session(s).")
