from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import District
from activity.demo import demo_activity_create


class Command(BaseCommand):
    help = (
        "Add a year of SRO events, outreach and enrolment to every demo school (DEMO_MODE only; run seed_demo "
        "first). Running it again the same day adds nothing."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_activity only runs with DEBUG=1 and DEMO_MODE=1.")
        try:
            events, activities = demo_activity_create(today=timezone.localdate())
        except District.DoesNotExist:
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo SRO records: {events} events and {activities} outreach activities added now "
                "(see /staff/activity/reports/)."
            )
        )
