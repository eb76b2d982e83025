"""Jobs of ``core`` itself (run by ``manage.py run_worker``)."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult


@task()
def job_results_prune() -> int:
    """Deletes finished job rows (successful or failed) older than
    JOB_RESULT_RETENTION_DAYS on every queue; returns how many. The same
    query as django-tasks-db's ``prune_db_task_results --queue-name=*``."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.JOB_RESULT_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    return deleted
