"""What a family types is evidence: it is stored exactly as typed, angle brackets and all, and every page escapes it."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Role
from complaints.models import Complaint, Message
from notifications.models import OutboundEmail
from notifications.rendering import render_email
from tests.complaints.helpers import file_complaint, school_with_officer
from tests.factories import member

pytestmark = pytest.mark.django_db

DESCRIPTION = "El agente me dijo <cállate> y luego <<empujó>> a mi hijo. Nota: a<b.\n<script>alert(1)</script>"
REPLY = "Línea uno: el agente dijo <cállate> a mi hijo.\nLínea dos: a<b y <script>alert(1)</script>"


def _shown_escaped(page: str, typed: str) -> None:
    for line in typed.splitlines():
        assert escape(line) in page, line
    assert "<script>alert" not in page
    assert "&amp;lt;" not in page  # escaped once, not twice


def _filed_and_replied(client) -> tuple[Complaint, str]:
    school, _ = school_with_officer()
    member(Role.COORDINATOR, district=school.district, email="coordinator@example.org")
    receipt = client.get(file_complaint(client, school, incident={"description": DESCRIPTION}).url)
    pin = re.search(r'id="tracking-pin">(\d{6})<', receipt.content.decode()).group(1)
    complaint = Complaint.objects.get()
    detail = client.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": pin}).url
    assert client.post(detail, {"body": REPLY}).status_code == 302
    return complaint, detail


def test_words_in_angle_brackets_are_kept_exactly_as_the_family_typed_them(client):
    complaint, _ = _filed_and_replied(client)
    assert complaint.description == DESCRIPTION
    assert Message.objects.get(complaint=complaint, from_complainant=True).body == REPLY


def test_the_tracking_page_shows_the_reply_as_typed_and_runs_no_script(client):
    _, detail = _filed_and_replied(client)
    _shown_escaped(client.get(detail).content.decode(), REPLY)


def test_the_staff_case_page_shows_the_description_and_the_reply_as_typed_and_runs_no_script(client):
    complaint, _ = _filed_and_replied(client)
    client.force_login(complaint.school.district.memberships.get(role=Role.COORDINATOR).user)
    page = client.get(reverse("staff:reviews:case", args=[complaint.pk])).content.decode()
    _shown_escaped(page, DESCRIPTION)
    _shown_escaped(page, REPLY)


def test_no_mail_carries_what_the_family_wrote(client):
    # The mails only point to the tracking page or the case: what was typed never travels by mail.
    _filed_and_replied(client)
    mails = OutboundEmail.objects.all()
    assert {m.template for m in mails} >= {"complaint_received", "complainant_replied"}
    for outbound in mails:
        subject, text, html = render_email(outbound)
        for body in (subject, text, html):
            assert "cállate" not in body and "alert(1)" not in body


def test_a_web_address_the_family_typed_opens_as_a_link_on_the_case_page_and_nothing_else_does(client):
    school, _ = school_with_officer()
    coordinator = member(Role.COORDINATOR, district=school.district, email="coordinator@example.org")
    typed = 'Video: https://example.org/v?a=1&b=2 and javascript:alert(1) <a href="https://evil.example">x</a>'
    file_complaint(client, school, incident={"description": typed})
    complaint = Complaint.objects.get()
    assert complaint.description == typed
    client.force_login(coordinator)
    page = client.get(reverse("staff:reviews:case", args=[complaint.pk])).content.decode()
    link = '<a href="https://example.org/v?a=1&amp;b=2" rel="nofollow noopener noreferrer">'
    assert link + "https://example.org/v?a=1&amp;b=2</a>" in page
    assert 'href="javascript' not in page and '<a href="https://evil.example">' not in page
    assert "&lt;a href=" in page  # the tag typed is shown as text
