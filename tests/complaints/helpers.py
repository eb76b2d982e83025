"""Walks the public intake form like a person would, through the test client."""

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


def file_complaint(client, school, *, about=None, incident=None, contact=None, files=None):
    """Posts the three steps; returns the last response (a redirect to the receipt when all went well)."""
    step1 = client.post("/complaints/new/", {**ABOUT, "school": school.pk, **(about or {})})
    assert step1.status_code == 302, step1.content.decode()[:2000]
    step2 = client.post(step1.url, {**INCIDENT, **(incident or {})})
    assert step2.status_code == 302, step2.content.decode()[:2000]
    return client.post(step2.url, {**CONTACT, **(contact or {}), **({"attachments": files} if files else {})})
