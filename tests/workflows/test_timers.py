"""The workflow's periodic jobs run from the worker alone: timers, reminders, 30-day
updates and the weekly digest (issue 10 #1, #2 queue split, #8 no cron)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from viewflow.workflow.models import Task

from complaints.models import Complaint
from notifications.models import OutboundEmail
from tests.core.jobs_tasks import echo
from workflows.models import TaskDue
from workflows.review import services
from workflows.review.start import review_start

# The worker closes obsolete connections between jobs, as in production: no test transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)

TICK = "workflows.tasks.workflow_timers_tick"


def _run_worker(*args):
    call_command("run_worker", "--batch", "--no-startup-delay", *args, verbosity=0)


def _due_now(path):
    DBTaskResult.objects.filter(task_path=path, status="READY").update(run_after=timezone.now())


def _triage_overdue(case):
    review_start(case.complaint)
    triage = services.open_task(case.complaint, "triage")
    Task.objects.filter(process=triage.process, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(seconds=1)
    )
    return triage


def test_a_lost_timer_tick_is_restored_and_due_deadlines_escalate(case):
    triage = _triage_overdue(case)
    DBTaskResult.objects.filter(task_path=TICK).delete()  # the tick went missing (old killed worker, failed reschedule)

    _run_worker()

    assert TaskDue.objects.get(task=triage).escalated_at is not None
    assert DBTaskResult.objects.filter(task_path=TICK, status="READY").count() == 1


def test_timers_fire_while_mail_waits_on_its_own_queue(case):
    triage = _triage_overdue(case)
    mail_job = echo.using(queue_name="mail").enqueue("a slow mail")

    _run_worker("--queue-name", "timers")

    assert TaskDue.objects.get(task=triage).escalated_at is not None
    assert DBTaskResult.objects.get(pk=mail_job.id).status == "READY"


def test_the_weekly_digest_goes_once_however_often_the_worker_checks(case):
    review_start(case.complaint)
    _run_worker()
    _due_now("workflows.tasks.coordinator_digest_send")
    _run_worker()

    runs = DBTaskResult.objects.filter(task_path="workflows.tasks.coordinator_digest_send", status="SUCCESSFUL")
    assert runs.count() == 2
    assert OutboundEmail.objects.filter(template="coordinator_digest", to_email="coord@example.org").count() == 1


def test_complainants_hear_from_us_every_30_days_and_owners_get_due_soon_reminders_without_cron(case):
    review_start(case.complaint)
    triage = services.open_task(case.complaint, "triage")
    services.task_claim(task=triage, user=case.coordinator)
    TaskDue.objects.filter(task=triage).update(due_at=timezone.now() + datetime.timedelta(days=1))
    Complaint.objects.filter(pk=case.complaint.pk).update(
        complainant_updated_at=timezone.now() - datetime.timedelta(days=31)
    )

    _run_worker()
    _due_now("workflows.tasks.reminders_send")
    _run_worker()

    assert OutboundEmail.objects.filter(template="status_changed", to_email="fam@example.org").count() == 1
    assert OutboundEmail.objects.filter(template="task_due_soon", to_email="coord@example.org").count() == 1
