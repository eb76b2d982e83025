"""Staff intake: a complaint received by phone, in person, by letter or email,
recorded by a coordinator or the school's administrator."""

import re

import pytest
from django.urls import reverse

from accounts.models import Role
from complaints.models import Complaint, ReceivedVia
from core.models import AuditEvent
from notifications.models import OutboundEmail
from tests.complaints.helpers import review_start_jobs_run
from tests.factories import SchoolFactory, member
from tests.workflows.conftest import Case
from workflows.review import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(db):
    return Case()


START = "staff:reviews:intake"


def _recorded(case):
    return Complaint.objects.exclude(pk=case.complaint.pk)


def _about(case, **overrides):
    data = {
        "received_via": "phone",
        "received_on": "2026-11-20",
        "kind": "complaint",
        "filer_role": "guardian",
        "school": case.school.pk,
        "occurred_on": "2026-11-18",
        "preferred_language": "es",
    }
    return data | overrides


def _details(case, **overrides):
    data = {
        "officer": str(case.officer.pk),
        "allegations": ["search"],
        "description": "The officer searched my son's bag in the hallway.",
        "contact_preference": "email",
        "contact_email": "madre@example.org",
        "contact_name": "Ana",
    }
    return data | overrides


def _record(client, case, about=None, details=None):
    response = client.post(reverse(START), about or _about(case))
    assert response.status_code == 302, response.content.decode()[:2000]
    details_url = response["Location"]
    return client.post(details_url, details or _details(case), follow=True)


def test_a_coordinator_records_a_phone_complaint_that_is_routed_like_an_online_one(client, case):
    client.force_login(case.coordinator)
    receipt = _record(client, case)
    complaint = _recorded(case).get()
    assert complaint.received_via == ReceivedVia.PHONE
    assert str(complaint.received_on) == "2026-11-20"
    assert complaint.recorded_by == case.coordinator
    assert complaint.submitted_by is None
    assert complaint.allegations.get().category == "search"
    review_start_jobs_run()
    assert services.open_task(complaint, "triage") is not None
    page = receipt.content.decode()
    assert complaint.tracking_code in page
    pin = re.search(r'id="tracking-pin">(\d+)<', page).group(1)
    mail = OutboundEmail.objects.get(template="complaint_received")
    assert mail.to_email == "madre@example.org" and mail.language == "es"
    assert AuditEvent.objects.filter(kind="complaint_recorded_by_staff", actor=case.coordinator).count() == 1
    # The PIN read out on the phone opens the tracking page.
    client.logout()
    track = client.post(reverse("complaints:track"), {"tracking_code": complaint.tracking_code, "pin": pin})
    assert track.status_code == 302


def test_the_pin_is_shown_once_then_never_again(client, case):
    client.force_login(case.coordinator)
    receipt = _record(client, case)
    assert 'id="tracking-pin"' in receipt.content.decode()
    client.post(receipt.redirect_chain[-1][0])
    again = client.get(receipt.redirect_chain[-1][0]).content.decode()
    assert 'id="tracking-pin"' not in again
    assert _recorded(case).get().tracking_code in again


def test_an_anonymous_letter_keeps_no_contact_details(client, case):
    client.force_login(case.principal)
    details = _details(case, contact_preference="none", contact_name="Ana", contact_email="madre@example.org")
    _record(client, case, about=_about(case, received_via="letter"), details=details)
    complaint = _recorded(case).get()
    assert complaint.is_anonymous and complaint.contact_name == "" and complaint.contact_email == ""
    assert complaint.received_via == ReceivedVia.LETTER and complaint.recorded_by == case.principal


def test_recording_the_same_form_twice_files_one_complaint(client, case):
    client.force_login(case.coordinator)
    details_url = client.post(reverse(START), _about(case))["Location"]
    client.post(details_url, _details(case))
    again = client.post(details_url, _details(case))
    assert again.status_code == 302 and again["Location"].endswith("/receipt/")
    assert _recorded(case).count() == 1


def test_a_school_administrator_may_record_only_for_their_own_school(client, case):
    other = SchoolFactory(district=case.school.district)
    client.force_login(case.principal)
    response = client.post(reverse(START), _about(case, school=other.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not _recorded(case).exists()


def test_bad_input_is_shown_next_to_the_field_and_kept(client, case):
    client.force_login(case.coordinator)
    response = client.post(reverse(START), _about(case, received_on="2999-01-01", received_via=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date cannot be in the future." in page and "This field is required." in page
    details_url = client.post(reverse(START), _about(case))["Location"]
    response = client.post(details_url, _details(case, description="", contact_email=""))
    page = response.content.decode()
    assert "Give an email address, or choose another way to be contacted." in page
    assert "The officer searched" not in page or 'value="madre' not in page
    assert not _recorded(case).exists()


def test_the_form_is_in_spanish_for_a_spanish_speaking_coordinator(client, case):
    client.force_login(case.coordinator)
    page = client.get(reverse(START), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Recibida por" in page


def test_police_reviewers_and_other_roles_never_see_the_intake_form(client, case):
    for person in (case.reviewer, member(Role.COORDINATOR)):
        client.force_login(person)
        if person == case.reviewer:
            assert client.get(reverse(START)).status_code == 404
    client.force_login(member(Role.COORDINATOR))
    response = client.post(reverse(START), _about(case))
    assert response.status_code == 200 and not _recorded(case).exists()
