"""Every staff mail about a complaint x every role: recipients come from the
access rules, so the named officer, a recused coordinator, officers rostered
at the school when none is named, and people outside the complaint's scope
are never mailed."""

import datetime

import pytest
from django.utils import timezone

from complaints.models import Recusal
from notifications.models import OutboundEmail
from workflows import notify, reminders
from workflows.models import Route, TaskDue
from workflows.review import services
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db

# template -> the roles (of tests/workflows/conftest.py EveryoneOnACase) who get it
EXPECTED = {
    "new_complaint": {"coordinator"},
    "appeal_received": {"coordinator"},
    "task_overdue": {"coordinator"},
    "emergency": {"coordinator", "police_reviewer"},
}


def _roles_of(world, users) -> set[str]:
    by_pk = {u.pk: who for who, u in world.people.items() if u is not None}
    return {by_pk.get(u.pk, f"someone else <{u.email}>") for u in users}


@pytest.mark.parametrize("template", sorted(EXPECTED))
def test_each_staff_mail_reaches_exactly_the_people_its_rule_names(everyone_on_a_case, template):
    world = everyone_on_a_case
    assert _roles_of(world, notify.recipients(world.complaint, template)) == EXPECTED[template]


def test_a_new_complaint_also_reaches_the_principal_where_principals_triage(case):
    case.school.district.school_admins_triage = True
    case.school.district.save()
    review_start(case.complaint)
    recipients = set(OutboundEmail.objects.filter(template="new_complaint").values_list("to_email", flat=True))
    assert recipients == {"coord@example.org", "principal@example.org"}


def test_with_no_officer_named_the_emergency_alert_skips_officers_rostered_at_the_school(everyone_on_a_case):
    world = everyone_on_a_case
    world.complaint.officer = None
    world.complaint.save()
    # The named officer's account is the officer rostered at the school: conflicted even though not named.
    assert _roles_of(world, notify.recipients(world.complaint, "emergency")) == {"coordinator", "police_reviewer"}


def test_nobody_conflicted_is_mailed_while_a_complaint_goes_through_every_step(everyone_on_a_case):
    world = everyone_on_a_case
    case = world.case
    OutboundEmail.objects.all().delete()  # mail sent before the recusal was recorded is not the question
    case.take_to("outcome_written", since="triaged", route=Route.BOTH, school_finding="not_sustained", letter="Outcome")
    services.appeal_file(complaint=world.complaint, reason="I disagree")
    appeal_task = services.open_task(world.complaint, "appeal_review")
    services.task_claim(task=appeal_task, user=case.coordinator)
    TaskDue.objects.filter(task=appeal_task).update(due_at=timezone.now() + datetime.timedelta(hours=1))
    reminders.due_soon_remind()
    reminders.coordinator_digest_send()
    about_it = OutboundEmail.objects.exclude(template="coordinator_digest")
    mailed = set(about_it.values_list("to_email", flat=True))
    never = {world.people[who].email for who in ("named_officer", "recused_coordinator", "sro", "advisory")}
    assert mailed and not mailed & never
    # The recused coordinator's weekly digest does not count the complaint either.
    digest = OutboundEmail.objects.get(
        template="coordinator_digest", to_email=world.people["recused_coordinator"].email
    )
    assert digest.context["open_tasks"] == 0


def test_a_task_handed_to_a_recused_person_is_refused_and_nobody_is_told(everyone_on_a_case):
    world = everyone_on_a_case
    recused = world.people["recused_coordinator"]
    task = services.open_task(world.complaint, "police_review")
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied; the view answers 404
        services.task_reassign(task=task, user=world.case.coordinator, to_user=recused)
    assert not OutboundEmail.objects.filter(template="task_assigned").exists()


def test_recusing_someone_releases_the_tasks_they_held(everyone_on_a_case):
    world = everyone_on_a_case
    task = services.open_task(world.complaint, "school_review")
    services.task_claim(task=task, user=world.case.principal)
    services.recusal_add(
        complaint=world.complaint, user=world.case.coordinator, person=world.case.principal, reason="x"
    )
    task.refresh_from_db()
    assert task.owner is None
    assert Recusal.objects.filter(user=world.case.principal).exists()
