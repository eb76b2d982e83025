"""Anonymous means anonymous: with "do not contact me" nothing that identifies
the filer is kept, whatever the form held and whoever is signed in."""

import pytest

from complaints.models import Complaint
from complaints.services.intake import draft_save
from tests.complaints.helpers import file_complaint, school_with_officer, submit_directly
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EVERYTHING_TYPED = {
    "contact_preference": "none",
    "contact_name": "Ana Ruiz",
    "contact_email": "ana@example.org",
    "contact_phone": "555-0100",
    "involves_minor": "on",
    "guardian_contact": "Maria Ruiz, 555-0199",
}


def _identifying(complaint: Complaint) -> tuple:
    return (
        complaint.contact_name,
        complaint.contact_email,
        complaint.contact_phone,
        complaint.guardian_contact,
        complaint.submitted_by_id,
    )


def test_a_signed_in_filer_who_asks_not_to_be_contacted_leaves_no_name_phone_guardian_or_account(client):
    user = UserFactory(email="ana@example.org")
    client.force_login(user)
    school, _ = school_with_officer()
    file_complaint(client, school, contact=EVERYTHING_TYPED)
    complaint = Complaint.objects.get()
    assert _identifying(complaint) == ("", "", "", "", None)
    assert complaint.involves_minor  # not identifying, and reviewers need it
    assert complaint.tracking_code not in client.get("/complaints/mine/").content.decode()
    file_complaint(client, school, contact={**EVERYTHING_TYPED, "contact_preference": "phone"})
    contactable = Complaint.objects.exclude(pk=complaint.pk).get()
    assert _identifying(contactable) == ("Ana Ruiz", "ana@example.org", "555-0100", "Maria Ruiz, 555-0199", user.pk)


def test_the_filing_service_drops_identifying_details_of_an_anonymous_complaint(db):
    school, _ = school_with_officer()
    user = UserFactory()
    draft = draft_save(draft=None, step="about", raw={})
    complaint = submit_directly(
        draft,
        school,
        about={"kind": "concern", "filing_for_someone_else": True, "preferred_language": "es"},
        incident={"allegations": []},
        contact={**EVERYTHING_TYPED, "involves_minor": True},
        user=user,
    )
    complaint.refresh_from_db()
    assert _identifying(complaint) == ("", "", "", "", None)


def test_the_privacy_notice_says_exactly_what_an_anonymous_complaint_keeps(client):
    page = client.get("/complaints/new/").content.decode()
    assert "parent or guardian contact" in page and "link to your account" in page
    assert "What we keep" in page
