from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import (
    DEMO_DISTRICT_SLUG,
    DEMO_EMAIL_DOMAIN,
    demo_accounts_purge,
    demo_district_purge,
    demo_secret_authenticators,
    demo_users,
)
from accounts.models import District


class Command(BaseCommand):
    help = (
        "Delete the demo accounts, every authenticator using the demo secret, and the demo district with its "
        "schools, agency, roster and complaints. Asks for --yes; running it again changes nothing."
    )
    # The demo-account system check fails until this has run: it must not stop it.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="Really delete (otherwise only list what would go).")

    def handle(self, *args, yes=False, **options):
        accounts = demo_users().count()
        authenticators = len(demo_secret_authenticators())
        district = District.objects.filter(slug=DEMO_DISTRICT_SLUG).first()
        if not (accounts or authenticators or district):
            self.stdout.write("No demo data found.")
            return
        self.stdout.write(f"Demo accounts (@{DEMO_EMAIL_DOMAIN}, public password): {accounts}")
        self.stdout.write(f"Authenticator apps using the public demo secret: {authenticators}")
        if district:
            self.stdout.write(
                f"Demo district: {district.name}, with {district.schools.count()} schools, its agency, "
                "roster and every complaint about its schools"
            )
        if not yes:
            raise CommandError("Nothing deleted. Run `manage.py purge_demo --yes` to delete the above.")
        with transaction.atomic():
            # Complaints and reviews first (they protect their school), through
            # the workflows app, which also releases tasks demo accounts hold.
            call_command("purge_demo_dashboard", stdout=self.stdout)
            call_command("purge_demo_monthly", stdout=self.stdout)  # before the SRO records and accounts
            call_command("purge_demo_assessment", stdout=self.stdout)
            call_command("purge_demo_cases", stdout=self.stdout)
            call_command("purge_demo_assessment_training", stdout=self.stdout)
            call_command("purge_demo_sessions", stdout=self.stdout)
            call_command("purge_demo_surveys", stdout=self.stdout)
            # SRO records protect their school, officer and offence.
            call_command("purge_demo_activity", stdout=self.stdout)
            removed = demo_accounts_purge()
            demo_district_purge()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {removed.accounts} demo account(s), {removed.authenticators} demo-secret authenticator(s)"
                + (" and the demo district." if district else ".")
            )
        )
