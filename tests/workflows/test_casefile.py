"""The printable case file: a PDF holding only what its reader's part in the review may see,
watermarked with who printed it and when, in the reader's language; every print audited."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from complaints.models import Audience
from core.models import AuditEvent, AuditKind
from tests.factories import AttachmentFactory, MessageFactory, member
from workflows.models import Route
from workflows.review import services
from workflows.review.casefile import casefile_html
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db

NOTES = {
    Audience.PUBLIC: "Public note: we are reviewing your complaint",
    Audience.CASE: "Case note: both reviews read this",
    Audience.SCHOOL: "School note: IEP meeting on file",
    Audience.POLICE: "Police note: body camera footage requested",
}
FILES = {
    Audience.CASE: "CaseSummary.pdf",
    Audience.SCHOOL: "SchoolRecords.pdf",
    Audience.POLICE: "BodycamRequest.pdf",
}


def _routed_case(case):
    family_file = AttachmentFactory(complaint=case.complaint, original_name="FamilyPhoto.pdf")
    review_start(case.complaint)
    services.triage_complete(
        task=services.open_task(case.complaint, "triage"),
        user=case.coordinator,
        route=Route.BOTH,
        emergency=False,
        explanation="",
        shared_files=[],
    )
    for audience, body in NOTES.items():
        MessageFactory(complaint=case.complaint, audience=audience, body=body)
    for audience, name in FILES.items():
        AttachmentFactory(complaint=case.complaint, original_name=name, from_complainant=False, audience=audience)
    return family_file


def _pdf_text(client, user, complaint) -> str:
    client.force_login(user)
    response = client.get(reverse("staff:reviews:casefile", args=[complaint.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize(
    ("who", "notes", "files"),
    [
        ("coordinator", set(NOTES), {*FILES, "family"}),
        ("principal", {Audience.PUBLIC, Audience.CASE, Audience.SCHOOL}, {Audience.CASE, Audience.SCHOOL, "family"}),
        ("reviewer", {Audience.PUBLIC, Audience.CASE, Audience.POLICE}, {Audience.CASE, Audience.POLICE}),
    ],
)
def test_each_reader_s_case_file_holds_only_their_audiences_notes_and_files(client, case, who, notes, files):
    _routed_case(case)
    text = _pdf_text(client, getattr(case, who), case.complaint)
    for audience, body in NOTES.items():
        assert (body in text) == (audience in notes), f"{who}: {body}"
    for audience, name in FILES.items():
        assert (name in text) == (audience in files), f"{who}: {name}"
    assert ("FamilyPhoto.pdf" in text) == ("family" in files)
    assert ("fam@example.org" in text) == (who != "reviewer")


def test_the_case_file_is_watermarked_with_who_printed_it_and_when(client, case):
    _routed_case(case)
    text = _pdf_text(client, case.principal, case.complaint)
    assert "Printed by" in text and case.principal.email in text
    assert "do not copy or pass on" in text


def test_the_case_file_is_in_the_reader_s_language(client, case):
    _routed_case(case)
    client.cookies["django_language"] = "es"
    text = _pdf_text(client, case.coordinator, case.complaint)
    assert "Expediente" in text and "Impreso por" in text
    with translation.override("es"):
        assert "Carta de resultado" in text


def test_the_case_file_shows_the_concerns_findings_and_the_timeline(client, case):
    _routed_case(case)
    services.review_complete(
        task=services.open_task(case.complaint, "school_review"),
        user=case.principal,
        review="school",
        findings={a.pk: ("sustained", "Retraining") for a in case.allegations},
    )
    text = _pdf_text(client, case.reviewer, case.complaint)
    assert "Search" in text and "Courtesy or conduct" in text
    # Reviews are blind: the police reviewer does not read the school's finding before their own.
    assert "Retraining" not in text
    assert "Step opened." in text
    coordinator_text = _pdf_text(client, case.coordinator, case.complaint)
    assert "Retraining" in coordinator_text and "Sustained" in coordinator_text


def test_every_print_is_in_the_audit_log(client, case):
    _routed_case(case)
    _pdf_text(client, case.reviewer, case.complaint)
    event = AuditEvent.objects.get(kind=AuditKind.CASEFILE_PRINTED)
    assert event.actor == case.reviewer and event.object_id == str(case.complaint.pk)


def test_people_outside_the_case_get_no_case_file(client, case):
    _routed_case(case)
    stranger = member("coordinator")
    client.force_login(stranger)
    assert client.get(reverse("staff:reviews:casefile", args=[case.complaint.pk])).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditKind.CASEFILE_PRINTED).exists()


def test_the_case_file_costs_the_same_queries_however_long_the_case(case):
    _routed_case(case)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            casefile_html(complaint=case.complaint, user=case.coordinator)
        return len(captured)

    few = queries()
    for n in range(10):
        MessageFactory(complaint=case.complaint, audience=Audience.CASE, author=case.principal, body=str(n))
        AttachmentFactory(complaint=case.complaint, original_name=f"f{n}.pdf", from_complainant=False, audience="case")
    assert queries() == few
