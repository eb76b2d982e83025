"""The queue filtered by a concern lists exactly the open tasks whose complaint
has an allegation of that concern, to exactly the people who may work them, in
order, whatever changed the tasks, their due dates, routes and schools or the
allegations: the entries' concern rows (workflows.QueueEntryConcern, a copy of
each entry per concern) are kept by the database, so bulk writes and raw SQL are
seen too."""

import datetime
import html
import importlib
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import workflows.migrations
from accounts.models import Role
from complaints.models import Allegation
from tests.factories import AllegationFactory, ComplaintFactory, SchoolFactory, member
from workflows.models import ComplaintProcess, QueueEntry, QueueEntryConcern, Route, TaskDue
from workflows.review import services
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db

QUEUE = "/staff/reviews/"


def _codes(client, query: str) -> list[str]:
    return re.findall(r">(CG-[A-Z0-9-]+)</a>", client.get(QUEUE + query).content.decode())


# Every column of a concern row but its own id and concern is a copy of its entry's.
_FACTS = [f.attname for f in QueueEntryConcern._meta.concrete_fields if f.attname not in {"id", "category"}]


def _kept() -> set[tuple]:
    return set(QueueEntryConcern.objects.values_list("category", *_FACTS))


def _expected() -> set[tuple]:
    """One row per open task's entry and concern of its complaint, with every column of the entry."""
    return {
        (category, *facts.values())
        for facts in QueueEntry.objects.values(*_FACTS)
        for category in Allegation.objects.filter(complaint_id=facts["complaint_id"]).values_list("category", flat=True)
    }


def _triage(case, complaint, route):
    case.take_to("triaged", since="started", complaint=complaint, route=route)


def test_a_concern_added_after_the_review_started_lists_the_task_under_it(client, case):
    review_start(case.complaint)  # its concerns: search and conduct
    client.force_login(case.coordinator)
    assert _codes(client, "?category=force") == []
    AllegationFactory(complaint=case.complaint, category="force")
    assert _codes(client, "?category=force") == [case.complaint.tracking_code]
    assert _codes(client, "?category=search") == [case.complaint.tracking_code]
    assert _kept() == _expected() and len(_kept()) == 3


def test_a_step_that_opens_later_is_listed_under_the_complaints_concerns(client, case):
    review_start(case.complaint)
    _triage(case, case.complaint, Route.BOTH)
    client.force_login(case.principal)
    assert _codes(client, "?category=conduct&step=school_review") == [case.complaint.tracking_code]
    client.force_login(case.reviewer)
    assert _codes(client, "?category=search&step=police_review") == [case.complaint.tracking_code]
    assert _kept() == _expected() and len(_kept()) == 4


def test_a_task_done_takes_its_concerns_with_it(client, case):
    review_start(case.complaint)
    triage = services.open_task(case.complaint, "triage")
    _triage(case, case.complaint, Route.SCHOOL)
    assert not QueueEntryConcern.objects.filter(task_id=triage.pk).exists()
    client.force_login(case.coordinator)
    assert _codes(client, "?category=search&step=triage") == []
    assert _kept() == _expected()


def test_a_corrected_or_withdrawn_concern_moves_the_task(client, case):
    review_start(case.complaint)
    client.force_login(case.coordinator)
    Allegation.objects.filter(complaint=case.complaint, category="conduct").update(category="bias")  # no signals
    assert _codes(client, "?category=conduct") == []
    assert _codes(client, "?category=bias") == [case.complaint.tracking_code]
    Allegation.objects.filter(complaint=case.complaint, category="search").delete()
    assert _codes(client, "?category=search") == []
    assert _codes(client, "?category=bias") == [case.complaint.tracking_code]
    assert _kept() == _expected() and len(_kept()) == 1


def test_a_complaint_moved_to_another_school_moves_its_tasks_under_a_concern_to_that_schools_admin(client, case):
    review_start(case.complaint)
    _triage(case, case.complaint, Route.SCHOOL)
    other = SchoolFactory(district=case.school.district, name="Jefferson Middle")
    other_admin = member(Role.SCHOOL_ADMIN, school=other)
    client.force_login(case.principal)
    assert _codes(client, "?category=search") == [case.complaint.tracking_code]
    case.complaint.school = other
    case.complaint.save()
    assert _codes(client, "?category=search") == []
    assert client.get(f"{QUEUE}?category=search").context["page"].total == 0
    client.force_login(other_admin)
    assert _codes(client, "?category=search") == [case.complaint.tracking_code]
    assert _kept() == _expected() and len(_kept()) == 2


def test_a_route_changed_by_a_bulk_update_takes_the_school_review_out_of_the_schools_concern_queue(client, case):
    review_start(case.complaint)
    _triage(case, case.complaint, Route.SCHOOL)
    client.force_login(case.principal)
    assert _codes(client, "?category=search&step=school_review") == [case.complaint.tracking_code]
    ComplaintProcess.objects.filter(complaint=case.complaint).update(route=Route.POLICE)  # no signals
    assert _codes(client, "?category=search") == []  # the school review is no longer the school's to work
    assert _kept() == _expected()


def test_a_due_date_moved_by_a_bulk_update_reorders_a_concerns_page(client, case):
    first, second = ComplaintFactory(school=case.school), ComplaintFactory(school=case.school)
    for complaint in (first, second):
        AllegationFactory(complaint=complaint, category="arrest")
        review_start(complaint)
    client.force_login(case.coordinator)
    assert _codes(client, "?category=arrest") == [first.tracking_code, second.tracking_code]
    TaskDue.objects.filter(task__process__complaintprocess__complaint=first).update(
        due_at=timezone.now() + datetime.timedelta(days=60)
    )
    assert _codes(client, "?category=arrest") == [second.tracking_code, first.tracking_code]
    assert _codes(client, "?category=arrest&sort=-due") == [first.tracking_code, second.tracking_code]
    assert _kept() == _expected()


def _next(page: str, rel: str) -> str | None:
    match = re.search(rf'<a href="([^"]+)" rel="{rel}">', page)
    return QUEUE + html.unescape(match.group(1)) if match else None


@pytest.mark.parametrize("sort", ["due", "-due", "created"])
def test_paging_through_a_concern_shows_each_of_its_tasks_once_in_order(client, case, sort):
    complaints = [ComplaintFactory(school=case.school, tracking_code=f"CG-CON{n:03d}") for n in range(30)]
    for n, complaint in enumerate(complaints):
        AllegationFactory(complaint=complaint, category="citation" if n % 3 else "other")
        review_start(complaint)
        TaskDue.objects.filter(task__process__complaintprocess__complaint=complaint).update(
            due_at=timezone.now() + datetime.timedelta(days=n // 2)
        )
    client.force_login(case.coordinator)
    seen, pages, url = [], [], f"{QUEUE}?category=citation&sort={sort}"
    while url:
        page = client.get(url).content.decode()
        pages.append(re.findall(r">(CG-[A-Z0-9-]+)</a>", page))
        seen += pages[-1]
        url = _next(page, "next")
    expected = [c.tracking_code for n, c in enumerate(complaints) if n % 3]
    assert sorted(seen) == sorted(expected) and len(seen) == 20 and len(pages) == 1
    # Two pages when more than 25 match: the second page's Previous link gives back the first.
    more = [ComplaintFactory(school=case.school, tracking_code=f"CG-MOR{n:03d}") for n in range(10)]
    for complaint in more:
        AllegationFactory(complaint=complaint, category="citation")
        review_start(complaint)
    first = client.get(f"{QUEUE}?category=citation&sort={sort}").content.decode()
    second = client.get(_next(first, "next")).content.decode()
    both = re.findall(r">(CG-[A-Z0-9-]+)</a>", first) + re.findall(r">(CG-[A-Z0-9-]+)</a>", second)
    assert len(both) == 30 and set(both) == set(expected) | {c.tracking_code for c in more}
    back = client.get(_next(second, "prev")).content.decode()
    assert re.findall(r">(CG-[A-Z0-9-]+)</a>", back) == re.findall(r">(CG-[A-Z0-9-]+)</a>", first)


def test_the_repair_command_and_the_migration_rebuild_the_concerns(client, case):
    review_start(case.complaint)
    _triage(case, case.complaint, Route.BOTH)
    expected = _expected()
    QueueEntryConcern.objects.all().delete()
    call_command("rebuild_queue_entries", stdout=None)
    assert _kept() == expected
    QueueEntryConcern.objects.all().delete()
    # The migration that adds the concern rows, whatever its number after a merge.
    (path,) = Path(workflows.migrations.__file__).parent.glob("*_queue_concern_rows_copy_entries.py")
    migration = importlib.import_module(f"workflows.migrations.{path.stem}")
    with connection.cursor() as cursor:
        cursor.execute(migration.BACKFILL)
    assert _kept() == expected


def test_complaints_filed_online_and_recorded_by_staff_are_listed_under_their_concerns(client, case):
    from complaints.models import Complaint
    from complaints.services.intake import draft_save
    from complaints.services.staff_intake import staff_complaint_record
    from tests.complaints.helpers import file_complaint, review_start_jobs_run

    file_complaint(client, case.school, incident={"allegations": ["search", "force"]})  # starts its review
    online = Complaint.objects.latest("pk")
    day = datetime.date(2026, 11, 2)
    about = {"kind": "complaint", "filer_role": "guardian", "filing_for_someone_else": False, "school": case.school}
    about |= {"occurred_on": day, "preferred_language": "en", "received_via": "phone", "received_on": day}
    raw = {k: [str(v.pk if hasattr(v, "pk") else v)] for k, v in about.items()}
    incident = {"officer": None, "occurred_at_time": None, "location": "", "description": "Heard by phone"}
    incident |= {"witnesses": "", "desired_outcome": "", "allegations": ["force", "bias"]}
    contact = {"contact_preference": "none", "contact_name": "", "contact_email": "", "contact_phone": ""}
    contact |= {"involves_minor": False, "guardian_contact": ""}
    draft = draft_save(draft=None, step="about", raw=raw)
    by_phone = staff_complaint_record(
        actor=case.coordinator, draft=draft, about=about, incident=incident, contact=contact, session_key=""
    )
    review_start_jobs_run()
    client.force_login(case.coordinator)
    assert _codes(client, "?category=search") == [online.tracking_code]
    assert sorted(_codes(client, "?category=force")) == sorted([online.tracking_code, by_phone.tracking_code])
    assert _codes(client, "?category=bias") == [by_phone.tracking_code]
    assert _kept() == _expected()
