import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from accounts.models import District
from surveys.codes import code_display
from surveys.demo import demo_surveys_create


class Command(BaseCommand):
    help = (
        "Create the demo district's climate surveys: last year's and this year's (closed, with responses, "
        "comments and invitations) and one open survey to take (DEMO_MODE only; run seed_demo first). "
        "Running it again creates nothing twice."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo_surveys only runs with DEBUG=1 and DEMO_MODE=1.")
        started = time.perf_counter()
        try:
            made = demo_surveys_create(today=timezone.localdate())
        except District.DoesNotExist:
            raise CommandError("There is no demo district yet: run `manage.py seed_demo` first.") from None
        if not made.surveys:
            self.stdout.write("Demo surveys: already there.")
            return
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Demo surveys: {len(made.surveys)}, {made.responses} responses ({seconds:.1f} s).")
        )
        for survey in made.surveys:
            self.stdout.write(f"    {survey.get_status_display():<8} {survey.title_en}")
        open_survey = made.surveys[-1]
        school = open_survey.schools.filter(slug="lincoln-high").first() or open_survey.schools.first()
        link = reverse("surveys:take_start", args=[open_survey.public_id, school.slug])
        self.stdout.write(f"\nTake the open survey as {school.name} would: {link}")
        codes = ", ".join(code_display(code) for code in made.invitation_codes)
        self.stdout.write(f"    one-time student codes (on {reverse('surveys:take_code')}): {codes}")
        if made.class_code:
            self.stdout.write(f"    class code: {made.class_code}")
