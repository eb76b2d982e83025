"""iCalendar files for sessions: one event per session, in the district's time zone."""

import datetime as dt
import zoneinfo

import icalendar
from django.conf import settings
from django.utils import timezone

from feedback.models import Session

PRODID = "-//Common Ground//Dialogue sessions//EN"


def _event(session: Session, *, language: str) -> icalendar.Event:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    event = icalendar.Event()
    # The same UID for the life of the session and a growing SEQUENCE: calendars replace the event.
    event.add("uid", f"session-{session.uid}@{settings.SITE_URL.split('://')[-1].strip('/') or 'commonground'}")
    event.add("sequence", session.sequence)
    event.add("dtstamp", session.updated_at or timezone.now())
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    title = (session.title_es if language == "es" else "") or session.title_en
    event.add("summary", title)
    description = (session.description_es if language == "es" else "") or session.description_en
    if description:
        event.add("description", description)
    location = session.place or session.online_url
    if location:
        event.add("location", location)
    if session.online_url:
        event.add("url", session.online_url)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def sessions_ical(sessions, *, language: str = "en") -> bytes:
    """A calendar (METHOD:PUBLISH) holding ``sessions`` with the VTIMEZONE their times name."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    starts = []
    for session in sessions:
        calendar.add_component(_event(session, language=language))
        starts.append(session.starts_at.date())
    if starts:
        # Only the years the events fall in: a short file instead of every rule since 1970.
        first = dt.date(min(starts).year, 1, 1)
        calendar.add_missing_timezones(first_date=first, last_date=dt.date(max(starts).year + 1, 12, 31))
    return calendar.to_ical()
