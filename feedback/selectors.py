"""What the public reads: sessions with their seats left, never who registered."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from feedback.models import Session


def public_sessions(*, include_past: bool = False) -> QuerySet[Session]:
    """Upcoming sessions (cancelled ones too, marked), each with ``seats_taken``, in one query."""
    rows = Session.objects.with_seats_taken()
    if not include_past:
        rows = rows.filter(ends_at__gte=timezone.now())
    return rows.prefetch_related("schools").order_by("starts_at", "pk")


def school_calendar_sessions(school) -> QuerySet[Session]:
    """A school's sessions for its calendar feed: from 30 days ago on (cancelled ones stay, to cancel them)."""
    since = timezone.now() - dt.timedelta(days=30)
    return Session.objects.filter(schools=school, ends_at__gte=since).order_by("starts_at", "pk")
