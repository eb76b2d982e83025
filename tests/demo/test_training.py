"""`seed_demo` adds training records and "you said, we did" entries to the demo district; `purge_demo` removes them."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import District
from assessment.models import Commitment, CommitmentStatus, TrainingEvent
from assessment.services.training import training_compliance, training_public_summary
from core.schoolyear import school_year_of
from core.suppression import Shown

pytestmark = pytest.mark.django_db
# The demo dates its events in the school year it is loaded in; the tests read that year as of its November 27.
YEAR = school_year_of(timezone.localdate())
TODAY = datetime.date(YEAR, 11, 27)


@pytest.fixture
def demo(demo_seeded, settings):
    settings.DEMO_MODE = True
    call_command("seed_demo_assessment_training", stdout=StringIO())  # running it again makes nothing twice
    return District.objects.get(slug="riverside")


def test_the_demo_has_events_of_two_school_years_held_and_scheduled(demo):
    assert TrainingEvent.objects.filter(district=demo).count() == 7
    this_year = training_public_summary(district=demo, school_year=YEAR, published=None, as_of=TODAY)
    assert (this_year.events_held, this_year.hours_held, this_year.events_scheduled) == (2, Decimal("10.00"), 2)
    # Two demo SROs, neither with 16 hours yet: 2 is below the threshold, so the total and "not yet" are hidden;
    # zero describes nobody and is shown.
    assert this_year.sros.suppressed and this_year.sros_not_compliant.suppressed
    assert this_year.sros_compliant == Shown(value=0, suppressed=False)


def test_the_demo_sros_hours_against_the_requirements(demo):
    rows = {row.officer.badge_number: row for row in training_compliance(district=demo, school_year=YEAR, as_of=TODAY)}
    assert (rows["1041"].hours_done, rows["1187"].hours_done) == (Decimal("10.00"), Decimal("6.00"))
    assert rows["1041"].hours_required == Decimal("16")


def test_the_demo_has_published_entries_in_every_status_and_one_draft(demo):
    published = Commitment.objects.filter(district=demo, published=True)
    assert set(published.values_list("status", flat=True)) == set(CommitmentStatus.values)
    assert Commitment.objects.filter(district=demo, published=False).count() == 1


def test_the_public_pages_show_the_demo(client, demo):
    assert "August summit" in client.get(reverse("assessment:training")).content.decode()
    assert "QR code" in client.get(reverse("assessment:commitments")).content.decode()


def test_purge_demo_removes_the_training_records(demo):
    call_command("purge_demo", "--yes", stdout=StringIO())
    assert not TrainingEvent.objects.exists() and not Commitment.objects.exists()
