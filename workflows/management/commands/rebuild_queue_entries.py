from django.core.management.base import BaseCommand

from workflows.review.queue_entries import queue_entries_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the review queue's entries from the open tasks (a repair: the queue keeps them itself; "
        "run it after loading tasks with raw SQL or a bulk insert)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{queue_entries_rebuild()} open task(s) in the review queue.")
