"""`seed_demo` adds dialogue sessions, their feedback and a partner feedback round to the demo district;
`purge_demo` takes them away again."""

from io import StringIO

import pytest
from django.core.management import call_command

from feedback.models import HeardItem, HeardStatus, PartnerRound, RegistrationStatus, Session, SessionFeedback
from surveys.models import Survey

pytestmark = pytest.mark.django_db
# A session's texts written in English and Spanish (tests/feedback/test_spanish_texts.py).
TEXTS = (
    "place",
    "audience",
    "school_attendees",
    "police_attendees",
    "reserved_group",
    "languages",
    "accessibility_note",
)


def test_seed_demo_adds_past_and_upcoming_sessions_with_a_waitlist_and_approved_quotes(demo_seeded, settings):
    settings.DEMO_MODE = True
    call_command("seed_demo_sessions", stdout=StringIO())  # running it again makes nothing twice
    assert Session.objects.count() == 2
    upcoming = Session.objects.get(title_en__startswith="Student voices")
    statuses = set(upcoming.registrations.values_list("status", flat=True))
    assert RegistrationStatus.WAITLISTED in statuses and RegistrationStatus.CONFIRMED in statuses
    assert HeardItem.objects.filter(status=HeardStatus.APPROVED).count() == 3


def test_purge_demo_removes_the_demo_sessions(demo_seeded):
    call_command("purge_demo", "--yes", stdout=StringIO())
    assert not Session.objects.exists()


def test_the_demo_sessions_have_their_texts_in_spanish(demo_seeded):
    for session in Session.objects.all():
        for name in TEXTS:
            assert bool(getattr(session, f"{name}_es")) == bool(getattr(session, f"{name}_en")), (session, name)
        assert session.place_es and session.languages_es and session.accessibility_note_es


def test_seed_demo_adds_session_feedback_and_a_partner_round_and_purge_removes_them(demo_seeded):
    feedback = SessionFeedback.objects.get()
    assert feedback.survey.responses.count() == 4
    partner_round = PartnerRound.objects.get()
    assert partner_round.school_survey.responses.count() == 11
    call_command("purge_demo", "--yes", stdout=StringIO())
    assert not Survey.objects.exists() and not PartnerRound.objects.exists()
