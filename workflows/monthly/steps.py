"""What the automatic steps of MonthlyReviewFlow do: deadlines, escalation, and locking an accepted month.

Deadlines count school days with the complaint flow's calendar (``workflows.calendar.deadline_for``) and are
stored in the same ``TaskDue`` rows; an overdue task escalates through the same viewflow timers
(``workflows.tasks.workflow_timers_tick``) without being interrupted.
"""

from django.conf import settings
from django.utils import timezone

from activity.services.locks import month_lock
from workflows.calendar import deadline_for
from workflows.models import TaskDue
from workflows.monthly.models import MonthlyReview
from workflows.monthly.summary import overdue_mail, summary_mail

# School days each step of the monthly review allows (settings.MONTHLY_REVIEW_DAYS overrides them).
DEFAULT_DAYS = {"certify": 5, "school_review": 5, "accept": 5}


class MonthlyDeadlines:
    """The days each step allows, in the shape ``deadline_for`` reads (``days_for``)."""

    def days_for(self, step: str) -> int:
        return {**DEFAULT_DAYS, **getattr(settings, "MONTHLY_REVIEW_DAYS", {})}[step]


def review_of(activation) -> MonthlyReview:
    return MonthlyReview.objects.select_related("school__district").get(pk=activation.process.pk)


def due_at(review: MonthlyReview, step: str):
    """The end of the school day on which ``step`` of ``review`` falls due, counted from now."""
    return deadline_for(review.school.district, step, timezone.now(), policy=MonthlyDeadlines())


def due(step: str):
    """The timer delay of ``step`` (viewflow's ``OnTimeout``)."""

    def delay(activation):
        return due_at(review_of(activation), step)

    return delay


def record_due(step: str):
    """Stores the task's due date (``TaskDue``) when it opens."""

    def on_create(activation):
        TaskDue.objects.create(task=activation.task, due_at=due_at(review_of(activation), step))

    return on_create


def escalate(activation) -> None:
    """An overdue step: marked escalated and the district's coordinators told; the step stays open."""
    timer_task = activation.task.previous.first()
    host_task = timer_task.previous.first() if timer_task else None
    if host_task is not None:
        TaskDue.objects.filter(task=host_task).update(escalated_at=timezone.now())
    overdue_mail(review=review_of(activation), task=host_task)


def lock_and_report(activation) -> None:
    """The accepted month: locked for every writer of SRO records, its summary mailed (in this transaction)."""
    review = review_of(activation)
    month_lock(school=review.school, month=review.month)
    summary_mail(review=review)
