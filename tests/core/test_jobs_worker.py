"""A real worker subprocess rides out a database outage, and a killed worker's job
runs again as soon as its heartbeat stops (issue 10 #1).

What is real and what is simulated: on PostgreSQL the worker's connections go
through a TCP proxy that is stopped (open connections cut, new ones refused) and
restarted; the PostgreSQL server itself keeps running. On SQLite the database
file's folder is renamed away, so the worker cannot open the database, then back.
"""

import datetime
import time

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from tests.core.jobs_support import WorkerDatabase, WorkerProcess
from tests.core.jobs_tasks import echo, wait_while_file_exists


@pytest.fixture
def worker_db(tmp_path):
    db = WorkerDatabase(tmp_path)
    yield db
    db.close()


def _status(job) -> str:
    return DBTaskResult.objects.get(pk=job.id).status


# Under faketime (libfaketime 0.9.10) a timed threading.Event.wait never returns: Python reads the moved monotonic
# clock but waits with sem_clockwait, which is not moved, so the worker's heartbeat thread beats once, then waits
# months. The worker's own loop (time.sleep) is not affected.
@pytest.mark.real_clock
@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_database_outage_then_finishes_its_job_and_runs_the_next(tmp_path, worker_db):
    block = tmp_path / "block"
    block.touch()
    during = wait_while_file_exists.enqueue(str(block))
    worker_db.push()
    worker = WorkerProcess(worker_db, tmp_path, worker_id="W", queues="default", JOB_HEARTBEAT_SECONDS="1")
    try:
        worker_db.wait_for(lambda: _status(during) == "RUNNING", what="the worker claims the job")
        with worker_db.outage():
            block.unlink()  # the job ends while its result cannot be recorded (PostgreSQL)
            time.sleep(2.5)  # several rounds fail
            assert worker.alive(), "the worker exited when the database went away"
            worker_db.pull()
            after = echo.using(run_after=timezone.now() - datetime.timedelta(seconds=1)).enqueue("after")
            worker_db.push()
            time.sleep(1)
            assert worker.alive()
        back = timezone.now()
        worker_db.wait_for(
            lambda: _status(during) == "SUCCESSFUL" and _status(after) == "SUCCESSFUL",
            what="the interrupted job and the job queued during the outage",
        )
        # It beats again: the other workers do not take it for dead.
        worker_db.wait_for(
            lambda: WorkerHeartbeat.objects.filter(worker_id="W", beat_at__gt=back).exists(),
            what="the worker's heartbeat after the outage",
        )
        assert worker.alive()
    except AssertionError:
        print(worker.output())
        raise
    finally:
        worker.stop()
    assert "Database unavailable" in worker.output()
    assert DBTaskResult.objects.get(pk=after.id).return_value == "after"
    # PostgreSQL: the cut connection lost the job's result, so it ran again. SQLite: the worker's
    # open file handle still reached the renamed file and recorded it the first time.
    assert len(DBTaskResult.objects.get(pk=during.id).worker_ids) == (1 if worker_db.sqlite else 2)


@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_job_runs_again_once_its_heartbeat_stops_long_before_its_lease_ends(tmp_path, worker_db):
    block = tmp_path / "block"
    block.touch()
    job = wait_while_file_exists.enqueue(str(block))
    worker_db.push()
    # A 15-minute lease: only the heartbeat can bring the job back within this test.
    beats = {"JOB_LEASE_SECONDS": "900", "JOB_HEARTBEAT_SECONDS": "1", "JOB_HEARTBEAT_TIMEOUT_SECONDS": "3"}
    first = WorkerProcess(worker_db, tmp_path, worker_id="first", queues="default", **beats)
    try:
        worker_db.wait_for(
            lambda: _status(job) == "RUNNING" and WorkerHeartbeat.objects.filter(worker_id="first").exists(),
            what="the first worker runs the job and beats",
        )
    finally:
        first.kill()
    block.unlink()
    killed_at = time.monotonic()
    second = WorkerProcess(worker_db, tmp_path, worker_id="second", queues="default", **beats)
    try:
        worker_db.wait_for(lambda: _status(job) == "SUCCESSFUL", timeout=30, what="the dead worker's job runs again")
    except AssertionError:
        print(second.output())
        raise
    finally:
        second.stop()
    assert time.monotonic() - killed_at < 30  # not the 15-minute lease
    assert DBTaskResult.objects.get(pk=job.id).worker_ids == ["first", "second"]
    assert "lost its worker; queuing it again" in second.output()
    worker_db.pull()
    # A worker that stops removes its heartbeat; the dead one's stays until it is a day old.
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["first"]
