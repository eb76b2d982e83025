"""What staff and complainants type on a case (notes, the outcome letter, a withdrawal reason) is kept as typed and
escaped wherever it is shown: the case page, the printable case file, the tracking page, the redacted export."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from complaints.models import OutcomeLetter
from tests.factories import TEST_PIN
from workflows.review.casefile import casefile_html
from workflows.review.redaction import redacted_document
from workflows.review.start import review_start
from workflows.review.withdrawal import complaint_withdraw

pytestmark = pytest.mark.django_db

NOTE = "Le dijimos <espere> y <<no>> respondió.\nRegla: a<b & c>d <script>alert(1)</script>"
LETTER = "Estimada familia:\n\nEl agente dijo <cállate>; eso no se repetirá. <script>alert(2)</script>"


def _shown_escaped(page: str, typed: str) -> None:
    for line in filter(None, typed.splitlines()):
        assert escape(line) in page, line
    assert "<script>alert" not in page and "&amp;lt;" not in page


def _letter_published(case) -> None:
    case.take_to("outcome_written", note=NOTE, letter=LETTER)


def test_a_public_note_and_the_outcome_letter_are_kept_exactly_as_typed(case):
    _letter_published(case)
    assert OutcomeLetter.objects.get(complaint=case.complaint).body == LETTER
    assert case.complaint.messages.get(kind="note").body == NOTE


def test_the_case_page_and_the_printable_case_file_show_notes_and_letter_as_typed(client, case):
    _letter_published(case)
    client.force_login(case.coordinator)
    page = client.get(reverse("staff:reviews:case", args=[case.complaint.pk])).content.decode()
    printable = casefile_html(complaint=case.complaint, user=case.coordinator)
    for shown in (page, printable):
        _shown_escaped(shown, NOTE)
        _shown_escaped(shown, LETTER)


def test_the_tracking_page_shows_the_public_note_and_the_letter_as_typed(client, case):
    _letter_published(case)
    url = client.post(reverse("complaints:track"), {"tracking_code": case.complaint.tracking_code, "pin": TEST_PIN}).url
    page = client.get(url).content.decode()
    _shown_escaped(page, NOTE)
    _shown_escaped(page, LETTER)


def test_the_redacted_export_keeps_words_in_angle_brackets(case):
    case.complaint.description = "Me dijo <cállate> y a<b."
    case.complaint.save()
    _letter_published(case)
    document = redacted_document(case.complaint, [])
    assert document["description"] == "Me dijo <cállate> y a<b."
    assert document["letter"] == LETTER
    assert NOTE in [text for _when, text in document["messages"]]


def test_the_withdrawal_reason_is_kept_as_typed_and_shown_escaped_to_the_school(client, case):
    review_start(case.complaint)
    complaint_withdraw(complaint=case.complaint, reason=f"  {NOTE}  ")
    assert case.complaint.messages.get(from_complainant=True).body == NOTE
    client.force_login(case.coordinator)
    _shown_escaped(client.get(reverse("staff:reviews:case", args=[case.complaint.pk])).content.decode(), NOTE)
