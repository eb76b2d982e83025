"""Due-soon reminders of the annual assessment's steps (run hourly by the worker,
assessment.tasks_annual). Each mail has an idempotency key, so running twice sends nothing twice."""

import datetime

from django.db import transaction
from django.utils import timezone
from viewflow.workflow.status import STATUS

from assessment.models import AnnualProcess, AnnualTaskDue
from assessment.services import annual_mail


@transaction.atomic
def annual_due_soon_remind(*, within_days: int = 3) -> int:
    """Mails everyone who may do each open step due within ``within_days``; returns how many steps were reminded."""
    soon = timezone.now() + datetime.timedelta(days=within_days)
    dues = (
        AnnualTaskDue.objects.select_for_update(of=("self",))
        .filter(reminded_at__isnull=True, due_at__lte=soon, task__status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .select_related("task")
    )
    reminded = 0
    for due in dues:
        assessment = AnnualProcess.objects.select_related("district").get(pk=due.task.process_id)
        annual_mail.due_soon_told(assessment=assessment, task=due.task, due=timezone.localdate(due.due_at))
        due.reminded_at = timezone.now()
        due.save(update_fields=["reminded_at"])
        reminded += 1
    return reminded
