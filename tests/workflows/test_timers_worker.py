"""A real worker killed with SIGKILL in the middle of a job: the job runs again and the
workflow's timers keep firing (issue 10 #1)."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from viewflow.workflow.models import Task

from tests.core.jobs_support import WorkerDatabase, WorkerProcess
from tests.core.jobs_tasks import wait_while_file_exists
from workflows.models import TaskDue
from workflows.review import services
from workflows.review.start import review_start

TICK = "workflows.tasks.workflow_timers_tick"


@pytest.fixture
def worker_db(tmp_path):
    db = WorkerDatabase(tmp_path)
    yield db
    db.close()


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_killed_runs_again_and_due_timers_still_fire(case, tmp_path, worker_db):
    review_start(case.complaint)
    triage = services.open_task(case.complaint, "triage")
    # The triage deadline passed: only a timer tick can escalate it.
    Task.objects.filter(process=triage.process, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(seconds=1)
    )
    block = tmp_path / "block"
    block.touch()
    # Claimed before anything else, so worker A blocks in it and never runs a tick.
    job = wait_while_file_exists.using(priority=10).enqueue(str(block))
    worker_db.push()

    a = WorkerProcess(worker_db, tmp_path, worker_id="A", queues="timers,default")
    workers = [a]
    try:
        worker_db.wait_for(lambda: DBTaskResult.objects.get(pk=job.id).status == "RUNNING", what="A claims the job")
        a.kill()
        assert TaskDue.objects.get(task=triage).escalated_at is None

        block.unlink()
        b = WorkerProcess(worker_db, tmp_path, worker_id="B", queues="timers,default")
        workers.append(b)
        worker_db.wait_for(
            lambda: DBTaskResult.objects.get(pk=job.id).status == "SUCCESSFUL"
            and TaskDue.objects.get(task=triage).escalated_at is not None,
            what="B finishes the job and fires the timer",
        )
    except AssertionError:
        print(*(w.output() for w in workers), sep="\n")
        raise
    finally:
        for worker in workers:
            worker.stop()
    worker_db.pull()
    finished = DBTaskResult.objects.get(pk=job.id)
    assert finished.worker_ids == ["A", "B"]
    assert finished.return_value == "done"
    assert DBTaskResult.objects.filter(task_path=TICK, status="READY").count() == 1
