from django.core.management.base import BaseCommand

from accounts.demo import DEMO_TOTP_SECRET
from accounts.mfa import current_totp_code


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo staff accounts."
    # Needs no database and must answer even while the demo-account check fails.
    requires_system_checks = []

    def handle(self, *args, **options):
        # No DEMO_MODE gate: the demo secret is printed in the README and by
        # seed_demo, so its current code reveals nothing. What keeps demo
        # accounts out of production is the accounts.E001/E002 system check.
        self.stdout.write(current_totp_code(DEMO_TOTP_SECRET))
