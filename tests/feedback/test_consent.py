"""Guardian consent: the seat is held, the guardian's link confirms it, a lapsed hold goes to the waitlist."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.crypto import decrypt
from feedback.models import ConsentMethod, RegistrationStatus
from feedback.services.registrations import consent_holds_release, registration_create
from notifications.models import OutboundEmail
from notifications.rendering import render_email
from tests.feedback.builders import build_session, person

pytestmark = pytest.mark.django_db

MINOR = {"is_minor": True, "guardian_name": "Rosa", "guardian_email": "rosa@example.org"}


@pytest.fixture
def consent_session(world):
    return build_session(world.a, [world.a_school], capacity=1, consent_required=True, consent_hold_days=3)


def consent_link(registration) -> str:
    mail = OutboundEmail.objects.get(template="session_consent_request", to_email="rosa@example.org")
    return decrypt(mail.context["consent_path"])


def test_a_minors_seat_is_held_and_the_guardian_gets_a_bilingual_consent_link(consent_session):
    registration, _ = registration_create(session=consent_session, fields=person("Ana", **MINOR))
    assert registration.status == RegistrationStatus.PENDING_CONSENT
    mail = OutboundEmail.objects.get(template="session_consent_request")
    _subject, text, _html = render_email(mail)
    assert "needs your consent" in text
    assert "Hablemos de seguridad" in text and "necesita su consentimiento" in text  # the Spanish half, in Spanish


def test_the_guardian_agreeing_confirms_the_seat(client, consent_session):
    registration, _ = registration_create(session=consent_session, fields=person("Ana", **MINOR))
    link = consent_link(registration)
    assert client.get(link).status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING_CONSENT  # opening the link changes nothing
    assert client.post(link).status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.consent_method == ConsentMethod.LINK
    assert client.post(link).status_code == 404  # used once


def test_a_lapsed_hold_releases_the_seat_to_the_next_person_waiting(consent_session):
    minor, _ = registration_create(session=consent_session, fields=person("Ana", **MINOR))
    waiting, _ = registration_create(session=consent_session, fields=person("Ben"))
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert consent_holds_release(now=timezone.now() + dt.timedelta(days=2)) == 0
    assert consent_holds_release(now=timezone.now() + dt.timedelta(days=3, minutes=1)) == 1
    minor.refresh_from_db()
    waiting.refresh_from_db()
    assert minor.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert OutboundEmail.objects.filter(template="session_consent_expired", to_email="ana@example.org").exists()
    assert consent_holds_release(now=timezone.now() + dt.timedelta(days=4)) == 0


def test_a_lapsed_consent_link_no_longer_confirms(client, consent_session):
    registration, _ = registration_create(session=consent_session, fields=person("Ana", **MINOR))
    link = consent_link(registration)
    consent_holds_release(now=timezone.now() + dt.timedelta(days=4))
    assert client.post(link).status_code == 404


def test_a_minor_without_a_guardian_is_refused_next_to_the_field(client, consent_session):
    data = {"name": "Ana", "email": "ana@example.org", "language": "en", "is_minor": "on"}
    response = client.post(reverse("feedback:register", args=[consent_session.pk]), data)
    assert response.status_code == 200
    assert "Give your guardian" in response.content.decode()


def test_a_minor_giving_their_own_address_as_the_guardians_is_refused_next_to_the_field(client, consent_session):
    data = {"name": "Luis", "email": "luis@example.org", "language": "es", "is_minor": "on", "guardian_name": "Rosa"}
    response = client.post(
        reverse("feedback:register", args=[consent_session.pk]),
        {**data, "guardian_email": "Luis@Example.org"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "no el suyo" in page and 'value="Luis@Example.org"' in page
    assert not OutboundEmail.objects.filter(template="session_consent_request").exists()
