"""Job leases: a job RUNNING longer than its lease, or whose worker stopped
beating (core.jobs.heartbeat), is presumed lost with its worker."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.jobs.heartbeat import silent_workers

logger = logging.getLogger(__name__)


class LeaseExpired(Exception):
    """Recorded on a job whose workers died JOB_MAX_ATTEMPTS times while running it."""


def _lost(job: DBTaskResult, now: datetime.datetime, silent: set[str]) -> bool:
    """Whether ``job`` ran past its lease (JOB_LEASE_SECONDS, or its task's entry in
    JOB_LEASE_SECONDS_BY_TASK) or the worker that claimed it last stopped beating."""
    lease = settings.JOB_LEASE_SECONDS_BY_TASK.get(job.task_path, settings.JOB_LEASE_SECONDS)
    expired = job.started_at < now - datetime.timedelta(seconds=lease)
    return expired or bool(job.worker_ids) and job.worker_ids[-1] in silent


@transaction.atomic
def job_leases_reclaim(*, heartbeats: bool = True) -> int:
    """Queues again (status READY) every job RUNNING past its lease, or (with
    ``heartbeats``) whose worker is silent (core.jobs.heartbeat), and returns how many.

    A job already claimed JOB_MAX_ATTEMPTS times is failed with ``LeaseExpired``
    instead, so that a job which kills its worker cannot loop for ever.
    """
    now = timezone.now()
    silent = silent_workers() if heartbeats else set()
    running = DBTaskResult.objects.running()
    # The running jobs are few (one per worker at most): read them, then lock only the lost ones.
    lost = [job.pk for job in running.only("task_path", "started_at", "worker_ids") if _lost(job, now, silent)]
    requeued = 0
    for job in running.filter(pk__in=lost).select_for_update(skip_locked=True):
        if not _lost(job, now, silent):  # claimed again since it was read
            continue
        if len(job.worker_ids) >= settings.JOB_MAX_ATTEMPTS:
            logger.error("Job %s (%s) lost its worker %d times; failing it", job.pk, job.task_path, len(job.worker_ids))
            job.set_failed(LeaseExpired(f"The worker running this job stopped {len(job.worker_ids)} times."))
            continue
        logger.warning("Job %s (%s) lost its worker; queuing it again", job.pk, job.task_path)
        job.status = TaskResultStatus.READY
        job.started_at = None
        job.save(update_fields=["status", "started_at"])
        requeued += 1
    return requeued


def job_requeue(*, job_id, worker_id: str) -> bool:
    """Queues again a job this worker was running when the database went away;
    True if it was still this worker's (not already reclaimed by another one)."""
    job = DBTaskResult.objects.filter(pk=job_id, status=TaskResultStatus.RUNNING).first()
    if job is None or job.worker_ids[-1:] != [worker_id]:
        return False
    still_ours = DBTaskResult.objects.filter(pk=job_id, status=TaskResultStatus.RUNNING, started_at=job.started_at)
    return bool(still_ours.update(status=TaskResultStatus.READY, started_at=None))


def job_retry(*, job: DBTaskResult) -> bool:
    """Queues a failed job again unless it was already tried JOB_MAX_ATTEMPTS times
    (or is periodic: its next run is queued anyway); True when queued."""
    if len(job.worker_ids) >= settings.JOB_MAX_ATTEMPTS or job.task_path in settings.PERIODIC_TASKS:
        return False
    logger.warning("Job %s (%s) failed because the database went away; queuing it again", job.pk, job.task_path)
    failed = DBTaskResult.objects.filter(pk=job.pk, status=TaskResultStatus.FAILED)
    return bool(failed.update(status=TaskResultStatus.READY, started_at=None, finished_at=None))
