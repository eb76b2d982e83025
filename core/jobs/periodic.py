"""Periodic jobs without cron: ``settings.PERIODIC_TASKS = {dotted task path: interval seconds}``.

Each periodic task has one waiting (READY) or running row. When a run ends,
successfully or not, the next run is queued ``interval`` seconds later (the
``task_finished`` signal, so plain ``db_worker`` keeps the chain going too). The
worker's check (``periodic_tasks_ensure``) restores a row that went missing: a
reschedule lost in a database outage, a new entry in settings, a fresh database.
"""

import datetime
import logging
import zlib

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

_LOCK_KEY = zlib.crc32(b"core.jobs.periodic")


def _serialise() -> None:
    """Makes concurrent workers take turns checking-then-queuing (SQLite's
    immediate transactions already do; PostgreSQL needs an advisory lock)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def _queue(path: str, *, after: datetime.timedelta) -> bool:
    waiting = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
    if DBTaskResult.objects.filter(task_path=path, status__in=waiting).exists():
        return False
    import_string(path).using(run_after=timezone.now() + after).enqueue()
    return True


@transaction.atomic
def periodic_task_schedule(*, path: str, after: datetime.timedelta) -> bool:
    """Queues the next run of one periodic task ``after`` from now, unless a run
    is already waiting or running; True when it queued one."""
    _serialise()
    return _queue(path, after=after)


@transaction.atomic
def periodic_tasks_ensure() -> list[str]:
    """Gives every task of PERIODIC_TASKS a waiting run (due now when it had
    none) and returns the paths it queued. Idempotent."""
    _serialise()
    queued = []
    now = timezone.now()
    for path, seconds in settings.PERIODIC_TASKS.items():
        try:
            import_string(path)
        except ImportError:
            logger.error("PERIODIC_TASKS names %s, which cannot be imported", path)
            continue
        # A shortened interval takes effect now, not after the old one.
        DBTaskResult.objects.filter(
            task_path=path, status=TaskResultStatus.READY, run_after__gt=now + datetime.timedelta(seconds=seconds)
        ).update(run_after=now + datetime.timedelta(seconds=seconds))
        if _queue(path, after=datetime.timedelta(0)):
            queued.append(path)
    return queued


def on_task_finished(sender, task_result, **kwargs) -> None:
    """Queues the next run of a periodic task as soon as one ends, failed or not."""
    # db_worker sends the backend instance on success and its class on failure.
    backend = sender if isinstance(sender, type) else type(sender)
    if not issubclass(backend, DatabaseBackend):
        return
    path = task_result.task.module_path
    seconds = settings.PERIODIC_TASKS.get(path)
    if seconds is None:
        return
    try:
        periodic_task_schedule(path=path, after=datetime.timedelta(seconds=seconds))
    except DatabaseError:
        # Never let a lost reschedule touch the finished job; the check restores it.
        logger.warning("Could not queue the next run of %s; the worker's check will", path, exc_info=True)
