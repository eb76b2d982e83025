"""ComplaintFlow driven through every path to the end."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from complaints.models import Finding, PublicStatus
from core.models import AuditEvent
from tests.factories import TEST_PIN, final_findings
from workflows.models import ComplaintProcess, Route, TaskDue
from workflows.review import services
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db


def _task(complaint, node):
    task = services.open_task(complaint, node)
    assert task is not None, f"no open {node} task; open: {_open(complaint)}"
    return task


def _open(complaint):
    return sorted(
        t.flow_task.name
        for t in Task.objects.filter(process__complaintprocess__complaint=complaint, finished__isnull=True)
        .exclude(status=STATUS.CANCELED)
        .exclude(flow_task_type__in=["TIMER", "JOIN"])
    )


def _queue_shows(client, user, complaint) -> bool:
    """Whether ``user`` finds the complaint in their review queue."""
    client.force_login(user)
    shown = complaint.tracking_code in client.get(reverse("staff:reviews:index")).content.decode()
    client.logout()
    return shown


def _family_sees(client, complaint) -> str:
    """The complainant's tracking page, opened with the code and PIN."""
    url = client.post(reverse("complaints:track"), {"tracking_code": complaint.tracking_code, "pin": TEST_PIN}).url
    return client.get(url).content.decode()


def _findings(case, value="sustained"):
    return {a.pk: (value, "Retraining scheduled") for a in case.allegations}


def _to_outcome(case, route):
    review_start(case.complaint)
    services.triage_complete(
        task=_task(case.complaint, "triage"), user=case.coordinator, route=route, emergency=False, explanation=""
    )


def _outcome_and_close(case, client=None):
    services.outcome_complete(
        task=_task(case.complaint, "outcome"),
        user=case.coordinator,
        letter="Outcome",
        finals=final_findings(case.complaint),
    )
    case.complaint.refresh_from_db()
    assert case.complaint.public_status == PublicStatus.OUTCOME_SENT
    if client is not None:
        page = _family_sees(client, case.complaint)
        assert "Outcome sent" in page and "Appeal the outcome" in page
    window = _task(case.complaint, "appeal_window")
    Task.objects.filter(process=window.process, flow_task_type="TIMER", finished__isnull=True).update(
        scheduled=timezone.now() - datetime.timedelta(seconds=1)
    )
    fire_due_timers()
    case.complaint.refresh_from_db()
    assert case.complaint.public_status == PublicStatus.CLOSED
    assert ComplaintProcess.objects.get(complaint=case.complaint).status == "DONE"
    if client is not None:
        page = _family_sees(client, case.complaint)
        assert "Your complaint is closed." in page and "Appeal the outcome</a>" not in page


def test_school_only_complaint_goes_through_school_review_to_closed(client, case):
    _to_outcome(case, Route.SCHOOL)
    assert _open(case.complaint) == ["school_review"]
    assert _queue_shows(client, case.principal, case.complaint)
    assert not _queue_shows(client, case.reviewer, case.complaint)
    services.review_complete(
        task=_task(case.complaint, "school_review"), user=case.principal, review="school", findings=_findings(case)
    )
    assert Finding.objects.filter(review="school").count() == 2
    assert not _queue_shows(client, case.principal, case.complaint)
    assert _queue_shows(client, case.coordinator, case.complaint)  # the outcome letter waits for them
    _outcome_and_close(case, client)


def test_police_only_complaint_goes_through_police_review(client, case):
    _to_outcome(case, Route.POLICE)
    assert _open(case.complaint) == ["police_review"]
    assert _queue_shows(client, case.reviewer, case.complaint)
    assert not _queue_shows(client, case.principal, case.complaint)
    services.review_complete(
        task=_task(case.complaint, "police_review"), user=case.reviewer, review="police", findings=_findings(case)
    )
    _outcome_and_close(case)


def test_both_reviews_run_in_parallel_and_the_outcome_waits_for_both(client, case):
    _to_outcome(case, Route.BOTH)
    assert _open(case.complaint) == ["police_review", "school_review"]
    assert _queue_shows(client, case.principal, case.complaint) and _queue_shows(client, case.reviewer, case.complaint)
    services.review_complete(
        task=_task(case.complaint, "police_review"), user=case.reviewer, review="police", findings=_findings(case)
    )
    assert _open(case.complaint) == ["school_review"]
    assert not _queue_shows(client, case.coordinator, case.complaint)  # nothing for the coordinator yet
    services.review_complete(
        task=_task(case.complaint, "school_review"),
        user=case.principal,
        review="school",
        findings=_findings(case, "not_sustained"),
    )
    assert _open(case.complaint) == ["outcome"]
    assert _queue_shows(client, case.coordinator, case.complaint)
    _outcome_and_close(case)


def test_out_of_scope_closes_at_triage_with_an_explanation_to_the_complainant(client, case):
    review_start(case.complaint)
    with pytest.raises(ValidationError):
        services.triage_complete(
            task=_task(case.complaint, "triage"),
            user=case.coordinator,
            route=Route.OUT_OF_SCOPE,
            emergency=False,
            explanation=" ",
        )
    services.triage_complete(
        task=_task(case.complaint, "triage"),
        user=case.coordinator,
        route=Route.OUT_OF_SCOPE,
        emergency=False,
        explanation="This concerns a city traffic stop, not the SRO program.",
    )
    case.complaint.refresh_from_db()
    assert case.complaint.public_status == PublicStatus.CLOSED
    page = _family_sees(client, case.complaint)
    assert "This concerns a city traffic stop, not the SRO program." in page
    assert "Why this is outside our scope" in page and "Your complaint is closed." in page


def test_an_emergency_alerts_the_coordinator_and_the_agency_at_once(case):
    from notifications.models import OutboundEmail

    review_start(case.complaint)
    services.triage_complete(
        task=_task(case.complaint, "triage"),
        user=case.coordinator,
        route=Route.POLICE,
        emergency=True,
        explanation="",
    )
    alerts = OutboundEmail.objects.filter(template="emergency")
    assert set(alerts.values_list("to_email", flat=True)) == {"coord@example.org", "reviewer@example.org"}
    assert all(alert.essential for alert in alerts)


def test_an_appeal_goes_to_appeal_review_before_closing(case):
    _to_outcome(case, Route.SCHOOL)
    services.review_complete(
        task=_task(case.complaint, "school_review"), user=case.principal, review="school", findings=_findings(case)
    )
    services.outcome_complete(
        task=_task(case.complaint, "outcome"),
        user=case.coordinator,
        letter="Outcome",
        finals=final_findings(case.complaint),
    )
    services.appeal_file(complaint=case.complaint, reason="Nobody talked to my witness.")
    assert _open(case.complaint) == ["appeal_review"]
    services.appeal_decide(task=_task(case.complaint, "appeal_review"), user=case.coordinator, decision="Upheld.")
    case.complaint.refresh_from_db()
    assert case.complaint.public_status == PublicStatus.CLOSED
    with pytest.raises(ValidationError):
        services.appeal_file(complaint=case.complaint, reason="Again")


def test_an_overdue_triage_escalates_to_the_coordinator_and_stays_open(case):
    review_start(case.complaint)
    triage = _task(case.complaint, "triage")
    due = TaskDue.objects.get(task=triage)
    assert due.due_at > timezone.now()
    Task.objects.filter(process=triage.process, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert fire_due_timers() == 1
    due.refresh_from_db()
    assert due.escalated_at is not None
    assert _open(case.complaint) == ["triage"]


def test_people_outside_the_step_cannot_do_it(case):
    review_start(case.complaint)
    triage = _task(case.complaint, "triage")
    for outsider in (case.principal, case.reviewer):
        with pytest.raises(PermissionDenied):
            services.triage_complete(task=triage, user=outsider, route=Route.SCHOOL, emergency=False, explanation="")


def test_every_step_is_in_the_audit_log(case):
    _to_outcome(case, Route.SCHOOL)
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {"review_started", "triaged"} <= kinds


def test_reminders_and_the_weekly_digest_are_queued_once(case):
    from django.core.management import call_command

    from notifications.models import OutboundEmail

    review_start(case.complaint)
    triage = _task(case.complaint, "triage")
    services.task_claim(task=triage, user=case.coordinator)
    TaskDue.objects.filter(task=triage).update(due_at=timezone.now() + datetime.timedelta(days=1))
    call_command("send_reminders", "--digest", verbosity=0)
    call_command("send_reminders", "--digest", verbosity=0)
    assert OutboundEmail.objects.filter(template="task_due_soon", to_email="coord@example.org").count() == 1
    digest = OutboundEmail.objects.get(template="coordinator_digest")
    assert digest.context["open_tasks"] == 1


@pytest.mark.django_db(transaction=True)
def test_the_background_worker_fires_due_timers_and_keeps_ticking(case):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    review_start(case.complaint)
    triage = _task(case.complaint, "triage")
    Task.objects.filter(process=triage.process, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("schedule_timers", verbosity=0)
    call_command("schedule_timers", verbosity=0)  # idempotent
    ticks = DBTaskResult.objects.filter(task_path="workflows.tasks.workflow_timers_tick")
    assert ticks.filter(status="READY").count() == 1
    call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert TaskDue.objects.get(task=triage).escalated_at is not None
    assert ticks.filter(status="READY").count() == 1  # the next tick waits its turn


def test_complainants_of_open_complaints_hear_from_us_at_least_every_30_days(case):
    from django.core.management import call_command

    from complaints.models import Complaint
    from notifications.models import OutboundEmail

    review_start(case.complaint)
    Complaint.objects.filter(pk=case.complaint.pk).update(
        complainant_updated_at=timezone.now() - datetime.timedelta(days=31)
    )
    call_command("send_reminders", verbosity=0)
    call_command("send_reminders", verbosity=0)
    assert OutboundEmail.objects.filter(template="status_changed", to_email="fam@example.org").count() == 1
