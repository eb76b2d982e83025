from django.core.management.base import BaseCommand

from workflows.reminders import coordinator_digest_send, due_soon_remind, open_complaints_update


class Command(BaseCommand):
    help = (
        "Queue due-soon reminders, 30-day updates to complainants of open complaints, and with --digest "
        "this week's coordinator digests, now. Optional: the worker runs the same jobs every hour "
        "(settings.PERIODIC_TASKS); nothing is ever sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true", help="Also queue this week's coordinator digests.")

    def handle(self, *args, digest=False, **options):
        self.stdout.write(f"{due_soon_remind()} due-soon reminder(s) queued")
        self.stdout.write(f"{open_complaints_update()} 30-day update(s) to complainants queued")
        if digest:
            self.stdout.write(f"{coordinator_digest_send()} digest(s) queued")
