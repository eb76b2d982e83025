"""`seed_demo` adds dialogue sessions to the demo district; `purge_demo` takes them away again."""

from io import StringIO

import pytest
from django.core.management import call_command

from feedback.models import HeardItem, HeardStatus, RegistrationStatus, Session

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_past_and_upcoming_sessions_with_a_waitlist_and_approved_quotes(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo_sessions", stdout=StringIO())  # running it again makes nothing twice
    assert Session.objects.count() == 2
    upcoming = Session.objects.get(title_en__startswith="Student voices")
    statuses = set(upcoming.registrations.values_list("status", flat=True))
    assert RegistrationStatus.WAITLISTED in statuses and RegistrationStatus.CONFIRMED in statuses
    assert HeardItem.objects.filter(status=HeardStatus.APPROVED).count() == 3


def test_purge_demo_removes_the_demo_sessions(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())
    call_command("purge_demo", "--yes", stdout=StringIO())
    assert not Session.objects.exists()
