from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_TOTP_SECRET
from accounts.mfa import current_totp_code


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo staff accounts (DEMO_MODE only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("demo_mfa_code only runs with DEBUG=1 and DEMO_MODE=1.")
        self.stdout.write(current_totp_code(DEMO_TOTP_SECRET))
