"""Signing up: seats, the waitlist, reserved seats, promotion, the private link."""

import datetime as dt

import pytest
from django.urls import reverse

from feedback.models import Registration, RegistrationStatus
from feedback.services.registrations import RegistrationClosed, registration_cancel, registration_create
from notifications.models import OutboundEmail
from tests.feedback.builders import build_session, person

pytestmark = pytest.mark.django_db


def sign_up(session, name="Ana", **fields):
    registration, token = registration_create(session=session, fields=person(name, **fields))
    return registration, token


def test_the_last_seat_is_confirmed_and_the_next_person_waits(world):
    session = build_session(world.a, [world.a_school], capacity=1)
    first, _ = sign_up(session, "Ana")
    second, _ = sign_up(session, "Ben")
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITLISTED
    assert session.seats_left == 0


def test_seats_reserved_for_a_group_go_only_to_that_group(world):
    session = build_session(
        world.a, [world.a_school], capacity=2, reserved_seats=1, reserved_group_en="Student Council"
    )
    outsider, _ = sign_up(session, "Ana")
    second_outsider, _ = sign_up(session, "Ben")
    member, _ = sign_up(session, "Cy", group="student council ")
    assert outsider.status == RegistrationStatus.CONFIRMED
    assert second_outsider.status == RegistrationStatus.WAITLISTED
    assert member.status == RegistrationStatus.CONFIRMED and member.reserved_seat


def test_cancelling_promotes_the_first_waiting_person_and_mails_them(world):
    session = build_session(world.a, [world.a_school], capacity=1)
    seated, _ = sign_up(session, "Ana")
    waiting, _ = sign_up(session, "Ben")
    later, _ = sign_up(session, "Cy")
    promoted = registration_cancel(registration=seated)
    assert [p.pk for p in promoted] == [waiting.pk]
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert later.status == RegistrationStatus.WAITLISTED
    mail = OutboundEmail.objects.get(template="session_promoted")
    assert mail.to_email == "ben@example.org"
    assert "BEGIN:VCALENDAR" in mail.context["ics"]


def test_confirmation_mail_carries_the_calendar_file_and_an_encrypted_private_link(world, session):
    registration, token = sign_up(session)
    mail = OutboundEmail.objects.get(template="session_registered", to_email="ana@example.org")
    assert "BEGIN:VEVENT" in mail.context["ics"]
    assert token not in str(mail.context["manage_path"])  # stored encrypted, like a PIN
    assert registration.manage_token_hash and token not in registration.manage_token_hash


def test_sign_up_is_refused_after_the_registration_window_closes(world):
    session = build_session(world.a, [world.a_school], registration_closes_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(RegistrationClosed):
        sign_up(session)


def test_signing_up_on_the_public_page_leads_to_the_private_link(client, session):
    data = {"name": "Ana", "email": "ana@example.org", "language": "es", "school": session.schools.first().pk}
    response = client.post(reverse("feedback:register", args=[session.pk]), data)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Ana" not in client.get(reverse("feedback:session", args=[session.pk])).content.decode()
    assert Registration.objects.get().language == "es"


def test_a_sign_up_without_email_or_phone_is_refused_next_to_the_field(client, session):
    response = client.post(reverse("feedback:register", args=[session.pk]), {"name": "Ana", "language": "en"})
    assert response.status_code == 200
    assert "Give an email address or a mobile number" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_not_registered(client, session):
    data = {"name": "Bot", "email": "bot@example.org", "language": "en", "website": "http://spam"}
    response = client.post(reverse("feedback:register", args=[session.pk]), data)
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_too_many_sign_ups_from_one_client_are_refused(client, session, settings):
    settings.SESSION_SIGNUPS_PER_HOUR = 2
    url = reverse("feedback:register", args=[session.pk])
    statuses = [
        client.post(url, {"name": f"P{i}", "email": f"p{i}@example.org", "language": "en"}).status_code
        for i in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Registration.objects.count() == 2


def test_the_private_link_cancels_and_frees_the_seat(client, world):
    session = build_session(world.a, [world.a_school], capacity=1)
    _registration, token = sign_up(session, "Ana")
    waiting, _ = sign_up(session, "Ben")
    response = client.post(reverse("feedback:manage", args=[token]), {"cancel": "1"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert client.get(reverse("feedback:manage", args=[token])).status_code == 404


def test_the_private_link_changes_contact_details(client, session):
    _registration, token = sign_up(session, "Ana")
    data = {"email": "", "phone": "555-0100", "language": "es", "needs": "Interpreter"}
    assert client.post(reverse("feedback:manage", args=[token]), data).status_code == 302
    changed = Registration.objects.get()
    assert (changed.email, changed.phone, changed.needs) == ("", "555-0100", "Interpreter")


def test_the_public_list_shows_seats_left_and_never_registrants(client, world):
    session = build_session(world.a, [world.a_school], capacity=3)
    sign_up(session, "Zelda")
    page = client.get(reverse("feedback:sessions"), {"school": world.a_school.pk}).content.decode()
    assert "Zelda" not in page and "zelda@example.org" not in page
    assert "<dd>2</dd>" in page


def test_the_public_list_filters_by_school(client, world):
    build_session(world.a, [world.a_school], title_en="At A High")
    build_session(world.a, [world.a_other_school], title_en="At A Middle")
    page = client.get(reverse("feedback:sessions"), {"school": world.a_other_school.pk}).content.decode()
    assert "At A Middle" in page and "At A High" not in page


def test_the_public_list_is_in_spanish_for_spanish_readers(client, world):
    build_session(world.a, [world.a_school])
    page = client.get(reverse("feedback:sessions"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Hablemos de seguridad" in page


def test_the_public_list_counts_seats_in_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(5):
        build_session(world.a, [world.a_school])
    with django_assert_max_num_queries(8):
        client.get(reverse("feedback:sessions"))


def test_the_private_page_of_a_full_session_shows_no_seats_left(client, world):
    session = build_session(world.a, [world.a_school], capacity=1)
    sign_up(session, "Ana")
    _waiting, token = sign_up(session, "Ben")
    page = client.get(reverse("feedback:manage", args=[token])).content.decode()
    assert "<dt>Seats left</dt><dd>0</dd>" in page


def test_signing_up_for_a_full_session_says_you_are_on_the_waitlist(client, world):
    session = build_session(world.a, [world.a_school], capacity=1)
    sign_up(session, "Ana")
    data = {"name": "Ben", "email": "ben@example.org", "language": "es", "school": world.a_school.pk}
    response = client.post(reverse("feedback:register", args=[session.pk]), data, follow=True)
    page = response.content.decode()
    assert "You are on the waitlist." in page and "You are signed up" not in page


def test_signing_up_for_a_free_seat_says_you_are_signed_up(client, session):
    data = {"name": "Ana", "email": "ana@example.org", "language": "en", "school": session.schools.first().pk}
    response = client.post(reverse("feedback:register", args=[session.pk]), data, follow=True)
    assert "You are signed up." in response.content.decode()


def test_a_mobile_number_without_digits_is_refused_next_to_the_field_and_kept(client, session):
    data = {"name": "Ana", "phone": "abc", "language": "es"}
    response = client.post(reverse("feedback:register", args=[session.pk]), data, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Escriba un número de teléfono válido" in page
    assert "Give an email address or a mobile number" not in page and "Escriba un correo electrónico o" not in page
    assert 'type="tel" name="phone" value="abc"' in page and 'autocomplete="tel"' in page
    assert not Registration.objects.exists()


def test_the_private_link_refuses_a_mobile_number_without_digits(client, session):
    _registration, token = sign_up(session, "Ana")
    data = {"email": "", "phone": "12", "language": "en", "needs": ""}
    response = client.post(reverse("feedback:manage", args=[token]), data)
    assert response.status_code == 200 and "Enter a valid phone number" in response.content.decode()
    assert Registration.objects.get().phone != "12"
