"""The redacted export for a public records request: names, contact details, student numbers and names in the
free text become role labels; the coordinator reviews every redaction on screen before downloading; audited."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from complaints.models import Audience
from core.models import AuditEvent, AuditKind
from tests.factories import MessageFactory
from workflows.review.redaction import redact, redactions_propose

pytestmark = pytest.mark.django_db


def _fill(case):
    complaint = case.complaint
    complaint.contact_name = "Ana Torres"
    complaint.contact_phone = "555-201-3344"
    complaint.witnesses = "Luis Ortega, Kim Park"
    complaint.guardian_contact = "Rosa Torres"
    # A fixed name (the factory draws one, sometimes "Dr. ... MD"); its first name is also a month.
    case.officer.full_name = "April Reyes"
    case.officer.save()
    complaint.description = (
        "Yesterday Officer Reyes pushed Ana Torres in the hall. Student ID 4481207 was written on the "
        "citation. Her friend Maya Brooks saw it; call ana.t@example.org."
    )
    complaint.save()
    MessageFactory(complaint=complaint, audience=Audience.SCHOOL, body="Internal: mother is upset")
    MessageFactory(complaint=complaint, audience=Audience.PUBLIC, body="Thank you, Ana Torres.")
    return complaint


def _url(case):
    return reverse("staff:reviews:redaction", args=[case.complaint.pk])


def test_names_contacts_and_student_numbers_are_proposed_with_role_labels(case):
    complaint = _fill(case)
    plan = {r.term: r.label for r in redactions_propose(complaint=complaint)}
    assert plan["Ana Torres"] == "Student 1"
    assert plan["555-201-3344"] == "Phone"
    assert plan["Luis Ortega"] == "Witness 1" and plan["Kim Park"] == "Witness 2"
    assert plan[case.officer.full_name] == "Officer"
    assert plan["4481207"] == "Student ID"
    assert plan["ana.t@example.org"] == "Email"
    assert plan["Maya Brooks"].startswith("Person")
    assert "Lincoln High" not in plan


def test_a_person_named_by_one_part_of_their_name_is_redacted_too(case):
    complaint = _fill(case)
    plan = redactions_propose(complaint=complaint)
    # "April" is also a month, and still a name as part of a known person's name.
    text = redact("I called Ms. Torres; Ana agrees. Officer Reyes and April did not answer; Ortega saw it.", plan)
    assert text == (
        "I called Ms. [Student 1]; [Student 1] agrees. Officer [Officer] and [Officer] did not answer; "
        "[Witness 1] saw it."
    )


def test_the_redacted_text_keeps_no_name_whatever_its_case(case):
    complaint = _fill(case)
    plan = redactions_propose(complaint=complaint, extra=[("hall", "Place")])
    text = redact("ANA TORRES met maya brooks in the hall; call 555-201-3344", plan)
    assert text == "[Student 1] met [Person 1] in the [Place]; call [Phone]"


def test_the_coordinator_reviews_each_redaction_on_screen_and_adds_terms(client, case):
    _fill(case)
    client.force_login(case.coordinator)
    page = client.get(_url(case)).content.decode()
    assert "Ana Torres" in page and "[Student 1]" in page and "Download the redacted export" in page
    page = client.post(_url(case), {"extra": "citation => Document", "preview": "1"}).content.decode()
    assert "Added by the coordinator" in page and "[Document]" in page
    assert not AuditEvent.objects.filter(kind=AuditKind.REDACTED_EXPORTED).exists()


def test_the_download_holds_labels_and_public_text_only_and_is_audited(client, case):
    _fill(case)
    client.force_login(case.coordinator)
    response = client.post(_url(case), {"extra": "Brooks", "download": "1"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for secret in ("Ana Torres", "Torres", "555-201-3344", "4481207", "ana.t@example.org", "Maya", "mother is upset"):
        assert secret not in text
    assert "[Student 1]" in text and "[Officer]" in text
    event = AuditEvent.objects.get(kind=AuditKind.REDACTED_EXPORTED)
    assert event.actor == case.coordinator and "Torres" not in event.note


def test_a_too_short_term_is_refused_next_to_the_field(client, case):
    _fill(case)
    client.force_login(case.coordinator)
    response = client.post(_url(case), {"extra": "x", "download": "1"})
    assert response.status_code == 200 and "at least two letters" in response.content.decode()


@pytest.mark.parametrize("who", ["principal", "reviewer"])
def test_only_the_coordinator_makes_a_redacted_export(client, case, who):
    from workflows.models import Route

    case.take_to("triaged", route=Route.BOTH)
    client.force_login(getattr(case, who))
    assert client.get(_url(case)).status_code == 404
    assert client.post(_url(case), {"download": "1"}).status_code == 404
