"""Starting a complaint's review: the one place that needs ComplaintFlow itself
(the flow names its step views, whose forms call the services, so the services
never import the flow).

Filing does not start the flow: it enqueues ``start_tasks.review_start_task`` in
its own transaction (complaints.handoff), so a family's submission does not wait
for the workflow. The job, and the sweep that catches a lost job, both come here.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from complaints.models import Complaint, Kind, PublicStatus
from core.audit import AuditKind, audit_record
from workflows.flows import ComplaintFlow
from workflows.models import ComplaintProcess

logger = logging.getLogger(__name__)

# A complaint filed this long ago without a process lost its start job (the job is enqueued with the complaint).
START_GRACE = datetime.timedelta(minutes=2)


@transaction.atomic
def review_start(complaint: Complaint) -> ComplaintProcess:
    """Starts ComplaintFlow for ``complaint`` and returns its process (the caller
    knows it has none; the job goes through ``review_start_pending``)."""
    process = ComplaintFlow.start.run(complaint=complaint)
    audit_record(actor=None, kind=AuditKind.REVIEW_STARTED, obj=complaint)
    return process


@transaction.atomic
def review_start_pending(*, complaint_id: int) -> ComplaintProcess | None:
    """Starts the review of a filed complaint unless it needs none or has one;
    returns the new process, or None when nothing was started.

    Safe twice and against a racing worker: the complaint row is locked first,
    so a second caller waits and then finds the process. A complaint withdrawn
    before its review started (tracking page) stays withdrawn.
    """
    complaint = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("school__district")
        .filter(pk=complaint_id, kind=Kind.COMPLAINT, public_status=PublicStatus.RECEIVED)
        .first()
    )
    if complaint is None or ComplaintProcess.objects.filter(complaint=complaint).exists():
        return None
    return review_start(complaint)


def reviews_unstarted(*, now: datetime.datetime | None = None) -> QuerySet[Complaint]:
    """Complaints filed more than START_GRACE ago whose review has not started
    (their start job was lost), oldest first."""
    cutoff = (now or timezone.now()) - START_GRACE
    return Complaint.objects.filter(
        kind=Kind.COMPLAINT, public_status=PublicStatus.RECEIVED, process__isnull=True, created_at__lt=cutoff
    ).order_by("created_at")


def reviews_start_unstarted(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Starts every review whose start job was lost; returns how many started.
    Each start is its own transaction, and one that fails is logged and left
    for the next sweep, so it does not hold back the complaints after it."""
    started = 0
    for complaint_id in list(reviews_unstarted(now=now).values_list("pk", flat=True)[:limit]):
        try:
            process = review_start_pending(complaint_id=complaint_id)
        except Exception:
            logger.exception("Could not start the review of complaint %s; the next sweep tries again", complaint_id)
            continue
        started += process is not None
    return started
