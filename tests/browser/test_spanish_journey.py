"""A family files and follows a complaint entirely in Spanish, and the
coordinator triages it in Spanish: no page on the way shows an English string
of the catalogue (a string translated at import, or a raw code, would)."""

import re

import polib
from django.utils import translation

from accounts.mfa import current_totp_code
from accounts.models import Role
from complaints.models import Complaint
from tests.browser.conftest import ROOT, assert_accessible
from tests.complaints.helpers import review_start_jobs_run, school_with_officer
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, member

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{[^}]*\}\}")


def _english_phrases() -> set[str]:
    """Fragments of translated catalogue strings long enough to be unmistakably English."""
    phrases = set()
    for entry in polib.pofile(str(ROOT / "locale/es/LC_MESSAGES/django.po")).translated_entries():
        if entry.msgstr == entry.msgid:
            continue
        for piece in PLACEHOLDER.split(entry.msgid):
            piece = piece.strip(" .,:;()")
            if len(piece) >= 18 and " " in piece and "\n" not in piece:
                phrases.add(piece)
    return phrases


ENGLISH = _english_phrases()
# The check has teeth: it knows the phrases a Spanish page must never show.
assert "A complaint about an officer or the program" in ENGLISH and len(ENGLISH) > 300


def _assert_all_spanish(page):
    assert page.locator("html").get_attribute("lang") == "es", page.url
    text = page.inner_text("body")
    leaked = sorted(phrase for phrase in ENGLISH if phrase in text)
    assert leaked == [], f"English on {page.url}: {leaked}"


def test_a_family_files_and_follows_and_the_coordinator_triages_all_in_spanish(browser, live_server, transactional_db):
    school, _officer = school_with_officer()
    coordinator = member(Role.COORDINATOR, district=school.district, preferred_language="es")
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    context.set_default_timeout(15_000)
    page = context.new_page()

    page.goto("/complaints/new/")
    _assert_all_spanish(page)
    page.locator("input[name=kind][value=complaint]").check()
    page.locator("input[name=filer_role][value=guardian]").check()
    page.locator("#id_school").select_option(str(school.pk))
    page.locator("#id_occurred_on").fill("2026-11-02")
    page.locator("#id_preferred_language").select_option("es")
    page.locator("button[name=next]").click()
    page.wait_for_url(re.compile(r".*/incident/$"))
    _assert_all_spanish(page)
    # A step sent empty is explained in Spanish next to its fields.
    page.locator("button[name=next]").click()
    _assert_all_spanish(page)
    page.locator("input[name=allegations][value=search]").check()
    page.locator("#id_description").fill("El agente revisó la mochila de mi hijo sin pedir permiso.")
    page.locator("button[name=next]").click()
    page.wait_for_url(re.compile(r".*/contact/$"))
    _assert_all_spanish(page)
    page.locator("input[name=contact_preference][value=email]").check()
    page.locator("#id_contact_email").fill("familia@example.org")
    page.locator("button[name=submit]").click()
    page.wait_for_url(re.compile(r".*/done/$"))
    _assert_all_spanish(page)
    assert_accessible(page)
    code = page.locator("#tracking-code").inner_text()
    pin = page.locator("#tracking-pin").inner_text()

    page.goto("/complaints/track/")
    _assert_all_spanish(page)
    page.locator("#id_tracking_code").fill(code)
    page.locator("#id_pin").fill(pin)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(rf".*/track/{code}/$"))
    _assert_all_spanish(page)
    context.close()

    staff = browser.new_context(base_url=live_server.url, locale="es-ES")
    staff.set_default_timeout(15_000)
    page = staff.new_page()
    page.goto("/accounts/login/")
    _assert_all_spanish(page)
    page.locator("#id_login").fill(coordinator.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/2fa/authenticate/")
    _assert_all_spanish(page)
    page.locator("#id_code").fill(current_totp_code(TEST_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/staff/**")
    _assert_all_spanish(page)
    page.goto("/staff/reviews/")
    _assert_all_spanish(page)
    complaint = Complaint.objects.get(tracking_code=code)
    review_start_jobs_run()  # the worker starts the review filing queued
    page.goto(f"/staff/reviews/{complaint.pk}/")
    _assert_all_spanish(page)
    page.locator("input[name=route][value=school]").check()
    with translation.override("es"):
        complete = page.get_by_role("button", name=translation.gettext("Complete this step"))
    complete.click()
    page.wait_for_url(f"**/staff/reviews/{complaint.pk}/")
    _assert_all_spanish(page)
    assert_accessible(page)
    staff.close()
