"""Recipients choose their optional mail; coordinators see what could not be delivered."""

import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.crypto import encrypt
from notifications.catalogue import CATALOGUE
from notifications.links import unsubscribe_url
from notifications.models import AddressProblem, OutboundEmail, OutboundStatus
from notifications.rendering import render_email
from notifications.services import email_enqueue
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

SAMPLE = {
    "tracking_code": "CG-7KQ4-M2XD",
    "pin": "",
    "school_name": "Lincoln High",
    "track_path": "/t/",
    "access_path": encrypt("/s/"),  # stored encrypted, as the code it holds
    "case_path": "/c/",
    "queue_path": "/q/",
    # The monthly review (workflows/monthly/summary.py).
    "review_path": "/r/",
    "month": "October 2026",
    "officers": [{"name": "Morgan Reyes", "types": [["Search", 2]], "offences": [], "outreach": [], "events": 2}],
    "step": "triage",
    "due": "2026-12-01",
    "open_tasks": 3,
    "overdue_tasks": 1,
    # Early warning (workflows/review/officers.py).
    "agency_name": "Riverside Police",
    "officer_path": "/staff/officers/1/",
    # Dialogue sessions (feedback.services.mail); the private links are secret keys, left out here.
    "name": "Ana",
    "status": "confirmed",
    "session_title": "Talking about safety",
    "session_date": "December 3, 2026",
    "session_time": "5:00 p.m.–6:00 p.m.",
    "session_place": "Library",
    "session_path": "/sessions/1/",
    "hours": 2,
    "en": {"session_title": "Talking about safety"},
    "es": {"session_title": "Hablemos de seguridad"},
    # The annual assessment (assessment.services.annual_mail).
    "year": "2025–26",
    "assessment_path": "/staff/assessment/annual/1/",
}


@pytest.mark.parametrize("template", list(CATALOGUE))
def test_every_mail_renders_in_english_and_spanish_with_absolute_links(template):
    english = render_email(OutboundEmail(template=template, language="en", context=SAMPLE))
    spanish = render_email(OutboundEmail(template=template, language="es", context=SAMPLE))
    for subject, text, html in (english, spanish):
        assert subject and "\n" not in subject
        assert "http://127.0.0.1:8000/" in text and 'href="http://127.0.0.1:8000/' in html
    assert english[0] != spanish[0] and english[1] != spanish[1]


def _enqueue(template, to, key):
    with transaction.atomic():
        return email_enqueue(template=template, to=to, language="en", context=SAMPLE, key=key)


def test_a_signed_in_person_turns_off_an_optional_mail_but_still_gets_essential_ones(client):
    user = UserFactory(email="parent@example.org")
    client.force_login(user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Status of my complaint changed" in page and "Receipt for a complaint" not in page
    client.post(reverse("notifications:preferences"), {"wanted": ["public_message"]})
    assert _enqueue("status_changed", user.email, "a").status == OutboundStatus.SUPPRESSED
    assert _enqueue("public_message", user.email, "b").status == OutboundStatus.QUEUED
    assert _enqueue("outcome_ready", user.email, "c").status == OutboundStatus.QUEUED


def test_an_unsubscribe_link_works_without_an_account_and_without_javascript(client):
    link = unsubscribe_url("family@example.org", "status_changed").replace("http://127.0.0.1:8000", "")
    assert "Stop sending this kind of email to family@example.org?" in client.get(link).content.decode()
    assert _enqueue("status_changed", "family@example.org", "before").status == OutboundStatus.QUEUED
    client.post(link)
    assert _enqueue("status_changed", "family@example.org", "after").status == OutboundStatus.SUPPRESSED


def test_a_tampered_unsubscribe_link_is_404_and_essential_mail_cannot_be_turned_off(client):
    link = unsubscribe_url("family@example.org", "status_changed").replace("http://127.0.0.1:8000", "")
    assert client.get(re.sub(r"/unsubscribe/.", "/unsubscribe/x", link)).status_code == 404
    essential = unsubscribe_url("family@example.org", "outcome_ready").replace("http://127.0.0.1:8000", "")
    assert client.get(essential).status_code == 404


def test_the_coordinator_sees_failed_mail_and_bouncing_addresses_of_their_district_only(client):
    coordinator = member(Role.COORDINATOR)
    district = coordinator.memberships.get().district
    OutboundEmail.objects.create(
        key="x1",
        template="outcome_ready",
        to_email="gone@example.org",
        status=OutboundStatus.FAILED,
        last_error="BadRequestsError",
        district=district,
    )
    OutboundEmail.objects.create(
        key="x2",
        template="outcome_ready",
        to_email="elsewhere@example.org",
        status=OutboundStatus.FAILED,
        last_error="BadRequestsError",
    )
    AddressProblem.objects.create(email="gone@example.org", event="bounce", since=timezone.now())
    client.force_login(coordinator)
    page = client.get(reverse("staff:delivery:index")).content.decode()
    assert "gone@example.org" in page and "bounce" in page
    assert "elsewhere@example.org" not in page


def test_other_staff_do_not_get_the_delivery_page(client):
    client.force_login(member(Role.ADVISORY))
    assert client.get(reverse("staff:delivery:index")).status_code in (403, 404)
