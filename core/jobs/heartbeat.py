"""Worker heartbeats: a dead worker is known within a minute, not at the end of its job's lease.

Each worker writes the time (``core.WorkerHeartbeat``) every JOB_HEARTBEAT_SECONDS
from a thread of its own, so a job that runs for minutes does not silence it. A
worker killed with its machine, by ``kill -9`` or for want of memory stops
beating; once it has been silent for JOB_HEARTBEAT_TIMEOUT_SECONDS the next
lease check of any worker queues its job again (core.jobs.leases). A worker that
stops normally removes its heartbeat. A worker alive but stuck inside a job keeps
beating: its job's lease still ends it.
"""

import datetime
import logging
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from core.models import WorkerHeartbeat

logger = logging.getLogger("core.jobs")

# Heartbeats older than this are of workers long gone; the hourly pruning deletes them (core.jobs.tasks).
FORGOTTEN_AFTER = datetime.timedelta(days=1)


def heartbeat_write(worker_id: str) -> None:
    """Records that ``worker_id`` is alive now."""
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"beat_at": timezone.now()})


def silent_workers() -> set[str]:
    """The workers silent for longer than JOB_HEARTBEAT_TIMEOUT_SECONDS."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS)
    return set(WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).values_list("worker_id", flat=True))


def heartbeats_forget() -> int:
    """Deletes the heartbeats of workers silent for FORGOTTEN_AFTER; returns how many."""
    deleted, _ = WorkerHeartbeat.objects.filter(beat_at__lt=timezone.now() - FORGOTTEN_AFTER).delete()
    return deleted


def workers_alive() -> int:
    """How many workers have beaten within JOB_HEARTBEAT_TIMEOUT_SECONDS."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS)
    return WorkerHeartbeat.objects.filter(beat_at__gte=cutoff).count()


class Heartbeat:
    """The thread that beats for one worker while it runs."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{worker_id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stops beating and removes the heartbeat: this worker's jobs are finished or queued again."""
        self._stopped.set()
        self._thread.join(timeout=settings.JOB_HEARTBEAT_SECONDS + 5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            logger.warning("Worker %s could not remove its heartbeat (the database is away)", self.worker_id)

    def _run(self) -> None:
        try:
            while not self._stopped.is_set():
                try:
                    heartbeat_write(self.worker_id)
                except DatabaseError as error:  # the worker's loop reports outages; beat again next time
                    logger.debug("Heartbeat of worker %s not written: %s", self.worker_id, error)
                    connection.close()
                except Exception:  # nothing may end the thread while the worker lives: it would seem dead
                    logger.exception("Heartbeat of worker %s failed", self.worker_id)
                self._stopped.wait(settings.JOB_HEARTBEAT_SECONDS)
        finally:
            connection.close()  # this thread's own connection
