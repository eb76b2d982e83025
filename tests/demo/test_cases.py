"""`manage.py seed_demo` fills the demo district with complaints in every state of the review."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role, User
from complaints.models import Allegation, Appeal, Complaint, Kind, Message, PublicStatus
from workflows.models import ComplaintProcess, Route, TaskDue

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo_seeded, settings):
    settings.DEMO_MODE = True
    return demo_seeded


def _open_steps() -> dict[str, int]:
    """How many complaints wait at each human step."""
    tasks = (
        Task.objects.filter(finished__isnull=True, process__complaintprocess__isnull=False)
        .exclude(status=STATUS.CANCELED)
        .exclude(flow_task_type__in=["TIMER", "JOIN"])
    )
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task.flow_task.name] = counts.get(task.flow_task.name, 0) + 1
    return counts


def _user(role):
    return User.objects.get(memberships__role=role, memberships__district__slug="riverside")


def _world() -> dict:
    return {
        "complaints": Complaint.objects.count(),
        "tasks": Task.objects.count(),
        "messages": Message.objects.count(),
        "allegations": Allegation.objects.count(),
        "appeals": Appeal.objects.count(),
        "open": _open_steps(),
    }


def test_the_demo_has_30_varied_complaints_at_every_step_closed_out_of_scope_and_overdue(seeded):
    reviewed = Complaint.objects.filter(school__district__slug="riverside", kind=Kind.COMPLAINT)
    assert reviewed.count() >= 30
    assert _open_steps() == {
        # Staff casework adds a phone and a letter complaint and a reopened one; one in police review was withdrawn.
        "triage": 9,
        "school_review": 5,
        "police_review": 5,
        "outcome": 4,
        "appeal_window": 3,
        "appeal_review": 2,
    }
    both_open = ComplaintProcess.objects.filter(route=Route.BOTH).annotate(
        reviews=Count(
            "task",
            filter=Q(task__finished__isnull=True, task__flow_task_type="HUMAN")
            & (Q(task__flow_task__endswith="school_review") | Q(task__flow_task__endswith="police_review")),
        )
    )
    assert both_open.filter(reviews=2).count() == 1  # school and police review in parallel
    closed = Complaint.objects.filter(public_status=PublicStatus.CLOSED, kind=Kind.COMPLAINT)
    assert closed.exclude(process__route=Route.OUT_OF_SCOPE).count() == 4
    assert closed.filter(process__route=Route.OUT_OF_SCOPE).count() == 2
    assert Appeal.objects.filter(decided_at__isnull=False).count() == 1
    escalated = TaskDue.objects.filter(escalated_at__isnull=False, task__finished__isnull=True)
    assert escalated.count() == 5
    assert all(due.due_at < timezone.now() for due in escalated)
    stale = timezone.now() - datetime.timedelta(days=30)
    assert Complaint.objects.filter(complainant_updated_at__lt=stale).exclude(public_status="closed").count() == 2
    complaints = Complaint.objects.filter(school__district__slug="riverside")
    assert complaints.values("school").distinct().count() == 3
    assert Allegation.objects.values("category").distinct().count() >= 8
    assert complaints.filter(contact_preference="none").count() >= 8
    assert complaints.filter(preferred_language="es").count() >= 10
    assert complaints.filter(kind=Kind.CONCERN).exists() and complaints.filter(kind=Kind.COMPLIMENT).exists()
    assert Message.objects.filter(from_complainant=True).count() == 3  # two replies and a reason for withdrawing
    assert Message.objects.filter(audience="case").exists()
    assert Message.objects.filter(audience="public", kind="note", from_complainant=False).exists()
    assert ComplaintProcess.objects.filter(emergency=True).count() == 1


def test_running_seed_demo_again_files_nothing_twice(seeded, settings):
    before = _world()
    call_command("seed_demo", stdout=io.StringIO())
    assert _world() == before


def test_demo_staff_see_real_work_and_history_and_a_family_can_open_a_printed_complaint(seeded, client):
    queue = reverse("staff:reviews:index")
    overdue = 0
    for role in (Role.SCHOOL_ADMIN, Role.POLICE_REVIEWER, Role.COORDINATOR):
        client.force_login(_user(role))
        response = client.get(queue)
        assert response.status_code == 200
        assert len(response.context["page"].rows) > 0, role
        overdue += len(client.get(queue + "?overdue=on").context["page"].rows)
    assert overdue == 5  # each escalated step is in the queue of whoever must do it
    for complaint in Complaint.objects.filter(school__district__slug="riverside", kind=Kind.COMPLAINT):
        response = client.get(reverse("staff:reviews:case", args=[complaint.pk]))
        assert response.status_code == 200, complaint.tracking_code
    audit = client.get(reverse("staff:audit:index"))
    assert audit.status_code == 200 and audit.context["page"].paginator.count > 100
    client.logout()
    code, pin = next(line.split()[:3:2] for line in seeded.splitlines() if " PIN " in line)
    response = client.post(reverse("complaints:track"), {"tracking_code": code, "pin": pin})
    assert response.status_code == 302
