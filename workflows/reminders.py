"""Periodic mail about review tasks: due-soon reminders and the coordinators' weekly digest.

Run hourly by the worker (workflows.tasks, settings.PERIODIC_TASKS); each mail has an idempotency key,
so running a job twice sends nothing twice.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from accounts.backends import TASK_RULES
from accounts.models import Membership, Role
from accounts.rules import may
from notifications.services import email_enqueue
from workflows.models import TaskDue
from workflows.review.queue import queue_for


@transaction.atomic
def due_soon_remind(*, within_days: int = 2) -> int:
    """Mails the owner of every assigned task due within ``within_days``; returns how many."""
    soon = timezone.now() + datetime.timedelta(days=within_days)
    dues = (
        TaskDue.objects.select_for_update(of=("self",))
        # Complaint review tasks only: the monthly review keeps its due dates in the same table.
        .filter(
            reminded_at__isnull=True,
            due_at__lte=soon,
            task__status=STATUS.ASSIGNED,
            task__process__complaintprocess__isnull=False,
        )
        .select_related("task__owner", "task__process__complaintprocess__complaint__school")
    )
    sent = 0
    for due in dues:
        complaint, owner = due.task.process.complaintprocess.complaint, due.task.owner
        if not may(owner, TASK_RULES[due.task.owner_permission], complaint):
            continue  # recused or moved since the task was claimed: never mailed about it
        email_enqueue(
            template="task_due_soon",
            to=owner.email,
            language=owner.preferred_language,
            context={
                "tracking_code": complaint.tracking_code,
                "step": due.task.flow_task.name,
                "due": due.due_at.date().isoformat(),
                "case_path": reverse("staff:reviews:case", args=[complaint.pk]),
            },
            key=f"task-due-soon-{due.task_id}",
            user=owner,
            district=complaint.school.district,
        )
        due.reminded_at = timezone.now()
        due.save(update_fields=["reminded_at"])
        sent += 1
    return sent


@transaction.atomic
def coordinator_digest_send() -> int:
    """One digest a week for every coordinator: their open and overdue tasks."""
    week = timezone.localdate().isocalendar()
    memberships = Membership.objects.filter(role=Role.COORDINATOR, user__is_active=True).select_related("user")
    sent = 0
    for membership in memberships:
        user = membership.user
        tasks = queue_for(user)
        email_enqueue(
            template="coordinator_digest",
            to=user.email,
            language=user.preferred_language,
            context={
                "open_tasks": tasks.count(),
                "overdue_tasks": queue_for(user, overdue=True).count(),
                "queue_path": reverse("staff:reviews:index"),
            },
            key=f"digest-{user.pk}-{week.year}-{week.week}",
            user=user,
            district=membership.district,
        )
        sent += 1
    return sent


@transaction.atomic
def open_complaints_update(*, every_days: int = 30) -> int:
    """Tells every complainant whose complaint is still open, and who has heard
    nothing for ``every_days`` days, that the review goes on."""
    from complaints.models import Complaint, MessageKind, PublicStatus
    from workflows import notify

    stale = Complaint.objects.filter(
        public_status__in=[PublicStatus.RECEIVED, PublicStatus.IN_REVIEW],
        complainant_updated_at__lt=timezone.now() - datetime.timedelta(days=every_days),
    ).select_related("school")
    count = 0
    for complaint in stale:
        notify.complainant_told(
            complaint,
            "status_changed",
            key=f"still-open-{timezone.localdate():%Y%m%d}",
            event=MessageKind.STILL_OPEN,
        )
        count += 1
    return count
