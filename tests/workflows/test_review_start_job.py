"""Filing queues the start of the review; the worker starts it (issue 10 #10).

The family does not wait for the workflow: the complaint and its start job are
committed together, a lost job is caught by the sweep, a start runs once however
often it is tried, and the triage deadline still counts from the filing.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from viewflow.workflow.models import Task

from complaints.models import Complaint, PublicStatus
from notifications.models import OutboundEmail
from tests.complaints.helpers import START_JOB, file_complaint, review_start_jobs_run, school_with_officer
from tests.factories import member
from tests.race import at_once
from workflows.calendar import deadline_for
from workflows.models import ComplaintProcess, TaskDue
from workflows.review import services
from workflows.review.start import review_start_pending
from workflows.review.start_tasks import review_start_task, review_starts_sweep
from workflows.review.withdrawal import complaint_withdraw

pytestmark = pytest.mark.django_db

SWEEP = "workflows.review.start_tasks.review_starts_sweep"


def _filed(client, **kwargs) -> Complaint:
    school, _ = school_with_officer()
    response = file_complaint(client, school, start_review=False, **kwargs)
    assert response.status_code == 302
    return Complaint.objects.get()


def _filed_another(client) -> Complaint:
    school, _ = school_with_officer()
    assert file_complaint(client.__class__(), school, start_review=False).status_code == 302
    return Complaint.objects.latest("pk")


def test_filing_queues_the_review_start_with_the_complaint_and_the_worker_starts_it(client):
    complaint = _filed(client)
    coordinator = member("coordinator", district=complaint.school.district)
    assert not ComplaintProcess.objects.filter(complaint=complaint).exists()
    assert DBTaskResult.objects.filter(task_path=START_JOB, status="READY").count() == 1
    assert OutboundEmail.objects.filter(template="complaint_received").count() == 1  # the receipt did not wait

    review_start_jobs_run()

    assert services.open_task(complaint, "triage") is not None
    told = OutboundEmail.objects.filter(template="new_complaint").values_list("to_email", flat=True)
    assert list(told) == [coordinator.email.lower()]  # the coordinators are told once the review starts


def test_a_start_tried_twice_starts_one_review(client):
    complaint = _filed(client)
    review_start_task.call(complaint.pk)
    assert review_start_task.call(complaint.pk) is False
    review_start_jobs_run()  # the queued job itself comes third
    assert ComplaintProcess.objects.filter(complaint=complaint).count() == 1
    assert Task.objects.filter(process__complaintprocess__complaint=complaint, flow_task_type="HUMAN").count() == 1


def test_a_lost_start_job_is_caught_by_the_sweep_after_two_minutes(client):
    complaint = _filed(client)
    DBTaskResult.objects.filter(task_path=START_JOB).delete()  # the job was lost
    assert review_starts_sweep.call() == 0  # filed just now: its job may still be coming
    Complaint.objects.filter(pk=complaint.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=3))

    assert review_starts_sweep.call() == 1

    assert services.open_task(complaint, "triage") is not None
    assert review_starts_sweep.call() == 0


def test_a_start_that_fails_does_not_hold_back_the_other_lost_starts(client, monkeypatch):
    from workflows.review import start

    first, second = _filed(client), _filed_another(client)
    DBTaskResult.objects.filter(task_path=START_JOB).delete()
    Complaint.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=3))
    real_start = start.review_start

    def start_failing_for_the_first(complaint):  # fault injection: the oldest complaint's start breaks
        if complaint.pk == first.pk:
            raise RuntimeError("broken start")
        return real_start(complaint)

    monkeypatch.setattr(start, "review_start", start_failing_for_the_first)

    assert review_starts_sweep.call() == 1

    assert services.open_task(second, "triage") is not None
    assert not ComplaintProcess.objects.filter(complaint=first).exists()  # left for the next sweep


@pytest.mark.django_db(transaction=True)
def test_the_worker_schedules_the_sweep_itself_and_it_starts_a_lost_review(client):
    complaint = _filed(client)
    DBTaskResult.objects.filter(task_path=START_JOB).delete()  # the job was lost
    Complaint.objects.filter(pk=complaint.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=3))

    call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)  # no cron: the worker's own schedule

    assert services.open_task(complaint, "triage") is not None
    assert DBTaskResult.objects.filter(task_path=SWEEP, status="READY").count() == 1  # and the next sweep waits


def test_the_triage_deadline_counts_from_the_filing_not_from_the_job(client):
    complaint = _filed(client)
    # The job ran late (a worker outage): the complaint was filed eleven days before its review started.
    filed_at = timezone.now() - datetime.timedelta(days=11)
    Complaint.objects.filter(pk=complaint.pk).update(created_at=filed_at)
    review_start_jobs_run()

    triage = services.open_task(complaint, "triage")
    expected = deadline_for(complaint.school.district, "triage", filed_at)
    assert TaskDue.objects.get(task=triage).due_at == expected
    assert expected < timezone.now()  # already overdue, as it would have been with the review started at filing
    timer = Task.objects.get(process=triage.process, flow_task_type="TIMER", status="SCHEDULED")
    assert timer.scheduled == expected


def test_a_reopened_complaint_gets_a_fresh_triage_deadline(client):
    from workflows.review.withdrawal import complaint_reopen

    complaint = _filed(client)
    Complaint.objects.filter(pk=complaint.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    review_start_jobs_run()
    complaint_withdraw(complaint=complaint)
    coordinator = member("coordinator", district=complaint.school.district)
    complaint_reopen(complaint=complaint, user=coordinator, reason="New evidence")

    triage = services.open_task(complaint, "triage")
    assert TaskDue.objects.get(task=triage).due_at == deadline_for(complaint.school.district, "triage", timezone.now())


def test_a_complaint_withdrawn_before_its_review_started_stays_withdrawn(client):
    complaint = _filed(client)
    complaint_withdraw(complaint=complaint, reason="Sorted out with the school")

    review_start_jobs_run()
    Complaint.objects.filter(pk=complaint.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=3))
    review_starts_sweep.call()

    complaint.refresh_from_db()
    assert complaint.public_status == PublicStatus.WITHDRAWN
    assert not ComplaintProcess.objects.filter(complaint=complaint).exists()


def test_the_family_tracks_a_complaint_whose_review_has_not_started_as_received(client):
    school, _ = school_with_officer()
    receipt = file_complaint(client, school, start_review=False)
    pin = re.search(r'id="tracking-pin">(\d{6})<', client.get(receipt.url).content.decode()).group(1)
    complaint = Complaint.objects.get()
    other = client.__class__()

    page = other.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": pin}, follow=True)

    assert page.status_code == 200
    text = page.content.decode()
    assert complaint.tracking_code in text and "Received" in text


def test_staff_see_a_complaint_whose_review_has_not_started(client):
    complaint = _filed(client)
    coordinator = member("coordinator", district=complaint.school.district)
    client.force_login(coordinator)

    case_page = client.get(reverse("staff:reviews:case", args=[complaint.pk]))
    cases = client.get(reverse("staff:reviews:cases"))
    queue = client.get(reverse("staff:reviews:index"))

    assert case_page.status_code == 200 and complaint.tracking_code in case_page.content.decode()
    assert cases.status_code == 200 and complaint.tracking_code in cases.content.decode()
    assert queue.status_code == 200  # no task yet: the queue lists tasks, the case list lists it


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_start_one_review(client):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL (SQLite's immediate transactions serialise the two anyway)")
    complaint = _filed(client)
    results = at_once(*[lambda: review_start_pending(complaint_id=complaint.pk)] * 2)

    assert len(results) == 2 and sum(result is not None for result in results) == 1
    assert ComplaintProcess.objects.filter(complaint=complaint).count() == 1
