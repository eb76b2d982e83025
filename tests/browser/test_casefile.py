"""The case file's pages, staff files, the redacted export and officer history, in a real browser, in English and
Spanish, axe clean."""

import datetime

import pytest
from django.utils import timezone

from accounts.mfa import current_totp_code
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, AllegationFactory, AttachmentFactory, ComplaintFactory
from tests.workflows.conftest import Case
from workflows.models import Route
from workflows.review.officers import early_warning_check


def _world():
    case = Case()
    case.complaint.contact_name = "Ana Torres"
    case.complaint.save()
    case.take_to("triaged", route=Route.BOTH)
    AttachmentFactory(complaint=case.complaint, original_name="records.pdf", from_complainant=False, audience="school")
    for days in (20, 40):
        complaint = ComplaintFactory(
            school=case.school, officer=case.officer, occurred_on=timezone.localdate() - datetime.timedelta(days=days)
        )
        AllegationFactory(complaint=complaint, category="force", final_finding="sustained")
    early_warning_check(officer_id=case.officer.pk)
    return case


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/2fa/authenticate/")
    page.locator("#id_code").fill(current_totp_code(TEST_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/staff/**")


@pytest.mark.parametrize("locale", ["en-US", "es-ES"])
def test_the_coordinator_s_case_file_pages_are_accessible_in_english_and_spanish(
    browser, live_server, transactional_db, locale
):
    case = _world()
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(15_000)
    page = context.new_page()
    _sign_in(page, case.coordinator)
    language = locale[:2]
    pk = case.complaint.pk
    for url, name in (
        (f"/staff/reviews/{pk}/", "case"),
        (f"/staff/reviews/{pk}/staff-files/", "staff-files"),
        (f"/staff/reviews/{pk}/redacted/", "redaction"),
        ("/staff/officers/", "officers"),
        (f"/staff/officers/{case.officer.pk}/", "officer-history"),
        (f"/staff/officers/threshold/{case.school.district.pk}/", "threshold"),
    ):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language, url
        assert_accessible(page)
        if language == "en" and name in {"redaction", "officer-history", "staff-files"}:
            screenshot(page, f"casefile-{name}")
    page.goto(f"/staff/reviews/{pk}/redacted/")
    assert "[" in page.locator("main").inner_text()
    page.locator("textarea[name=extra]").fill("x")
    page.locator("button[name=download]").click()
    assert page.locator(".errorlist").count() == 1
    assert_accessible(page)
    with page.expect_download() as download:
        page.goto(f"/staff/reviews/{pk}/")
        page.locator(f"a[href='/staff/reviews/{pk}/case-file.pdf']").click()
    assert download.value.suggested_filename.endswith(".pdf")
    context.close()
