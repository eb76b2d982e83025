"""Walks the public intake form like a person would, through the test client."""

from django.core.management import call_command

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


def review_start_jobs_run():
    """Runs the queued jobs that start reviews (filing queues them), as the worker would."""
    call_command("db_worker", "--batch", "--queue-name", "default", verbosity=0)


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
