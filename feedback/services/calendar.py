"""iCalendar files for sessions: one event per session, in the district's time zone."""

import datetime as dt
import zoneinfo
from email.utils import parseaddr

import icalendar
from django.conf import settings
from django.utils import timezone

from core.i18n import pick
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
    title = pick(session, "title", language)
    event.add("summary", title)
    description = pick(session, "description", language)
    if description:
        event.add("description", description)
    location = pick(session, "place", language) or session.online_url
    if location:
        event.add("location", location)
    if session.online_url:
        event.add("url", session.online_url)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def _invite(event: icalendar.Event, attendee: str) -> None:
    """Organizer and attendee, which calendar apps need to apply a REQUEST or CANCEL to the event they hold."""
    _name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = icalendar.vCalAddress(f"mailto:{sender}")
    organizer.params["CN"] = "Common Ground"
    guest = icalendar.vCalAddress(f"mailto:{attendee}")
    guest.params.update({"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED", "RSVP": "FALSE"})
    event.add("organizer", organizer)
    event.add("attendee", guest)


def sessions_ical(sessions, *, language: str = "en", attendee: str = "") -> bytes:
    """A calendar holding ``sessions`` with the VTIMEZONE their times name. Without ``attendee``
    a feed (METHOD:PUBLISH); with one, a mailed invitation for that person: METHOD:REQUEST, or
    METHOD:CANCEL for a cancelled session, so calendar apps update or remove the event they hold."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    cancelled = any(session.is_cancelled for session in sessions)
    calendar.add("method", ("CANCEL" if cancelled else "REQUEST") if attendee else "PUBLISH")
    starts = []
    for session in sessions:
        event = _event(session, language=language)
        if attendee:
            _invite(event, attendee)
        calendar.add_component(event)
        starts.append(session.starts_at.date())
    if starts:
        # Only the years the events fall in: a short file instead of every rule since 1970.
        first = dt.date(min(starts).year, 1, 1)
        calendar.add_missing_timezones(first_date=first, last_date=dt.date(max(starts).year + 1, 12, 31))
    return calendar.to_ical()
