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
    case.take_to("triaged", route=Route.BOTH)
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


def _pdf_pages(client, user, complaint, language="en"):
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(reverse("staff:reviews:casefile", args=[complaint.pk]))
    assert response.status_code == 200
    return PdfReader(io.BytesIO(response.content)).pages


def _lines(pages) -> list[str]:
    """The PDF's text as it is laid out on paper, one printed line each."""
    return [
        " ".join(line.split()) for page in pages for line in page.extract_text(extraction_mode="layout").splitlines()
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_fact_in_the_case_file_is_printed_on_the_line_of_its_label(client, case, language):
    _routed_case(case)
    case.complaint.location = "Cafeteria line"
    case.complaint.save(update_fields=["location"])
    english = {"Where": "Cafeteria line", "Officer": str(case.officer), "Contact": "fam@example.org"}
    with translation.override(language):
        facts = {translation.gettext(label): value for label, value in english.items()}
    lines = _lines(_pdf_pages(client, case.coordinator, case.complaint, language))
    for label, value in facts.items():
        line = next(line for line in lines if line.startswith(label + " "))
        assert value in line, f"{label!r} printed as {line!r}"


def test_a_long_unbroken_string_in_the_case_file_stays_on_the_page_and_keeps_every_column(client, case):
    _routed_case(case)
    address = "https://example.org/" + "x" * 1_980  # as long as a finding's actions may be
    services.review_complete(
        task=services.open_task(case.complaint, "school_review"),
        user=case.principal,
        review="school",
        findings={a.pk: ("sustained", address) for a in case.allegations},
    )
    pages = _pdf_pages(client, case.coordinator, case.complaint)
    right_edges = []

    def note(text, cm, tm, font, size):
        if text.strip():
            right_edges.append((text, tm[4] * cm[0] + cm[4]))

    for page in pages:
        page.extract_text(visitor_text=note)
    width = float(pages[0].mediabox.width)
    assert all(x < width for _, x in right_edges), max(right_edges, key=lambda e: e[1])
    assert "Final finding" in " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_case_file_holds_the_appeal_s_reason_and_decision(client, case):
    _routed_case(case)
    case.take_to("outcome_written", since="triaged", route=Route.BOTH, police_finding="unfounded")
    services.appeal_file(complaint=case.complaint, reason="Nobody talked to the students who saw it.")
    text = _pdf_text(client, case.coordinator, case.complaint)
    assert text.count("Nobody talked to the students who saw it.") == 2  # the appeal, and the timeline
    assert "Not decided yet." in text
    services.appeal_decide(
        task=services.open_task(case.complaint, "appeal_review"), user=case.coordinator, decision="Upheld after review."
    )
    text = _pdf_text(client, case.principal, case.complaint)
    assert "Nobody talked to the students who saw it." in text and "Upheld after review." in text
    # The police review reads the decision (sent to the complainant), not what the complainant wrote.
    text = _pdf_text(client, case.reviewer, case.complaint)
    assert "Nobody talked to the students who saw it." not in text and "Upheld after review." in text
