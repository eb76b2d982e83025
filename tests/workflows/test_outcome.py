"""The outcome as the complainant reads it: the coordinator's final finding on
each concern, a letter that keeps its paragraphs, the district's own appeal
window as a date, a confirmed appeal; and the second approver where the
district asks for one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.timers import fire_due_timers

from complaints.models import OutcomeLetter
from notifications.models import OutboundEmail
from tests.factories import TEST_PIN, member
from workflows.calendar import deadline_for
from workflows.models import DeadlinePolicy, Route, TaskDue
from workflows.review import services

pytestmark = pytest.mark.django_db


def _reviewed(case, stage="reviewed", **letter):
    """Both reviews done and disagreeing (the school sustains, the police do not); with ``stage="outcome_written"``
    the coordinator has approved ``letter`` too."""
    case.take_to(stage, route=Route.BOTH, school_finding="sustained", police_finding="not_sustained", **letter)


def _tracking_page(client, complaint):
    url = client.post(reverse("complaints:track"), {"tracking_code": complaint.tracking_code, "pin": TEST_PIN}).url
    return client.get(url).content.decode()


def _complete_outcome(client, case, data):
    task = services.open_task(case.complaint, "outcome")
    client.force_login(case.coordinator)
    return client.post(reverse("staff:reviews:task", args=[case.complaint.pk, task.pk, "complete"]), data)


def test_the_coordinator_must_record_a_final_finding_where_the_reviews_disagree(client, case):
    _reviewed(case)
    letter = "Dear family,\n\nWe reviewed it."
    response = _complete_outcome(client, case, {"letter": letter})
    assert response.status_code == 200
    assert response.content.decode().count("This field is required.") == len(case.allegations)
    assert "We reviewed it." in response.content.decode()  # what was typed is kept
    assert services.open_task(case.complaint, "outcome") is not None


def test_the_tracking_page_shows_final_findings_paragraphs_and_the_districts_appeal_date(client, case):
    DeadlinePolicy.objects.create(district=case.school.district, appeal_window_days=20)
    _reviewed(case)
    finals = {f"final_{a.pk}": "policy" for a in case.allegations}
    response = _complete_outcome(client, case, {"letter": "First paragraph.\n\nSecond paragraph.", **finals})
    assert response.status_code == 302
    client.logout()
    page = _tracking_page(client, case.complaint)
    assert "<p>First paragraph.</p>" in page and "<p>Second paragraph.</p>" in page
    assert "Outcome letter:" in page and "Reviewer wrote" not in page
    assert page.count("Policy or training issue") == len(case.allegations)
    until = OutcomeLetter.objects.get(complaint=case.complaint).appeal_until
    assert until == timezone.localdate(deadline_for(case.school.district, "appeal_window", timezone.now()))
    assert until - timezone.localdate() > datetime.timedelta(days=20)  # 20 school days, not 10
    assert "10 school days" not in page


def test_the_coordinator_is_told_the_step_is_done(client, case):
    _reviewed(case)
    finals = {f"final_{a.pk}": "policy" for a in case.allegations}
    response = _complete_outcome(client, case, {"letter": "Done.", **finals})
    page = client.get(response.url).content.decode()
    assert f"The outcome letter of {case.complaint.tracking_code} is approved." in page


def test_where_the_district_asks_a_second_coordinator_approves_before_the_family_sees_anything(client, case):
    case.school.district.outcome_second_approval = True
    case.school.district.save()
    second = member("coordinator", district=case.school.district, email="second@example.org")
    _reviewed(case, "outcome_written", letter="Draft letter")
    assert "Draft letter" not in _tracking_page(client, case.complaint)
    assert not OutboundEmail.objects.filter(template="outcome_ready").exists()
    task = services.open_task(case.complaint, "second_approval")
    client.force_login(case.coordinator)
    url = reverse("staff:reviews:task", args=[case.complaint.pk, task.pk, "complete"])
    refused = client.post(url, {"letter": "Draft letter"})
    assert "A different coordinator must give the second approval." in refused.content.decode()
    client.force_login(second)
    assert client.post(url, {"letter": "Corrected letter"}).status_code == 302
    client.logout()
    assert "Corrected letter" in _tracking_page(client, case.complaint)
    assert OutboundEmail.objects.filter(template="outcome_ready").exists()


def test_an_overdue_appeal_review_escalates_like_the_other_steps(case):
    _reviewed(case, "outcome_written", letter="Letter")
    services.appeal_file(complaint=case.complaint, reason="I disagree")
    task = services.open_task(case.complaint, "appeal_review")
    from viewflow.workflow.models import Task

    timers = Task.objects.filter(process=task.process, flow_task_type="TIMER", finished__isnull=True)
    timers.update(scheduled=timezone.now() - datetime.timedelta(minutes=1))
    fire_due_timers()
    assert TaskDue.objects.get(task=task).escalated_at is not None
    assert OutboundEmail.objects.filter(template="task_overdue", to_email="coord@example.org").exists()


def test_news_mailed_to_the_family_is_on_their_tracking_page_too(client, case):
    case.take_to("triaged")
    assert OutboundEmail.objects.filter(template="status_changed", to_email="fam@example.org").exists()
    assert "Your complaint was routed for review." in _tracking_page(client, case.complaint)


def test_step_names_in_staff_mail_are_words_in_the_readers_language(case):
    from notifications.rendering import render_email

    case.coordinator.preferred_language = "es"
    case.coordinator.save()
    _reviewed(case)
    services.task_reassign(
        task=services.open_task(case.complaint, "outcome"), user=case.coordinator, to_user=case.coordinator
    )
    outbound = OutboundEmail.objects.get(template="task_assigned")
    subject, text, html = render_email(outbound, unsubscribe_url="")
    assert "Carta de resultado" in subject + text and "outcome" not in (subject + text).replace("Outcome", "")


def test_a_second_approval_waiting_is_named_and_counted_in_the_coordinators_queue(client, case):
    case.school.district.outcome_second_approval = True
    case.school.district.save()
    _reviewed(case, "outcome_written", letter="Draft letter")
    client.force_login(case.coordinator)
    page = client.get(reverse("staff:reviews:index")).content.decode()
    assert "second_approval" not in page.replace('value="second_approval"', "").replace("step=second_approval", "")
    assert page.count("Second approval of the outcome letter") >= 2  # its row and its count
    assert client.get(reverse("staff:reviews:index") + "?step=second_approval").context["page"].total == 1
