from django.core.management.base import BaseCommand

from complaints.tasks import expired_drafts_delete


class Command(BaseCommand):
    help = "Delete complaint drafts whose private link has expired, now (the worker does it every hour)."

    def handle(self, *args, **options):
        self.stdout.write(f"{expired_drafts_delete()} expired draft(s) deleted")
