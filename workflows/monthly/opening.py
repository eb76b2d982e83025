"""Opening the monthly reviews: the worker opens last month's review for every school with a rostered SRO.

Apart from the steps' services (``services``), which the flow's views call: this module starts the flow, so it
imports it, and nothing the flow imports comes back here.
"""

import calendar
import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import RosterAssignment, School
from core.audit import AuditKind, audit_record
from workflows.monthly.flow import MonthlyReviewFlow
from workflows.monthly.models import MonthlyReview


def previous_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the month before ``today``'s."""
    last = today.replace(day=1) - datetime.timedelta(days=1)
    return last.replace(day=1), last


def monthly_reviews_open(*, today: datetime.date | None = None) -> int:
    """Opens the review of last month for every school with an SRO rostered in it; returns how many it opened.

    Safe twice, and against a second worker: a school's month opens once (a unique constraint; the loser of a
    race rolls back its own savepoint)."""
    first, last = previous_month(today or timezone.localdate())
    roster = RosterAssignment.objects.filter(starts_on__lte=last).exclude(ends_on__lt=first)
    opened = MonthlyReview.objects.filter(month=first).values("school_id")
    schools = School.objects.filter(pk__in=roster.values("school_id")).exclude(pk__in=opened).order_by("pk")
    count = 0
    for school in schools:
        if monthly_review_open(school=school, month=first) is not None:
            count += 1
    return count


def monthly_review_open(*, school: School, month: datetime.date) -> MonthlyReview | None:
    """Starts ``school``'s review of ``month`` (any day of it); None when it was open already."""
    first = month.replace(day=1)
    ends_on = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    try:
        with transaction.atomic():
            review = MonthlyReviewFlow.start.run(school=school, month=first, ends_on=ends_on)
            audit_record(actor=None, kind=AuditKind.MONTHLY_OPENED, obj=review)
    except IntegrityError:
        return None
    return review
