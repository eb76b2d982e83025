"""A session's texts in the reader's language: place, audience, who attends, the reserved group, languages and
the accessibility note are written in English and Spanish and shown like the title (English when the Spanish is
blank) on the public pages, the private page, the mails and the calendar file."""

import importlib

import icalendar
import pytest
from django.urls import reverse

from feedback.models import RegistrationStatus, Session
from feedback.services.registrations import registration_create
from notifications.models import OutboundEmail
from notifications.rendering import render_email
from tests.feedback.builders import build_session, person

pytestmark = pytest.mark.django_db

TEXTS = {
    "place": ("Library, room 2", "Biblioteca, sala 2"),
    "audience": ("Any student", "Cualquier estudiante"),
    "school_attendees": ("The principal", "La directora"),
    "police_attendees": ("Officer Reyes", "La agente Reyes"),
    "reserved_group": ("chess club", "club de ajedrez"),
    "languages": ("English, Spanish", "Inglés, español"),
    "accessibility_note": ("Step-free entrance on Oak Street.", "Entrada sin escalones por la calle Oak."),
}
ENGLISH = {f"{name}_en": en for name, (en, _es) in TEXTS.items()}
SPANISH = {f"{name}_es": es for name, (_en, es) in TEXTS.items()}


def bilingual_session(world, **fields):
    return build_session(world.a, [world.a_school], **{"reserved_seats": 2, **ENGLISH, **SPANISH, **fields})


def test_the_spanish_session_page_shows_each_text_in_spanish(client, world):
    session = bilingual_session(world)
    page = client.get(reverse("feedback:session", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for name, (english, spanish) in TEXTS.items():
        assert spanish in page, name
        assert english not in page, name


def test_the_english_session_page_shows_each_text_in_english(client, world):
    session = bilingual_session(world)
    page = client.get(reverse("feedback:session", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for name, (english, spanish) in TEXTS.items():
        assert english in page and spanish not in page, name


def test_a_text_left_blank_in_spanish_shows_in_english_on_the_spanish_pages(client, world):
    session = bilingual_session(world, **dict.fromkeys(SPANISH, ""))
    detail = client.get(reverse("feedback:session", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    listed = client.get(reverse("feedback:sessions"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for name, (english, _spanish) in TEXTS.items():
        assert english in detail, name
    assert ENGLISH["place_en"] in listed and ENGLISH["accessibility_note_en"] in listed


def test_the_spanish_list_and_private_page_show_the_place_and_accessibility_in_spanish(client, world):
    session = bilingual_session(world)
    _registration, token = registration_create(session=session, fields=person("Ana", language="es"))
    for url in (reverse("feedback:sessions"), reverse("feedback:manage", args=[token])):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
        assert SPANISH["place_es"] in page and SPANISH["accessibility_note_es"] in page
        assert ENGLISH["place_en"] not in page and ENGLISH["accessibility_note_en"] not in page


def test_a_spanish_registrant_s_mail_and_calendar_file_give_the_place_in_spanish(world):
    session = bilingual_session(world)
    registration_create(session=session, fields=person("Ana", language="es"))
    registration_create(session=session, fields=person("Ben", language="en"))
    spanish = OutboundEmail.objects.get(template="session_registered", to_email="ana@example.org")
    english = OutboundEmail.objects.get(template="session_registered", to_email="ben@example.org")
    for outbound, place, other in ((spanish, "Biblioteca, sala 2", "Library"), (english, "Library, room 2", "Biblio")):
        _subject, text, html = render_email(outbound)
        assert place in text and place in html and other not in text
        event = icalendar.Calendar.from_ical(outbound.context["ics"]).events[0]
        assert str(event["LOCATION"]) == place


def test_a_spanish_registrant_s_mail_gives_the_english_place_when_the_spanish_is_blank(world):
    session = bilingual_session(world, place_es="")
    registration_create(session=session, fields=person("Ana", language="es"))
    outbound = OutboundEmail.objects.get(template="session_registered")
    assert "Library, room 2" in render_email(outbound)[1]
    assert str(icalendar.Calendar.from_ical(outbound.context["ics"]).events[0]["LOCATION"]) == "Library, room 2"


def test_a_reserved_seat_goes_to_the_group_named_in_either_language(world):
    session = bilingual_session(world, capacity=2, reserved_seats=2)
    english, _ = registration_create(session=session, fields=person("Ana", group="Chess Club"))
    spanish, _ = registration_create(session=session, fields=person("Ben", group="Club de ajedrez "))
    outsider, _ = registration_create(session=session, fields=person("Cy", group="drama club"))
    assert english.reserved_seat and spanish.reserved_seat
    assert outsider.status == RegistrationStatus.WAITLISTED


def test_the_coordinator_writes_each_text_in_english_and_spanish_side_by_side(client, world, coordinator):
    from tests.feedback.test_staff import new_session_data

    client.force_login(coordinator)
    url = reverse("staff:sessions:session_add", args=[world.a.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    fields = list(page.context["form"].fields)
    for name in TEXTS:
        assert fields.index(f"{name}_es") == fields.index(f"{name}_en") + 1, name
    assert "Lugar (español)" in page.content.decode()
    data = new_session_data(world.a_school, coordinator, reserved_seats="2", **ENGLISH, **SPANISH)
    data["facilitators"] = []
    assert client.post(url, data).status_code == 302
    saved = Session.objects.get()
    assert {name: getattr(saved, name) for name in {**ENGLISH, **SPANISH}} == {**ENGLISH, **SPANISH}


@pytest.mark.parametrize(
    ("languages", "spanish"),
    [
        ("English, Spanish", "Inglés, español"),
        ("english and Vietnamese", "Inglés, vietnamita"),
        ("Spanish / ASL", "Español, lengua de señas americana (ASL)"),
        ("English, Spanish interpretation on request", ""),
        ("", ""),
    ],
)
def test_the_migration_writes_the_spanish_of_languages_it_knows_and_leaves_the_rest_to_translate(languages, spanish):
    migration = importlib.import_module("feedback.migrations.0003_session_spanish_texts")
    assert migration.languages_in_spanish(languages) == spanish
