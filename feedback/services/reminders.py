"""Reminders before a session (settings.SESSION_REMINDER_HOURS), each sent once."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from feedback.models import RegistrationStatus, Session
from feedback.services.mail import registration_mail


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Queues the reminders due now: for each confirmed registrant of a session starting
    within one of the reminder windows, the reminder of the tightest window they are in.
    The mail key holds the window and the start time, so running twice (or on two
    workers) sends each reminder once, and a moved session reminds again. Returns how
    many reminders were queued or found already queued."""
    now = now or timezone.now()
    windows = sorted(settings.SESSION_REMINDER_HOURS)
    if not windows:
        return 0
    sessions = Session.objects.filter(
        cancelled_at__isnull=True, starts_at__gt=now, starts_at__lte=now + dt.timedelta(hours=windows[-1])
    ).select_related("district")
    count = 0
    for session in sessions:
        hours = next(h for h in windows if session.starts_at <= now + dt.timedelta(hours=h))
        confirmed = session.registrations.filter(status=RegistrationStatus.CONFIRMED).exclude(email="")
        for registration in confirmed:
            registration.session = session
            key = f"session-reminder-{registration.pk}-{hours}h-{session.starts_at:%Y%m%dT%H%M}"
            registration_mail(registration, template="session_reminder", key=key, extra={"hours": hours})
            count += 1
    return count
