"""Dialogue sessions in the browser: the public list, signing up and the private
link in English and Spanish, and the facilitator's roster on a phone; axe-clean."""

import re

import pytest

from accounts.models import Role
from feedback.models import Registration, RegistrationStatus
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_spanish_journey import _assert_all_spanish
from tests.factories import SchoolFactory, member
from tests.feedback.builders import build_session


@pytest.mark.parametrize(
    ("locale", "sign_up", "signed_up"),
    [("en-US", "Sign up", "You are signed up"), ("es-ES", "Inscribirse", "Está inscrito")],
)
def test_a_student_finds_a_session_and_signs_up_in_their_language(
    browser, live_server, transactional_db, locale, sign_up, signed_up
):
    school = SchoolFactory(name="Lincoln High")
    english = {"place_en": "Library, room 2", "accessibility_note_en": "Step-free", "languages_en": "English, Spanish"}
    spanish = {"place_es": "Biblioteca, sala 2", "accessibility_note_es": "Sin escalones", "languages_es": "Inglés"}
    session = build_session(school.district, [school], capacity=1, reserved_seats=0, **english, **spanish)
    shown, hidden = (english, spanish) if locale == "en-US" else (spanish, english)
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(10_000)
    page = context.new_page()

    page.goto("/sessions/")
    assert_accessible(page)
    if locale == "es-ES":
        _assert_all_spanish(page)
        page.get_by_role("link", name="Hablemos de seguridad").click()
    else:
        page.get_by_role("link", name="Talking about safety").click()
    page.wait_for_url(re.compile(rf".*/sessions/{session.pk}/$"))
    facts = page.locator(".session-facts").inner_text()
    assert all(text in facts for text in shown.values()) and not any(text in facts for text in hidden.values())
    assert_accessible(page)
    screenshot(page, f"sessions-page-{locale[:2]}")

    page.get_by_role("button", name=sign_up).click()  # empty: errors next to the fields
    assert page.locator(".field--error").count() >= 1
    assert_accessible(page)

    page.locator("#id_name").fill("Ana")
    page.locator("#id_email").fill("ana@example.org")
    page.get_by_role("button", name=sign_up).click()
    page.wait_for_url(re.compile(r".*/sessions/my/.+/$"))
    assert signed_up in page.inner_text("body")
    assert_accessible(page)
    if locale == "es-ES":
        _assert_all_spanish(page)
    else:
        screenshot(page, "sessions-signed-up")
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
    context.close()


def test_the_facilitator_checks_people_in_on_a_phone(browser, live_server, transactional_db, sign_in_staff, page):
    school = SchoolFactory(name="Lincoln High")
    facilitator = member(Role.FACILITATOR, district=school.district)
    session = build_session(school.district, [school], facilitators=[facilitator])
    Registration.objects.create(session=session, name="Ana", email="ana@example.org", status="confirmed")
    sign_in_staff(facilitator)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/staff/sessions/{session.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Check in Ana").click()
    page.wait_for_url(re.compile(rf".*/staff/sessions/{session.pk}/$"))
    assert Registration.objects.get().attendance == "present"
    assert_accessible(page)
    screenshot(page, "sessions-roster-phone")
