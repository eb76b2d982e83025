"""What a monthly review shows: its month's events with their flags, scoped to the reader."""

from django.db.models import QuerySet
from viewflow.workflow.models import Task

from accounts.rules import activity_records_for
from activity.models import EnforcementEvent, OutreachActivity
from activity.services.flags import events_with_flags, flagged_q
from workflows.monthly.models import MonthlyReview
from workflows.review.selectors import OPEN


def month_events(review: MonthlyReview, user=None) -> QuerySet:
    """The school's events dated in the review's month (only those ``user`` may read, when given), with flags."""
    events = activity_records_for(user) if user is not None else EnforcementEvent.objects.all()
    events = events.filter(school_id=review.school_id, date__gte=review.month, date__lte=review.ends_on)
    return events_with_flags(events).select_related("officer", "offence").order_by("date", "pk")


def month_outreach(review: MonthlyReview) -> QuerySet:
    return OutreachActivity.objects.filter(school_id=review.school_id, date__gte=review.month, date__lte=review.ends_on)


def flagged_events(review: MonthlyReview, user=None) -> list[EnforcementEvent]:
    """The month's events raising a flag, each with its written resolutions (prefetched)."""
    return list(month_events(review, user).filter(flagged_q()).prefetch_related("flag_resolutions"))


def open_tasks(review: MonthlyReview) -> QuerySet:
    """The review's open human tasks, oldest first."""
    return (
        Task.objects.filter(process_id=review.pk, status__in=OPEN, owner_permission__gt="")
        .select_related("due")
        .order_by("pk")
    )
