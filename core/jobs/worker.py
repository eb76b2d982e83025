"""The worker loop of ``manage.py run_worker``: django-tasks-db's worker, made to last.

On top of ``db_worker`` it
- beats (core.jobs.heartbeat) from a thread of its own while it runs, but for a one-off ``--batch`` run;
- reclaims the jobs of dead workers (expired leases, silent heartbeats) and restores
  missing periodic jobs every JOB_CHECK_SECONDS;
- rides out database outages: a lost connection is closed, the worker waits
  1, 2, 4 ... JOB_DB_RETRY_MAX_SECONDS and tries again instead of exiting, and the
  job it was running when the database went away is queued again once it is back.
"""

import contextlib
import logging
import random
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker as DbWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from core.jobs.heartbeat import Heartbeat
from core.jobs.leases import job_leases_reclaim, job_requeue, job_retry
from core.jobs.periodic import periodic_tasks_ensure

logger = logging.getLogger("core.jobs")

DATABASE_ERRORS = (OperationalError, InterfaceError)
DATABASE_ERROR_PATHS = {f"{error.__module__}.{error.__qualname__}" for error in DATABASE_ERRORS}


def _failed_for_the_database(job: DBTaskResult) -> bool:
    # A job that failed only because the database went away mid-run is not the job's fault.
    return job.status == TaskResultStatus.FAILED and job.exception_class_path in DATABASE_ERROR_PATHS


def _connections_close() -> None:
    for conn in connections.all(initialized_only=True):
        with contextlib.suppress(*DATABASE_ERRORS):
            conn.close()


class Worker(DbWorker):
    """db_worker's Worker with a loop that checks leases and periodic jobs and survives database outages."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._next_check = 0.0
        self._orphan = None  # the job we were running when the database went away
        self._failures = 0
        # Since when this worker has reached the database without a break: another
        # worker's heartbeat is judged only after as long as its timeout, so that
        # nobody just back from an outage takes the jobs of workers that could not
        # beat during it.
        self._reachable_since = time.monotonic()

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        heartbeat = None if self.batch else Heartbeat(self.worker_id)
        if heartbeat:
            heartbeat.start()
        try:
            self._loop()
        finally:
            if heartbeat:
                heartbeat.stop()

    def _loop(self) -> None:
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 (spreads a thundering herd of workers)
        while self.running:
            try:
                outcome = self._step()
                if self._failures:
                    logger.warning("Database reachable again; worker %s carries on", self.worker_id)
                    self._reachable_since = time.monotonic()
                self._failures = 0
            except DATABASE_ERRORS as error:
                if self.batch:  # a one-off run (tests, draining a queue) reports the outage instead of waiting
                    raise
                self._failures += 1
                delay = min(settings.JOB_DB_RETRY_MAX_SECONDS, 2 ** (self._failures - 1))
                logger.warning("Database unavailable (%s); worker %s retries in %s s", error, self.worker_id, delay)
                _connections_close()
                time.sleep(delay)
                continue
            if outcome == "stop":
                return
            if self.running and outcome == "idle":
                time.sleep(self.interval)

    def _step(self) -> str:
        """Claims and runs at most one job: "ran", "idle", or "stop" (batch or max-tasks reached)."""
        close_old_connections()
        if self._orphan is not None:
            if job_requeue(job_id=self._orphan, worker_id=self.worker_id):
                logger.warning("Job %s queued again: its end could not be recorded", self._orphan)
            self._orphan = None
        if time.monotonic() >= self._next_check:
            self._check()
            self._next_check = time.monotonic() + settings.JOB_CHECK_SECONDS
        job, retrieved = self._claim()
        if job is not None:
            self.run_task(job)
        close_old_connections()
        if self.batch and retrieved and job is None:
            logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
            return "stop"
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            logger.info("Ran maximum tasks (%d) on worker=%s - exiting gracefully.", self._run_tasks, self.worker_id)
            return "stop"
        return "ran" if job is not None else "idle"

    def _check(self) -> None:
        try:
            heard_long_enough = time.monotonic() - self._reachable_since >= settings.JOB_HEARTBEAT_TIMEOUT_SECONDS
            job_leases_reclaim(heartbeats=heard_long_enough)
            periodic_tasks_ensure()
        except DATABASE_ERRORS:
            raise
        except Exception:  # a broken check must not stop the jobs; it is tried again next round
            logger.exception("The worker's periodic check failed")

    def _claim(self) -> tuple[DBTaskResult | None, bool]:
        jobs = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            jobs = jobs.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            jobs = jobs.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(jobs.db):
                job = jobs.get_locked()
                if job is not None:
                    job.claim(self.worker_id)
        except OperationalError as error:
            if is_locked_database_exception(error):  # SQLite busy: try again next round
                return None, False
            raise
        return job, True

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        except DATABASE_ERRORS:
            # The job's end could not be recorded: run it again once the database is back.
            self._orphan = db_task_result.pk
            raise
        if _failed_for_the_database(db_task_result):
            job_retry(job=db_task_result)
