"""Calendar files: read back with icalendar, with the time zone, a stable UID and a growing SEQUENCE."""

import base64
import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from feedback.services.registrations import registration_create
from feedback.services.sessions import session_cancel, session_change
from notifications.backends import SendGridEmailBackend
from notifications.delivery import send
from notifications.models import OutboundEmail
from tests.feedback.builders import build_session, person

pytestmark = pytest.mark.django_db


def feed(client, school) -> icalendar.Calendar:
    response = client.get(reverse("feedback:school_calendar", args=[school.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def change_fields(session, **changes) -> dict:
    fields = {name: getattr(session, name) for name in ("title_en", "place_en", "starts_at", "ends_at", "capacity")}
    return {**fields, **changes}


def test_the_school_feed_has_its_sessions_in_the_district_time_zone(client, world, settings):
    session = build_session(world.a, [world.a_school])
    build_session(world.b, [world.b_school], title_en="Elsewhere")
    calendar = feed(client, world.a_school)
    [event] = calendar.events
    assert [tz["TZID"] for tz in calendar.timezones] == [settings.TIME_ZONE]
    assert event.start == session.starts_at
    assert event.start.tzinfo == zoneinfo.ZoneInfo(settings.TIME_ZONE)
    assert str(event["SUMMARY"]) == "Talking about safety"
    assert str(event["LOCATION"]) == "Library, room 2"


def test_the_session_list_offers_the_calendar_of_a_chosen_school_only(client, world):
    build_session(world.a, [world.a_school])
    chosen = client.get(reverse("feedback:sessions"), {"school": world.a_school.pk}).content.decode()
    assert reverse("feedback:school_calendar", args=[world.a_school.pk]) in chosen


@pytest.mark.parametrize("value", ["abc", "-1", "3 ", "99999", "99999999999999999999"])
def test_a_school_filter_that_is_no_school_of_the_list_answers_the_page_with_its_error_not_a_500(client, world, value):
    build_session(world.a, [world.a_school])
    page = client.get(reverse("feedback:sessions"), {"school": value})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Select a valid choice" in text and "/calendar" not in text and ".ics" not in text


def test_a_changed_session_keeps_its_uid_and_raises_its_sequence(client, world, coordinator):
    session = build_session(world.a, [world.a_school])
    before = feed(client, world.a_school).events[0]
    later = session.starts_at + dt.timedelta(hours=2)
    session_change(
        session=session,
        fields=change_fields(session, starts_at=later, ends_at=later + dt.timedelta(hours=1)),
        schools=[world.a_school],
        facilitators=[],
        by=coordinator,
    )
    after = feed(client, world.a_school).events[0]
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.start == later


def test_a_change_that_does_not_move_the_session_does_not_bother_calendars(world, coordinator):
    session = build_session(world.a, [world.a_school])
    registration_create(session=session, fields=person("Ana"))
    session_change(
        session=session,
        fields=change_fields(session, capacity=20),
        schools=[world.a_school],
        facilitators=[],
        by=coordinator,
    )
    session.refresh_from_db()
    assert session.sequence == 0
    assert not OutboundEmail.objects.filter(template="session_changed").exists()


def test_registrants_get_an_update_their_calendar_applies_when_the_session_moves(world, coordinator):
    session = build_session(world.a, [world.a_school])
    registration_create(session=session, fields=person("Ana"))
    session_change(
        session=session,
        fields=change_fields(session, place_en="Gym"),
        schools=[world.a_school],
        facilitators=[],
        by=coordinator,
    )
    update = OutboundEmail.objects.get(template="session_changed")
    event = icalendar.Calendar.from_ical(update.context["ics"]).events[0]
    assert str(event["LOCATION"]) == "Gym" and event["SEQUENCE"] == 1


def test_a_cancelled_session_is_cancelled_in_calendars_and_registrants_are_told(client, world, coordinator):
    session = build_session(world.a, [world.a_school])
    registration_create(session=session, fields=person("Ana"))
    assert session_cancel(session=session, by=coordinator) == 1
    event = feed(client, world.a_school).events[0]
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 1
    told = OutboundEmail.objects.get(template="session_cancelled")
    assert str(icalendar.Calendar.from_ical(told.context["ics"]).events[0]["STATUS"]) == "CANCELLED"


def test_the_confirmation_mail_is_sent_with_the_calendar_file_attached(world):
    session = build_session(world.a, [world.a_school])
    registration_create(session=session, fields=person("Ana"))
    outbound = OutboundEmail.objects.get(template="session_registered")
    assert send(outbound) is None
    [message] = mail.outbox
    [part] = message.attachments
    assert part.get_filename() == "session.ics" and part.get_content_type() == "text/calendar"
    assert icalendar.Calendar.from_ical(part.get_payload(decode=True)).events[0].start == session.starts_at
    assert "/sessions/my/" in message.body  # the private link, decrypted for the mail


def test_mailed_calendar_files_are_invitations_calendars_apply_and_a_cancel_when_cancelled(world, coordinator):
    session = build_session(world.a, [world.a_school])
    registration_create(session=session, fields=person("Ana"))
    session_cancel(session=session, by=coordinator)
    for template, method in (("session_registered", "REQUEST"), ("session_cancelled", "CANCEL")):
        outbound = OutboundEmail.objects.get(template=template)
        assert send(outbound) is None
        part = mail.outbox[-1].attachments[0]
        assert part.get_content_type() == "text/calendar" and part.get_param("method") == method
        calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
        assert str(calendar["METHOD"]) == method
        assert str(calendar.events[0]["ATTENDEE"]) == "mailto:ana@example.org"


def test_sendgrid_receives_the_calendar_file_with_its_method(world):
    session = build_session(world.a, [world.a_school])
    registration_create(session=session, fields=person("Ana"))
    send(OutboundEmail.objects.get(template="session_registered"))
    payload = SendGridEmailBackend()._mail(mail.outbox[-1]).get()
    [attachment] = payload["attachments"]
    assert attachment["type"] == "text/calendar; method=REQUEST" and attachment["filename"] == "session.ics"
    assert icalendar.Calendar.from_ical(base64.b64decode(attachment["content"])).events[0].start == session.starts_at
