from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from accounts.models import District
from workflows.demo import demo_case_stages, demo_cases_create
from workflows.demo_cases import STAGES


class Command(BaseCommand):
    help = (
        "File the demo complaints in every state of the review, through the real intake and review services "
        "(DEMO_MODE only; run seed_demo first). Running it again files nothing twice."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_cases only runs with DEBUG=1 and DEMO_MODE=1.")
        try:
            filed = demo_cases_create(today=timezone.localdate())
        except District.DoesNotExist:
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        counts = demo_case_stages()
        self.stdout.write(self.style.SUCCESS(f"Demo complaints: {sum(counts.values())} ({len(filed)} filed now)."))
        for stage in STAGES:
            self.stdout.write(f"    {stage:<16} {counts.get(stage, 0)}")
        tracked = [f for f in filed if f.pin][:3]
        if tracked:
            track = reverse("complaints:track")
            self.stdout.write(f"\nFollow one as the family would, on {track} (tracking code and PIN):")
            for item in tracked:
                self.stdout.write(f"    {item.complaint.tracking_code}  PIN {item.pin}  ({item.case.stage})")
