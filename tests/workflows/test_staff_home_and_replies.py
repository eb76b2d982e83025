"""Staff are told what waits for them: the home page counts their steps, a
school without an administrator leaves its reviews with the coordinator (and
the home page says so), and a complainant's reply reaches the people who may
read it."""

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from complaints.services.tracking import complaint_reply
from notifications.models import OutboundEmail
from workflows.models import Route
from workflows.review import services

pytestmark = pytest.mark.django_db


def _route(case, route):
    case.take_to("triaged", route=route)


def test_the_staff_home_page_says_what_is_waiting_for_you(client, case):
    _route(case, Route.BOTH)
    services.task_claim(task=services.open_task(case.complaint, "school_review"), user=case.principal)
    client.force_login(case.principal)
    page = client.get(reverse("staff:index")).content.decode()
    assert "1 open complaint review step you may work." in page
    assert "1 assigned to you, 0 overdue." in " ".join(page.split())
    assert "School review: 1" in page
    spanish = " ".join(client.get(reverse("staff:index"), HTTP_ACCEPT_LANGUAGE="es").content.decode().split())
    assert "1 paso abierto de revisión de quejas que puede atender." in spanish
    assert "1 asignado a usted, 0 vencidos." in spanish
    client.force_login(case.reviewer)
    assert "Police review: 1" in client.get(reverse("staff:index")).content.decode()


def test_with_no_school_administrator_the_coordinator_holds_the_school_review(client, case):
    Membership.objects.filter(role=Role.SCHOOL_ADMIN, school=case.school).delete()
    _route(case, Route.SCHOOL)
    client.force_login(case.coordinator)
    home = client.get(reverse("staff:index")).content.decode()
    assert "School reviews you hold" in home and case.school.name in home
    task = services.open_task(case.complaint, "school_review")
    response = client.post(reverse("staff:reviews:task", args=[case.complaint.pk, task.pk, "claim"]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner == case.coordinator


def test_while_the_school_has_an_administrator_the_coordinator_does_not_take_its_review(client, case):
    _route(case, Route.SCHOOL)
    task = services.open_task(case.complaint, "school_review")
    client.force_login(case.coordinator)
    assert client.post(reverse("staff:reviews:task", args=[case.complaint.pk, task.pk, "claim"])).status_code == 404


def test_a_reply_from_the_complainant_is_mailed_to_the_coordinator_and_the_school_reviewer_not_police(case):
    _route(case, Route.BOTH)
    services.task_claim(task=services.open_task(case.complaint, "school_review"), user=case.principal)
    services.task_claim(task=services.open_task(case.complaint, "police_review"), user=case.reviewer)
    complaint_reply(complaint=case.complaint, body="I remembered another witness.", files=[])
    told = set(OutboundEmail.objects.filter(template="complainant_replied").values_list("to_email", flat=True))
    assert told == {"coord@example.org", "principal@example.org"}


def test_claiming_a_step_is_confirmed(client, case):
    _route(case, Route.BOTH)
    task = services.open_task(case.complaint, "police_review")
    client.force_login(case.reviewer)
    response = client.post(reverse("staff:reviews:task", args=[case.complaint.pk, task.pk, "claim"]), follow=True)
    assert f"You claimed this step of {case.complaint.tracking_code}." in response.content.decode()


def test_the_case_timeline_shows_the_workflow_steps(client, case):
    _route(case, Route.SCHOOL)
    services.task_claim(task=services.open_task(case.complaint, "school_review"), user=case.principal)
    client.force_login(case.coordinator)
    page = client.get(reverse("staff:reviews:case", args=[case.complaint.pk])).content.decode()
    assert "Step opened." in page
    assert f"Done by {case.coordinator}." in page  # triage
    assert f"Claimed by {case.principal}." in page  # school review


def test_a_reviewer_claims_and_opens_a_step_from_the_queue_in_one_action(client, case):
    _route(case, Route.POLICE)
    client.force_login(case.reviewer)
    queue = client.get(reverse("staff:reviews:index")).content.decode()
    task = services.open_task(case.complaint, "police_review")
    claim = reverse("staff:reviews:task", args=[case.complaint.pk, task.pk, "claim"])
    assert f'action="{claim}"' in queue and "Claim and open" in queue
    response = client.post(claim)
    assert response.url == reverse("staff:reviews:case", args=[case.complaint.pk])
    task.refresh_from_db()
    assert task.owner == case.reviewer
