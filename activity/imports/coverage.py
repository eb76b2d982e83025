"""The coverage panel: which rostered SROs or school months have no records, which records lack demographics.

Counts are counts (0 is shown as 0); a value nobody recorded is counted as *not known*, never added in as zero.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from accounts.models import RosterAssignment, School
from activity.forms import DEMOGRAPHIC_FIELDS
from activity.models import EnforcementEvent, OutreachActivity
from core.schoolyear import school_year_bounds

# An event lacks demographics when any of them is not known (age empty, the others blank).
_LACKING = Q(student_age__isnull=True) | Q(
    *(Q(**{name: ""}) for name in DEMOGRAPHIC_FIELDS if name != "student_age"), _connector=Q.OR
)


@dataclass
class SchoolMonth:
    school: School
    month: dt.date
    events: int = 0
    lacking_demographics: int = 0
    outreach: int = 0
    reached: int | None = None  # people reached over the activities where it is known; None: known on none
    reached_unknown: int = 0

    @property
    def no_records(self) -> bool:
        return not (self.events or self.outreach)


@dataclass
class Coverage:
    months: list[dt.date]
    rows: list[SchoolMonth] = field(default_factory=list)
    silent_officers: list[tuple] = field(default_factory=list)  # (officer, school, month) with no record


def coverage_for(*, agencies, school_year: int, today: dt.date) -> Coverage:
    """Coverage of ``agencies``' records in ``school_year``, month by month up to ``today``'s (a fixed query count)."""
    first, last = school_year_bounds(school_year)
    last = min(last, today)
    months = _months(first, last)
    roster = list(
        RosterAssignment.objects.filter(officer__agency__in=agencies, starts_on__lte=last)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        .select_related("officer", "school")
        .order_by("school__name", "officer__full_name")
    )
    records = {"agency__in": agencies, "date__gte": first, "date__lte": last}
    events = EnforcementEvent.objects.filter(**records).annotate(month=TruncMonth("date"))
    outreach = OutreachActivity.objects.filter(**records).annotate(month=TruncMonth("date"))
    schools = {a.school_id: a.school for a in roster}
    schools.update({s.pk: s for s in School.objects.filter(pk__in=events.values("school_id")).exclude(pk__in=schools)})
    cells = {(sid, m): SchoolMonth(school=s, month=m) for sid, s in schools.items() for m in months}
    for row in events.values("school_id", "month").annotate(n=Count("pk"), lacking=Count("pk", filter=_LACKING)):
        cell = cells.get((row["school_id"], _day(row["month"])))
        if cell:
            cell.events, cell.lacking_demographics = row["n"], row["lacking"]
    summed = outreach.values("school_id", "month").annotate(
        n=Count("pk"), reached=Sum("people_reached"), unknown=Count("pk", filter=Q(people_reached__isnull=True))
    )
    for row in summed:
        cell = cells.get((row["school_id"], _day(row["month"])))
        if cell:
            cell.outreach, cell.reached, cell.reached_unknown = row["n"], row["reached"], row["unknown"]
    heard = _officer_months(events) | _officer_months(outreach)
    silent = [
        (a.officer, a.school, month)
        for a in roster
        for month in months
        if _rostered_in(a, month) and (a.officer_id, a.school_id, month) not in heard
    ]
    rows = sorted(cells.values(), key=lambda c: (c.school.name, c.month))
    return Coverage(months=months, rows=rows, silent_officers=silent)


def _officer_months(records) -> set[tuple]:
    return {(o, s, _day(m)) for o, s, m in records.values_list("officer_id", "school_id", "month").distinct()}


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _rostered_in(assignment, month: dt.date) -> bool:
    month_end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return assignment.starts_on <= month_end and (assignment.ends_on is None or assignment.ends_on >= month)
