"""Reminders 48 and 2 hours before, each with date, time and place, each sent once."""

import datetime as dt

import pytest
from django.utils import timezone

from feedback.services.registrations import registration_create
from feedback.services.reminders import reminders_send
from feedback.tasks import session_reminders_send
from notifications.models import OutboundEmail
from notifications.rendering import render_email
from tests.feedback.builders import build_session, person

pytestmark = pytest.mark.django_db


def test_each_reminder_goes_once_with_date_time_and_place(world):
    session = build_session(world.a, [world.a_school], starts_in=dt.timedelta(days=5))
    registration_create(session=session, fields=person("Ana"))
    at_47h = session.starts_at - dt.timedelta(hours=47)
    at_1h = session.starts_at - dt.timedelta(hours=1)
    for now in (at_47h, at_47h + dt.timedelta(minutes=15), at_1h, at_1h + dt.timedelta(minutes=15)):
        reminders_send(now=now)
    reminders = OutboundEmail.objects.filter(template="session_reminder").order_by("pk")
    assert [mail.context["hours"] for mail in reminders] == [48, 2]
    _subject, text, _html = render_email(reminders[0])
    assert "Library, room 2" in text
    assert reminders[0].context["session_date"] in text and reminders[0].context["session_time"] in text


def test_no_reminder_before_the_window_or_for_a_cancelled_session_or_waitlist(world):
    session = build_session(world.a, [world.a_school], capacity=1, starts_in=dt.timedelta(days=5))
    registration_create(session=session, fields=person("Ana"))
    registration_create(session=session, fields=person("Ben"))  # waitlisted
    assert reminders_send(now=session.starts_at - dt.timedelta(hours=49)) == 0
    assert reminders_send(now=session.starts_at - dt.timedelta(hours=40)) == 1
    session.cancelled_at = timezone.now()
    session.save()
    assert reminders_send(now=session.starts_at - dt.timedelta(hours=1)) == 0


def test_the_worker_task_sends_the_reminders(world, settings):
    session = build_session(world.a, [world.a_school], starts_in=dt.timedelta(hours=1))
    registration_create(session=session, fields=person("Ana"))
    assert "feedback.tasks.session_reminders_send" in settings.PERIODIC_TASKS
    session_reminders_send.call()
    session_reminders_send.call()
    assert OutboundEmail.objects.filter(template="session_reminder").count() == 1
