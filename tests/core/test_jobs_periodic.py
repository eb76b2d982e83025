"""Periodic jobs are kept scheduled by the worker itself, never by cron (issue 10 #7, #8)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from complaints.models import Draft
from core.jobs.periodic import periodic_tasks_ensure
from tests.core.jobs_tasks import echo
from tests.factories import DraftFactory

# The worker closes obsolete connections between jobs, as in production: no test transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)

TICK = "tests.core.jobs_tasks.tick"


def _run_worker():
    call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)


def _rows(path, status):
    return DBTaskResult.objects.filter(task_path=path, status=status)


def _assert_next_run_in(row, seconds):
    expected = timezone.now() + datetime.timedelta(seconds=seconds)
    assert expected - datetime.timedelta(seconds=30) < row.run_after <= expected


def test_the_worker_runs_every_periodic_job_and_queues_its_next_run(settings):
    _run_worker()
    for path, seconds in settings.PERIODIC_TASKS.items():
        assert _rows(path, "SUCCESSFUL").count() == 1, path
        _assert_next_run_in(_rows(path, "READY").get(), seconds)

    _run_worker()  # nothing is due yet: nothing runs twice, nothing is queued twice
    for path in settings.PERIODIC_TASKS:
        assert _rows(path, "SUCCESSFUL").count() == 1, path
        assert _rows(path, "READY").count() == 1, path


def test_a_failing_periodic_job_still_queues_its_next_run(settings):
    settings.PERIODIC_TASKS = {"tests.core.jobs_tasks.always_fails": 600}
    _run_worker()
    assert _rows("tests.core.jobs_tasks.always_fails", "FAILED").count() == 1
    _assert_next_run_in(_rows("tests.core.jobs_tasks.always_fails", "READY").get(), 600)


def test_a_periodic_job_that_went_missing_is_restored_and_run(settings):
    settings.PERIODIC_TASKS = {TICK: 600}
    _run_worker()
    _rows(TICK, "READY").delete()  # e.g. its reschedule was lost with the database

    _run_worker()

    assert _rows(TICK, "SUCCESSFUL").count() == 2
    assert _rows(TICK, "READY").count() == 1


def test_checking_the_periodic_jobs_twice_queues_each_once(settings):
    settings.PERIODIC_TASKS = {TICK: 600, "no.such.task": 60}
    assert periodic_tasks_ensure() == [TICK]
    assert periodic_tasks_ensure() == []
    assert _rows(TICK, "READY").count() == 1


def test_a_shorter_interval_applies_to_the_waiting_run(settings):
    settings.PERIODIC_TASKS = {TICK: 3600}
    _run_worker()
    settings.PERIODIC_TASKS = {TICK: 60}
    periodic_tasks_ensure()
    _assert_next_run_in(_rows(TICK, "READY").get(), 60)


def test_finished_job_rows_are_pruned_after_the_retention_period(settings):
    settings.JOB_RESULT_RETENTION_DAYS = 7
    old_ok, old_failed, recent, waiting = (echo.enqueue(name) for name in ("ok", "failed", "recent", "waiting"))
    long_ago = timezone.now() - datetime.timedelta(days=8)
    DBTaskResult.objects.filter(pk=old_ok.id).update(status="SUCCESSFUL", finished_at=long_ago)
    DBTaskResult.objects.filter(pk=old_failed.id).update(status="FAILED", finished_at=long_ago)
    DBTaskResult.objects.filter(pk=recent.id).update(
        status="SUCCESSFUL", finished_at=timezone.now() - datetime.timedelta(days=6)
    )
    DBTaskResult.objects.filter(pk=waiting.id).update(run_after=timezone.now() + datetime.timedelta(days=1))
    DBTaskResult.objects.filter(pk=waiting.id).update(enqueued_at=long_ago)

    _run_worker()

    left = set(DBTaskResult.objects.filter(task_path="tests.core.jobs_tasks.echo").values_list("id", flat=True))
    assert {str(i) for i in left} == {str(recent.id), str(waiting.id)}


def test_expired_complaint_drafts_are_deleted_by_the_worker():
    DraftFactory(expires_at=timezone.now() - datetime.timedelta(days=1))
    keep = DraftFactory()
    _run_worker()
    assert list(Draft.objects.all()) == [keep]
