"""Withdraw (the complainant, from the tracking page) and reopen (the
coordinator, with a reason): both steps of the review flow, audited and on the timeline."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from complaints.models import MessageKind, PublicStatus
from core.models import AuditEvent
from notifications.models import OutboundEmail
from tests.factories import TEST_PIN, ComplaintFactory
from workflows.models import ComplaintProcess, QueueEntry, Route
from workflows.review import services
from workflows.review.start import review_start
from workflows.review.withdrawal import complaint_reopen, complaint_withdraw

pytestmark = pytest.mark.django_db


def _open(complaint):
    return sorted(
        t.flow_task.name
        for t in Task.objects.filter(process__complaintprocess__complaint=complaint, finished__isnull=True)
        .exclude(status=STATUS.CANCELED)
        .exclude(flow_task_type__in=["TIMER", "JOIN"])
    )


def _in_both_reviews(case):
    case.take_to("triaged", route=Route.BOTH)


def _closed(case):
    case.take_to("triaged", route=Route.OUT_OF_SCOPE, explanation="A city matter.")
    case.complaint.refresh_from_db()
    assert case.complaint.public_status == PublicStatus.CLOSED


def _family_page(client, complaint) -> str:
    url = client.post(reverse("complaints:track"), {"tracking_code": complaint.tracking_code, "pin": TEST_PIN}).url
    return client.get(url).content.decode()


def test_withdrawing_during_both_reviews_ends_every_open_step_and_the_review(case):
    _in_both_reviews(case)
    assert _open(case.complaint) == ["police_review", "school_review"]
    complaint_withdraw(complaint=case.complaint, reason="We moved away.")
    assert _open(case.complaint) == []
    process = ComplaintProcess.objects.get(complaint=case.complaint)
    assert process.status == "DONE"
    assert process.task_set.filter(flow_task_type="END").get().flow_task.name == "withdrawn"
    assert not QueueEntry.objects.filter(complaint=case.complaint).exists()
    case.complaint.refresh_from_db()
    assert case.complaint.public_status == PublicStatus.WITHDRAWN
    event = AuditEvent.objects.get(kind="complaint_withdrawn")
    assert event.actor is None and event.changes["reason_given"] == [None, True]


def test_the_timers_of_a_withdrawn_complaint_never_fire(case):
    _in_both_reviews(case)
    complaint_withdraw(complaint=case.complaint)
    Task.objects.filter(process__complaintprocess__complaint=case.complaint, flow_task_type="TIMER").update(
        scheduled=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert fire_due_timers() == 0


def test_the_complainant_withdraws_from_the_tracking_page_and_reads_it_there(client, case):
    _in_both_reviews(case)
    page = _family_page(client, case.complaint)
    assert "Withdraw this complaint" in page
    url = reverse("complaint_withdraw", args=[case.complaint.tracking_code])
    assert "Why are you withdrawing" in client.get(url).content.decode()
    response = client.post(url, {"reason": "It was sorted out with the school."})
    assert response.status_code == 302
    page = _family_page(client, case.complaint)
    assert "The complaint was withdrawn by the person who filed it." in page
    assert "It was sorted out with the school." in page
    assert "Withdraw this complaint" not in page


def test_a_withdrawn_complaint_cannot_be_withdrawn_again(client, case):
    _in_both_reviews(case)
    complaint_withdraw(complaint=case.complaint)
    with pytest.raises(ValidationError):
        complaint_withdraw(complaint=case.complaint)
    _family_page(client, case.complaint)
    response = client.post(reverse("complaint_withdraw", args=[case.complaint.tracking_code]), {"reason": "x"})
    assert response.status_code == 200
    assert "This complaint is already closed." in response.content.decode()


def test_the_police_never_read_the_withdrawal_reason_but_the_school_does(client, case):
    _in_both_reviews(case)
    complaint_withdraw(complaint=case.complaint, reason="My son Tomás is scared.")
    for person, reads in ((case.principal, True), (case.coordinator, True), (case.reviewer, False)):
        client.force_login(person)
        page = client.get(reverse("staff:reviews:case", args=[case.complaint.pk])).content.decode()
        assert ("Tomás" in page) is reads, person
        assert "The complaint was withdrawn by the person who filed it." in page


def test_the_coordinator_reopens_a_closed_complaint_at_triage_with_a_reason(client, case):
    _closed(case)
    complaint_reopen(complaint=case.complaint, user=case.coordinator, reason="New video evidence arrived.")
    case.complaint.refresh_from_db()
    assert case.complaint.public_status == PublicStatus.RECEIVED
    assert _open(case.complaint) == ["triage"]
    process = ComplaintProcess.objects.get(complaint=case.complaint)
    assert process.status == "NEW" and process.route == ""
    assert QueueEntry.objects.filter(complaint=case.complaint).exists()
    event = AuditEvent.objects.get(kind="complaint_reopened")
    assert event.actor == case.coordinator and event.note == "New video evidence arrived."
    assert case.complaint.messages.filter(kind=MessageKind.REOPENED).exists()
    # The reopened review runs to its end as any other.
    case.take_to("triaged", since="started")
    assert _open(case.complaint) == ["school_review"]
    case.take_to("outcome_written", since="triaged", school_finding="sustained", letter="Outcome")
    case.complaint.refresh_from_db()
    assert case.complaint.public_status == PublicStatus.OUTCOME_SENT
    page = _family_page(client, case.complaint)
    assert "Your complaint was reopened for review." in page


def test_a_withdrawn_complaint_can_be_reopened(case):
    _in_both_reviews(case)
    complaint_withdraw(complaint=case.complaint)
    complaint_reopen(complaint=case.complaint, user=case.coordinator, reason="The family asked us to continue.")
    assert _open(case.complaint) == ["triage"]


def test_reopening_needs_a_reason_a_closed_complaint_and_the_coordinator(case):
    _in_both_reviews(case)
    with pytest.raises(ValidationError):
        complaint_reopen(complaint=case.complaint, user=case.coordinator, reason="Why not")
    complaint_withdraw(complaint=case.complaint)
    with pytest.raises(ValidationError):
        complaint_reopen(complaint=case.complaint, user=case.coordinator, reason="  ")
    with pytest.raises(PermissionDenied):
        complaint_reopen(complaint=case.complaint, user=case.principal, reason="Please")


def test_the_coordinator_reopens_from_the_case_page(client, case):
    _closed(case)
    client.force_login(case.coordinator)
    url = reverse("staff:reviews:case", args=[case.complaint.pk])
    assert "Reopen this complaint" in client.get(url).content.decode()
    reopen = reverse("staff:reviews:reopen", args=[case.complaint.pk])
    empty = client.post(reopen, {"reopen-reason": ""})
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    assert client.post(reopen, {"reopen-reason": "New evidence."}).status_code == 302
    assert _open(case.complaint) == ["triage"]
    client.force_login(case.principal)
    assert "Reopen this complaint" not in client.get(url).content.decode()


def test_a_general_concern_without_a_review_can_be_withdrawn_too(case):
    concern = ComplaintFactory(school=case.school, kind="concern")
    complaint_withdraw(complaint=concern, reason="")
    concern.refresh_from_db()
    assert concern.public_status == PublicStatus.WITHDRAWN
    assert concern.messages.filter(kind=MessageKind.WITHDRAWN).exists()
    assert not concern.messages.filter(from_complainant=True).exists()  # no reason, no reply


def _decided(case, finding: str):
    """Triage to the school, its review and the outcome: the outcome is published."""
    case.take_to("outcome_written", since="started", school_finding=finding, actions="Seen", letter=finding)


def _appealed_and_decided(case, reason: str, decision: str):
    services.appeal_file(complaint=case.complaint, reason=reason)
    task = services.open_task(case.complaint, "appeal_review")
    services.appeal_decide(task=task, user=case.coordinator, decision=decision)


def test_a_reopened_complaint_decided_again_can_be_appealed_again(client, case):
    review_start(case.complaint)
    _decided(case, "sustained")
    _appealed_and_decided(case, "Nobody talked to my witness.", "Upheld.")
    case.complaint.refresh_from_db()
    assert case.complaint.public_status == PublicStatus.CLOSED
    complaint_reopen(complaint=case.complaint, user=case.coordinator, reason="New video came to light.")
    _decided(case, "not_sustained")
    page = _family_page(client, case.complaint)
    assert "Appeal the outcome" in page and "You appealed on" not in page  # the first appeal was of the old outcome
    assert OutboundEmail.objects.filter(template="outcome_ready").count() == 2  # told of each outcome
    services.appeal_file(complaint=case.complaint, reason="The video is cut.")
    assert "You appealed on" in _family_page(client, case.complaint)
    services.appeal_decide(
        task=services.open_task(case.complaint, "appeal_review"), user=case.coordinator, decision="Reviewed again."
    )
    appeals = list(case.complaint.appeals.order_by("pk").values_list("reason", "decision"))
    assert appeals == [("Nobody talked to my witness.", "Upheld."), ("The video is cut.", "Reviewed again.")]
