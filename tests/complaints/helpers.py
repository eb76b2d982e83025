"""Walks the public intake form like a person would, through the test client (or files through the service)."""

import datetime

from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tests.factories import RosterAssignmentFactory, SchoolFactory

ABOUT = {"kind": "complaint", "filer_role": "student", "occurred_on": "2026-11-02", "preferred_language": "en"}
INCIDENT = {
    "officer": "unknown",
    "allegations": ["search", "conduct"],
    "description": "The officer searched my bag in the hallway.",
    "location": "Main hallway",
}
CONTACT = {"contact_preference": "email", "contact_email": "family@example.org", "contact_name": "Ana"}


def school_with_officer():
    school = SchoolFactory(name="Lincoln High")
    roster = RosterAssignmentFactory(
        school=school, officer__agency__district=school.district, officer__full_name="Morgan Reyes"
    )
    return school, roster.officer


START_JOB = "workflows.review.start_tasks.review_start_task"


def review_start_jobs_run() -> None:
    """Runs the queued jobs that start reviews (filing queues them) with the worker's own
    ``run_task``, in this process: the worker's loop closes connections between jobs,
    which would end the test's transaction on PostgreSQL."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    for job in DBTaskResult.objects.ready().filter(task_path=START_JOB):
        job.claim(worker.worker_id)
        worker.run_task(job)
        job.refresh_from_db()
        assert job.status == TaskResultStatus.SUCCESSFUL, job.traceback


def file_complaint(client, school, *, about=None, incident=None, contact=None, files=None, start_review=True):
    """Posts the three steps; returns the last response (a redirect to the receipt when all went well).
    With ``start_review`` the worker then runs the job that starts the complaint's review."""
    step1 = client.post("/complaints/new/", {**ABOUT, "school": school.pk, **(about or {})})
    assert step1.status_code == 302, step1.content.decode()[:2000]
    step2 = client.post(step1.url, {**INCIDENT, **(incident or {})})
    assert step2.status_code == 302, step2.content.decode()[:2000]
    step3 = client.post(step2.url, {**CONTACT, **(contact or {}), **({"attachments": files} if files else {})})
    if start_review:
        review_start_jobs_run()
    return step3


def submit_directly(draft, school, *, about=None, incident=None, contact=None, user=None):
    """Files ``draft`` through the filing service itself, with the values its forms would have accepted."""
    from complaints.services.intake import complaint_submit

    return complaint_submit(
        draft=draft,
        about={
            "kind": "complaint",
            "filer_role": "guardian",
            "filing_for_someone_else": False,
            "school": school,
            "occurred_on": datetime.date(2026, 11, 2),
            "preferred_language": "en",
            **(about or {}),
        },
        incident={
            "officer": None,
            "occurred_at_time": None,
            "location": "",
            "description": "Hallway",
            "witnesses": "",
            "desired_outcome": "",
            "allegations": ["search"],
            **(incident or {}),
        },
        contact={
            "contact_preference": "email",
            "contact_name": "Ana",
            "contact_email": "ana@example.org",
            "contact_phone": "",
            "involves_minor": False,
            "guardian_contact": "",
            **(contact or {}),
        },
        files=[],
        user=user,
    )
