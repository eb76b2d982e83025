from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_district_create
from accounts.models import STAFF_ROLES


class Command(BaseCommand):
    help = "Create the demo district, schools, agency, SRO roster and one user per role (DEMO_MODE only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo only runs with DEBUG=1 and DEMO_MODE=1: demo passwords are public.")
        users = demo_district_create(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS("Demo district ready. Every demo account uses the password:"))
        self.stdout.write(f"    {DEMO_PASSWORD}\n")
        for demo in users:
            mark = "  (staff: MFA)" if demo.role in STAFF_ROLES else ""
            self.stdout.write(f"    {demo.role:<16} {demo.email}{mark}")
        self.stdout.write(
            "\nStaff accounts have an authenticator already set up with the demo secret\n"
            f"    {DEMO_TOTP_SECRET}\n"
            "Add it to an authenticator app, or print the current code with\n"
            "    .venv/bin/python manage.py demo_mfa_code\n"
        )
        # By name, not by import: accounts must not import the workflows app.
        call_command("seed_demo_cases", stdout=self.stdout, stderr=self.stderr)
        call_command("seed_demo_casework", stdout=self.stdout, stderr=self.stderr)
        call_command("seed_demo_casefile", stdout=self.stdout, stderr=self.stderr)
        call_command("seed_demo_surveys", stdout=self.stdout, stderr=self.stderr)
        call_command("seed_demo_sessions", stdout=self.stdout, stderr=self.stderr)
        call_command("seed_demo_activity", stdout=self.stdout, stderr=self.stderr)
        call_command("seed_demo_assessment_training", stdout=self.stdout, stderr=self.stderr)
        call_command("seed_demo_assessment", stdout=self.stdout, stderr=self.stderr)
        # It certifies and locks months, so SRO records must be seeded before it.
        call_command("seed_demo_monthly", stdout=self.stdout, stderr=self.stderr)
        # After it: the release freezes the figures of everything seeded above.
        call_command("seed_demo_dashboard", stdout=self.stdout, stderr=self.stderr)
