"""School-day arithmetic from a district's calendar.

A school day is a Monday to Friday that no closure of the district covers.
Deadlines are counted in school days: the start day never counts, so the
deadline of N days is the Nth school day after the start. Each call reads the
district's closures with one query over the range it needs.
"""

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from workflows.models import DeadlinePolicy, SchoolCalendarClosure

_WEEK = 7
_SCHOOL_DAYS_PER_WEEK = 5


@dataclass(frozen=True)
class Closures:
    """A district's closures in a range, merged into sorted, non-overlapping (first, last) day pairs."""

    spans: tuple[tuple[date, date], ...]

    @classmethod
    def load(cls, district, first: date, last: date) -> "Closures":
        """One query: the district's closures that overlap ``first``..``last``."""
        rows = (
            SchoolCalendarClosure.objects.filter(district=district, ends_on__gte=first, starts_on__lte=last)
            .order_by("starts_on")
            .values_list("starts_on", "ends_on")
        )
        merged: list[list[date]] = []
        for starts_on, ends_on in rows:
            if merged and starts_on <= merged[-1][1] + timedelta(days=1):
                merged[-1][1] = max(merged[-1][1], ends_on)
            else:
                merged.append([starts_on, ends_on])
        return cls(spans=tuple((a, b) for a, b in merged))

    def covering(self, day: date) -> tuple[date, date] | None:
        """The closure span that contains ``day``, if any."""
        index = bisect_right(self.spans, (day, date.max)) - 1
        if index >= 0 and self.spans[index][0] <= day <= self.spans[index][1]:
            return self.spans[index]
        return None

    def closed_weekdays(self, after: date, through: date) -> int:
        """How many Monday–Friday days in ``after`` < day <= ``through`` are closed."""
        total = 0
        for first, last in self.spans:
            lo, hi = max(first - timedelta(days=1), after), min(last, through)
            if hi > lo:
                total += weekdays_between(lo, hi)
        return total


def weekdays_between(after: date, through: date) -> int:
    """Monday–Friday days in ``after`` < day <= ``through`` (0 when ``through`` <= ``after``)."""
    span = (through - after).days
    if span <= 0:
        return 0
    weeks, rest = divmod(span, _WEEK)
    count = weeks * _SCHOOL_DAYS_PER_WEEK
    weekday = after.weekday()
    for offset in range(1, rest + 1):
        if (weekday + offset) % _WEEK < _SCHOOL_DAYS_PER_WEEK:
            count += 1
    return count


def is_school_day(district, day: date) -> bool:
    """True when ``day`` is a weekday that no closure of ``district`` covers."""
    if day.weekday() >= _SCHOOL_DAYS_PER_WEEK:
        return False
    return not SchoolCalendarClosure.objects.filter(district=district, starts_on__lte=day, ends_on__gte=day).exists()


def _horizon(start: date, days: int) -> date:
    # Weekends stretch N school days to about 7/5 N calendar days; a year on
    # top covers a summer break and the winter holidays in between.
    return start + timedelta(days=days * _WEEK // _SCHOOL_DAYS_PER_WEEK + 400)


def _walk(closures: Closures, start: date, days: int, until: date) -> tuple[date, int]:
    """Steps from ``start`` over school days until ``days`` are counted or ``until`` is passed.

    Returns the last day reached and how many school days are still to count.
    """
    day, remaining = start, days
    while remaining and day < until:
        day += timedelta(days=1)
        span = closures.covering(day)
        if span is not None:
            day = span[1]  # jump over the whole break at once
        elif day.weekday() < _SCHOOL_DAYS_PER_WEEK:
            remaining -= 1
    return day, remaining


def add_school_days(district, start: date, days: int) -> date:
    """The ``days``-th school day after ``start`` (``start`` itself never counts).

    Raises ValueError when ``days`` is below 1.
    """
    if days < 1:
        raise ValueError("A deadline needs at least one school day.")
    day, remaining = start, days
    while remaining:
        # One query per horizon (about a year and a half); only a calendar
        # closed for longer than that needs a second.
        until = _horizon(day, remaining)
        day, remaining = _walk(Closures.load(district, day + timedelta(days=1), until), day, remaining, until)
    return day


def school_days_between(district, start: date, end: date) -> int:
    """School days in ``start`` < day <= ``end``; negative when ``end`` is before ``start``.

    ``school_days_between(d, s, add_school_days(d, s, n)) == n``.
    """
    if end < start:
        return -school_days_between(district, end, start)
    closures = Closures.load(district, start + timedelta(days=1), end)
    return weekdays_between(start, end) - closures.closed_weekdays(start, end)


def deadline_policy_for(district) -> DeadlinePolicy:
    """The district's saved deadline numbers, or an unsaved policy holding the settings' defaults."""
    policy = DeadlinePolicy.objects.filter(district=district).first()
    return policy if policy is not None else DeadlinePolicy(district=district)


def deadline_for(district, step: str, start: datetime, *, policy: DeadlinePolicy | None = None) -> datetime:
    """The end (23:59:59.999999 in settings.TIME_ZONE) of the school day on which ``step`` falls due.

    ``start`` is the moment the step began; its local date is day zero.
    Pass ``policy`` to save its query when computing several deadlines.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    days = (policy or deadline_policy_for(district)).days_for(step)
    local_start = timezone.localtime(start, zone).date() if timezone.is_aware(start) else start.date()
    due = add_school_days(district, local_start, days)
    return datetime.combine(due, time.max, tzinfo=zone)
