"""Jobs of ``core`` itself (run by ``manage.py run_worker``)."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from core.jobs.heartbeat import heartbeats_forget


@task()
def job_results_prune() -> int:
    """Deletes finished job rows (successful or failed) older than
    JOB_RESULT_RETENTION_DAYS on every queue, the same query as django-tasks-db's
    ``prune_db_task_results --queue-name=*``, and the heartbeats of workers gone
    for a day; returns how many job rows."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.JOB_RESULT_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    heartbeats_forget()
    return deleted
