"""The queue reads each open task's QueueEntry: a task shows in the queue
exactly while it is open, under the complaint's school, whatever path it took."""

import datetime
import functools
import io
import operator
import re

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import Role
from complaints.models import Recusal
from tests.factories import ComplaintFactory, SchoolFactory, member
from workflows.models import ComplaintProcess, QueueEntry, Route, TaskDue
from workflows.review.queue_entries import queue_entries_rebuild
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db

QUEUE = "/staff/reviews/"


def _codes(client, query: str = "") -> list[str]:
    return re.findall(r">(CG-[A-Z0-9-]+)</a>", client.get(QUEUE + query).content.decode())


def _entries() -> set[tuple]:
    return set(QueueEntry.objects.values_list("task_id", "complaint_id", "school_id", "district_id", "officer_id"))


def test_a_task_leaves_the_queue_when_done_and_the_next_steps_arrive(client, case):
    review_start(case.complaint)
    client.force_login(case.coordinator)
    assert _codes(client, "?step=triage") == [case.complaint.tracking_code]
    case.take_to("triaged", since="started", route=Route.BOTH)
    assert _codes(client, "?step=triage") == []
    client.force_login(case.principal)
    assert _codes(client, "?step=school_review") == [case.complaint.tracking_code]
    client.force_login(case.reviewer)
    assert _codes(client, "?step=police_review") == [case.complaint.tracking_code]
    open_tasks = Task.objects.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED], owner_permission__gt="")
    assert set(QueueEntry.objects.values_list("task_id", flat=True)) == set(open_tasks.values_list("pk", flat=True))


def test_the_entries_kept_along_the_way_are_the_ones_a_rebuild_computes(case):
    for complaint in [case.complaint, *(ComplaintFactory(school=case.school) for _ in range(3))]:
        review_start(complaint)
    case.take_to("triaged", since="started", route=Route.POLICE)
    kept = _entries()
    assert len(kept) == 4
    assert queue_entries_rebuild() == 4
    assert _entries() == kept


def test_a_complaint_moved_to_another_school_is_listed_under_that_school(client, case):
    review_start(case.complaint)
    other = SchoolFactory(district=case.school.district, name="Other High")
    case.complaint.school = other
    case.complaint.save()
    client.force_login(case.coordinator)
    assert _codes(client, f"?school={other.pk}") == [case.complaint.tracking_code]
    assert _codes(client, f"?school={case.school.pk}") == []


def test_a_complaint_moved_to_another_district_leaves_the_coordinators_queue(client, case):
    review_start(case.complaint)
    client.force_login(case.coordinator)
    assert _codes(client) == [case.complaint.tracking_code]
    case.complaint.school = SchoolFactory(name="Far Away High")
    case.complaint.save()
    assert _codes(client) == []


def test_a_recused_coordinator_no_longer_sees_the_task(client, case):
    review_start(case.complaint)
    second = member(Role.COORDINATOR, district=case.school.district)
    Recusal.objects.create(complaint=case.complaint, user=case.coordinator, reason="Family", recorded_by=second)
    client.force_login(case.coordinator)
    assert _codes(client) == []
    client.force_login(second)
    assert _codes(client) == [case.complaint.tracking_code]


def test_a_task_closed_behind_the_queues_back_is_never_listed(client, case):
    review_start(case.complaint)
    Task.objects.filter(owner_permission__gt="").update(status=STATUS.DONE)  # no post_save: the entry stays
    assert QueueEntry.objects.exists()
    client.force_login(case.coordinator)
    assert _codes(client) == []


def test_a_due_date_moved_by_a_bulk_update_reorders_the_queue(client, case):
    first, second = ComplaintFactory(school=case.school), ComplaintFactory(school=case.school)
    review_start(first)
    review_start(second)
    client.force_login(case.coordinator)
    assert _codes(client) == [first.tracking_code, second.tracking_code]
    TaskDue.objects.filter(task__process__complaintprocess__complaint=first).update(
        due_at=timezone.now() + datetime.timedelta(days=60)
    )
    assert _codes(client) == [second.tracking_code, first.tracking_code]
    assert _codes(client, "?sort=-due") == [first.tracking_code, second.tracking_code]


def test_a_route_changed_by_a_bulk_update_is_what_the_access_rules_read(client, case):
    case.take_to("triaged", route=Route.SCHOOL)
    client.force_login(case.principal)
    assert _codes(client) == [case.complaint.tracking_code]
    ComplaintProcess.objects.filter(complaint=case.complaint).update(route=Route.POLICE)
    assert _codes(client) == []  # a school review reaches the school only on the school routes


def test_the_repair_command_brings_back_a_task_missing_from_the_queue(client, case):
    review_start(case.complaint)
    QueueEntry.objects.all().delete()  # as after a raw load of tasks
    client.force_login(case.coordinator)
    assert _codes(client) == []
    out = io.StringIO()
    call_command("rebuild_queue_entries", stdout=out)
    assert "1 open task(s)" in out.getvalue()
    assert _codes(client) == [case.complaint.tracking_code]


def test_each_person_is_offered_exactly_the_tasks_their_rules_reach(case, monkeypatch):
    """The access rules leave out their parts that match nothing (grants the
    person does not hold, accounts.rules.any_of): the tasks offered are the same."""
    from accounts.rules import complaints as complaint_rules
    from workflows.review import queue

    other_school = SchoolFactory(district=case.school.district)
    for n, (school, route) in enumerate([(case.school, Route.BOTH), (other_school, Route.SCHOOL), (case.school, None)]):
        complaint = ComplaintFactory(school=school, officer=case.officer if n else None)
        review_start(complaint)
        if route:
            case.take_to("triaged", since="started", complaint=complaint, route=route)
    recused = member(Role.COORDINATOR, district=case.school.district)
    Recusal.objects.create(complaint=case.complaint, user=recused, reason="Family", recorded_by=case.coordinator)
    review_start(case.complaint)
    people = [case.coordinator, case.principal, case.reviewer, recused, member(Role.STUDENT)]
    offered = {person.pk: set(queue.open_tasks_for(person).values_list("pk", flat=True)) for person in people}
    for module in (complaint_rules, queue):  # every part kept, NOTHING included
        monkeypatch.setattr(module, "any_of", lambda parts: functools.reduce(operator.or_, parts, Q(pk__in=[])))
    assert offered == {person.pk: set(queue.open_tasks_for(person).values_list("pk", flat=True)) for person in people}
    assert offered[case.coordinator.pk] and offered[case.principal.pk] and offered[case.reviewer.pk]
    assert offered[case.coordinator.pk] - offered[recused.pk] and not offered[people[-1].pk]
