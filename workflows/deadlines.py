"""How many school days each review step gets, and when that is.

The default counts weekdays only; the district calendar (holidays and breaks)
plugs in through ``school_day_after``.
"""

import datetime

from django.conf import settings
from django.utils import timezone

DEFAULT_SCHOOL_DAYS = {
    "acknowledge": 2,
    "triage": 5,
    "school_review": 30,
    "police_review": 30,
    "outcome": 10,
    "appeal_window": 10,
    "appeal_review": 15,
}


def school_days_for(step: str) -> int:
    return getattr(settings, "WORKFLOW_SCHOOL_DAYS", {}).get(step, DEFAULT_SCHOOL_DAYS[step])


def school_day_after(district, start: datetime.date, days: int) -> datetime.date:
    """The ``days``-th school day after ``start`` (``start`` itself not counted)."""
    day, counted = start, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day


def due_at(*, district, step: str, start: datetime.datetime | None = None) -> datetime.datetime:
    """The end (23:59 local time) of the last school day ``step`` may take."""
    start = timezone.localtime(start or timezone.now())
    last_day = school_day_after(district, start.date(), school_days_for(step))
    return timezone.make_aware(datetime.datetime.combine(last_day, datetime.time(23, 59)))
