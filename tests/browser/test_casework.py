"""Staff casework in a real browser, axe-checked in English and Spanish: a
coordinator records a phone complaint and reads out its PIN, finds it in the
complaints list, links it to another one; the family withdraws a complaint
from the tracking page and the coordinator reopens it."""

import re

from django.utils import translation
from playwright.sync_api import expect

from accounts.mfa import current_totp_code
from complaints.models import Complaint, ComplaintLink, PublicStatus
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import TEST_PASSWORD, TEST_PIN, TEST_TOTP_SECRET, AllegationFactory, ComplaintFactory
from tests.workflows.conftest import Case
from workflows.review.start import review_start


def test_a_coordinator_records_a_phone_complaint_finds_it_and_links_it(page, sign_in_staff):
    case = Case()
    review_start(case.complaint)
    sign_in_staff(case.coordinator)
    page.goto("/staff/reviews/cases/")
    assert_accessible(page)
    page.get_by_role("link", name="Record a complaint received by phone, in person, by letter or email").click()
    assert_accessible(page)
    page.get_by_label("Phone call").check()
    page.locator("input[name=kind][value=complaint]").check()
    page.locator("input[name=filer_role][value=guardian]").check()
    page.get_by_label("Which school?").select_option(str(case.school.pk))
    page.get_by_label("When did it happen?").fill("2026-11-02")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r".*/details/$"))
    # Sent empty: explained next to each field, nothing filed.
    page.get_by_role("button", name="Record the complaint").click()
    expect(page.locator(".form-errors").first).to_be_visible()
    assert_accessible(page)
    page.locator("input[name=allegations][value=conduct]").check()
    page.get_by_label("What happened?").fill("The officer shouted at my daughter at the bus loop.")
    page.locator("input[name=contact_preference][value=none]").check()
    page.get_by_role("button", name="Record the complaint").click()
    page.wait_for_url(re.compile(r".*/receipt/$"))
    assert_accessible(page)
    screenshot(page, "staff-intake-receipt")
    code = page.locator("#tracking-code").inner_text()
    expect(page.locator("#tracking-pin")).to_have_text(re.compile(r"^\d{6}$"))

    page.goto("/staff/reviews/cases/")
    page.get_by_label("Words in the narrative").fill("bus loop")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name=code)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "staff-all-complaints")
    page.get_by_role("link", name=code).click()
    page.get_by_label("Tracking code of the other complaint").fill(case.complaint.tracking_code)
    page.get_by_role("button", name="Link", exact=True).click()
    expect(page.get_by_role("link", name=case.complaint.tracking_code)).to_be_visible()
    assert_accessible(page)
    assert ComplaintLink.objects.count() == 1


def test_the_family_withdraws_and_the_coordinator_reopens_in_spanish(browser, live_server, transactional_db):
    case = Case()
    case.coordinator.preferred_language = "es"
    case.coordinator.save()
    complaint = ComplaintFactory(school=case.school, tracking_code="CG-WD00-0001", preferred_language="es")
    AllegationFactory(complaint=complaint, category="conduct")
    review_start(complaint)
    family = browser.new_context(base_url=live_server.url, locale="es-ES")
    family.set_default_timeout(15_000)
    page = family.new_page()
    page.goto("/complaints/track/")
    page.locator("#id_tracking_code").fill(complaint.tracking_code)
    page.locator("#id_pin").fill(TEST_PIN)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(rf".*/track/{complaint.tracking_code}/$"))
    page.get_by_role("link", name="Retirar esta queja").click()
    assert_accessible(page)
    page.get_by_label("¿Por qué retira su queja? (opcional)").fill("Ya lo hablamos con la directora.")
    page.get_by_role("button", name="Retirar mi queja").click()
    page.wait_for_url(re.compile(rf".*/track/{complaint.tracking_code}/$"))
    expect(page.get_by_text("La persona que presentó la queja la retiró.")).to_be_visible()
    assert_accessible(page)
    family.close()
    complaint.refresh_from_db()
    assert complaint.public_status == PublicStatus.WITHDRAWN

    staff = browser.new_context(base_url=live_server.url, locale="es-ES")
    staff.set_default_timeout(15_000)
    page = staff.new_page()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(case.coordinator.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/2fa/authenticate/")
    page.locator("#id_code").fill(current_totp_code(TEST_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/staff/**")
    page.goto("/staff/reviews/cases/?status=withdrawn")
    assert_accessible(page)
    page.get_by_role("link", name=complaint.tracking_code).click()
    with translation.override("es"):
        reopen = translation.gettext("Reopen this complaint")
    page.get_by_role("button", name=reopen).click()  # no reason: explained next to the field
    expect(page.locator("#reopen-heading ~ form .form-errors, #reopen-heading ~ form .errorlist").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("¿Por qué se reabre la queja?").fill("La familia nos pidió continuar.")
    page.get_by_role("button", name=reopen).click()
    expect(page.get_by_text("La queja se reabrió en la clasificación.")).to_be_visible()
    assert_accessible(page)
    staff.close()
    assert Complaint.objects.get(pk=complaint.pk).public_status == PublicStatus.RECEIVED
