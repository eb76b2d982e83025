from django.core.management.base import BaseCommand
from django.utils import timezone

from complaints.models import Draft


class Command(BaseCommand):
    help = "Delete complaint drafts whose private link has expired (run daily from cron)."

    def handle(self, *args, **options):
        deleted, _ = Draft.objects.filter(expires_at__lte=timezone.now()).delete()
        self.stdout.write(f"{deleted} expired draft(s) deleted")
