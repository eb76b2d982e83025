"""Job leases and heartbeats: a job whose worker died is run again (issue 10 #1)."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.jobs.leases import job_leases_reclaim
from core.jobs.tasks import job_results_prune
from core.models import WorkerHeartbeat
from tests.core.jobs_tasks import always_fails, database_lost_once, echo, wait_while_file_exists

# The worker closes obsolete connections between jobs, as in production: no test transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_periodic_jobs(settings):
    settings.PERIODIC_TASKS = {}
    settings.JOB_LEASE_SECONDS = 60
    settings.JOB_LEASE_SECONDS_BY_TASK = {}


def _running_since(job, *, seconds: int, workers=("dead-worker",)) -> None:
    started = timezone.now() - datetime.timedelta(seconds=seconds)
    DBTaskResult.objects.filter(pk=job.id).update(status="RUNNING", started_at=started, worker_ids=list(workers))


def _row(job) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=job.id)


def _run_worker():
    call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_a_job_left_running_past_its_lease_runs_again():
    lost = echo.enqueue("lost")
    busy = echo.enqueue("busy")
    _running_since(lost, seconds=61)
    _running_since(busy, seconds=10)

    _run_worker()

    assert _row(lost).status == "SUCCESSFUL"
    assert _row(lost).return_value == "lost"
    assert _row(lost).worker_ids[0] == "dead-worker" and len(_row(lost).worker_ids) == 2
    assert _row(busy).status == "RUNNING"  # still within its lease: its worker may be alive


def test_a_task_can_have_its_own_lease(settings, tmp_path):
    settings.JOB_LEASE_SECONDS_BY_TASK = {"tests.core.jobs_tasks.echo": 600}
    slow = echo.enqueue("slow")
    quick = wait_while_file_exists.enqueue(str(tmp_path / "absent"))
    _running_since(slow, seconds=120)
    _running_since(quick, seconds=120)

    assert job_leases_reclaim() == 1

    assert _row(slow).status == "RUNNING"
    assert _row(quick).status == "READY"


def _beat(worker_id: str, *, seconds_ago: int) -> None:
    beat_at = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(worker_id=worker_id, beat_at=beat_at)


def test_a_job_whose_worker_stopped_beating_runs_again_before_its_lease_ends(settings):
    settings.JOB_HEARTBEAT_TIMEOUT_SECONDS = 60
    _beat("dead", seconds_ago=90)
    _beat("alive", seconds_ago=5)
    orphan = echo.enqueue("orphan")
    _running_since(orphan, seconds=20, workers=("dead",))
    working = echo.enqueue("working")
    _running_since(working, seconds=20, workers=("dead", "alive"))  # claimed again by a live worker
    unknown = echo.enqueue("unknown")
    _running_since(unknown, seconds=20, workers=("never-beat",))  # a worker without heartbeats: its lease decides

    assert job_leases_reclaim() == 1

    assert _row(orphan).status == "READY"
    assert _row(working).status == "RUNNING" and _row(unknown).status == "RUNNING"
    # A worker just back from a database outage judges no heartbeat: the others could not beat either.
    _running_since(orphan, seconds=20, workers=("dead",))
    assert job_leases_reclaim(heartbeats=False) == 0
    assert _row(orphan).status == "RUNNING"


def test_heartbeats_of_workers_gone_for_a_day_are_forgotten():
    _beat("long-gone", seconds_ago=25 * 3600)
    _beat("recent", seconds_ago=120)

    job_results_prune.call()

    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["recent"]


def test_a_job_that_keeps_losing_its_worker_is_failed_instead_of_retried_for_ever(settings):
    settings.JOB_MAX_ATTEMPTS = 3
    doomed = echo.enqueue("doomed")
    _running_since(doomed, seconds=3600, workers=("a", "b", "c"))

    job_leases_reclaim()

    assert _row(doomed).status == "FAILED"
    assert _row(doomed).exception_class_path == "core.jobs.leases.LeaseExpired"
    _run_worker()
    assert _row(doomed).status == "FAILED"


def test_a_job_that_failed_because_the_database_went_away_runs_again(tmp_path):
    flag = tmp_path / "lose-the-database-once"
    flag.touch()
    job = database_lost_once.enqueue(str(flag))

    _run_worker()

    assert _row(job).status == "SUCCESSFUL"
    assert _row(job).return_value == "ok"
    assert len(_row(job).worker_ids) == 2


def test_a_job_that_fails_for_its_own_reasons_is_not_retried():
    job = always_fails.enqueue()
    _run_worker()
    assert _row(job).status == "FAILED"
    assert len(_row(job).worker_ids) == 1


def test_make_run_starts_a_worker_for_every_queue_with_timers_apart_from_mail():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    groups = [set(g.split(",")) for g in re.findall(r"manage\.py run_worker --queue-name ([\w,]+)", makefile)]
    assert set().union(*groups) >= set(settings.TASKS["default"]["QUEUES"])
    assert not any({"timers", "mail"} <= group for group in groups)
