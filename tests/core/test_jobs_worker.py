"""A real worker subprocess rides out a database outage (issue 10 #1).

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

from tests.core.jobs_support import WorkerDatabase, WorkerProcess
from tests.core.jobs_tasks import echo, wait_while_file_exists


@pytest.fixture
def worker_db(tmp_path):
    db = WorkerDatabase(tmp_path)
    yield db
    db.close()


def _status(job) -> str:
    return DBTaskResult.objects.get(pk=job.id).status


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_database_outage_then_finishes_its_job_and_runs_the_next(tmp_path, worker_db):
    block = tmp_path / "block"
    block.touch()
    during = wait_while_file_exists.enqueue(str(block))
    worker_db.push()
    worker = WorkerProcess(worker_db, tmp_path, worker_id="W", queues="default")
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
        worker_db.wait_for(
            lambda: _status(during) == "SUCCESSFUL" and _status(after) == "SUCCESSFUL",
            what="the interrupted job and the job queued during the outage",
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
