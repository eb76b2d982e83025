"""Background jobs of the review workflow (run by `manage.py db_worker`)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from viewflow.workflow.timers import fire_due_timers

TICK_PATH = "workflows.tasks.workflow_timers_tick"


@task()
def workflow_timers_tick() -> int:
    """Fires due viewflow timers (deadlines, escalations, appeal windows), then
    schedules the next tick: the worker itself keeps the timers running."""
    fired = fire_due_timers()
    with transaction.atomic():
        _schedule(after=datetime.timedelta(seconds=settings.WORKFLOW_TIMER_INTERVAL_SECONDS))
    return fired


def _schedule(*, after: datetime.timedelta) -> None:
    workflow_timers_tick.using(run_after=timezone.now() + after).enqueue()


@transaction.atomic
def timers_tick_ensure() -> bool:
    """Queues the first tick unless one is already waiting; True when it queued one."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.select_for_update().filter(task_path=TICK_PATH, status="READY")
    if waiting.exists():
        return False
    _schedule(after=datetime.timedelta(0))
    return True
