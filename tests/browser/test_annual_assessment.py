"""The annual assessment in the browser, in English and in Spanish: the coordinator opens the
year and scores the rubric, an advisory member's dissent without a reason is refused next to the
field and then recorded, the superintendent sees the approval form; the rubric, goals and work
plan pages too. axe-core finds nothing on any page."""

import re

import pytest

from accounts.mfa import current_totp_code
from accounts.models import Role
from assessment.models import Score, SignOff
from assessment.services import annual as services
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_spanish_journey import _assert_all_spanish
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, AgencyFactory, SchoolFactory, member

pytestmark = pytest.mark.browser

LANGS = [
    ("en", "en-US", "Program assessment", "Say why you dissent."),
    ("es", "es-ES", "Evaluación del programa", "Diga por qué no está de acuerdo."),
]


def _checked(page, lang):
    """axe finds nothing; a Spanish page shows no English string of the catalogue."""
    assert_accessible(page)
    if lang == "es":
        _assert_all_spanish(page)


def _signed_in(browser, live_server, user, locale):
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/2fa/authenticate/")
    page.locator("#id_code").fill(current_totp_code(TEST_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/staff/**")
    return page


@pytest.mark.parametrize(("lang", "locale", "title", "dissent_error"), LANGS)
def test_the_assessment_from_opening_to_approval_in_the_browser(
    browser, live_server, transactional_db, lang, locale, title, dissent_error
):
    school = SchoolFactory(name="Lincoln High", slug="lincoln-high")
    district = school.district
    agency = AgencyFactory(district=district)
    d = {"preferred_language": lang}
    coordinator = member(Role.COORDINATOR, district=district, full_name="Cora", **d)
    chief = member(Role.AGENCY_HEAD, agency=agency, full_name="Chief Ada", **d)
    advisory = member(Role.ADVISORY, district=district, full_name="Ava", **d)
    superintendent = member(Role.SUPERINTENDENT, district=district, full_name="Sam", **d)
    member(Role.SCHOOL_ADMIN, school=school, **d)

    page = _signed_in(browser, live_server, coordinator, locale)
    page.goto("/staff/assessment/annual/")
    _checked(page, lang)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/staff/assessment/annual/\d+/$"))
    assert page.locator("html").get_attribute("lang") == lang
    assert title in page.inner_text("h1")
    _checked(page, lang)
    page.locator("form[action*='/steps/'] button[type=submit]").click()  # nothing chosen: errors by each criterion
    assert page.locator(".field--error").count() >= 12
    _checked(page, lang)
    for radio in page.locator("form[action*='/steps/'] input[type=radio][value='3']").all():
        radio.check()
    page.locator("form[action*='/steps/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/staff/assessment/annual/\d+/$"))
    assert Score.objects.filter(side="district").count() == 12
    if lang == "en":
        screenshot(page, "annual-assessment-scoring")
    for path in (
        "/staff/assessment/annual/rubric/",
        "/staff/assessment/annual/goals/",
        "/staff/assessment/annual/work-plans/",
    ):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == lang
        _checked(page, lang)
    page.context.close()

    from assessment.models import AnnualProcess

    assessment = AnnualProcess.objects.get()
    scores = dict.fromkeys(Score.objects.values_list("criterion_id", flat=True), (2, ""))
    services.annual_scores_submit(task=services.annual_open_task(assessment, "agency_score"), user=chief, scores=scores)
    services.annual_reconcile(task=services.annual_open_task(assessment, "reconcile"), user=coordinator, agreed=scores)

    page = _signed_in(browser, live_server, advisory, locale)
    page.goto(f"/staff/assessment/annual/{assessment.pk}/")
    _checked(page, lang)
    page.locator("input[name=agrees][value=no]").check()
    page.locator("form[action$='/sign-off/'] button[type=submit]").click()
    assert dissent_error in page.locator("#id_reason_error").inner_text()
    _checked(page, lang)
    page.locator("input[name=agrees][value=no]").check()
    page.locator("#id_reason").fill("Too few outreach hours.")
    page.locator("form[action$='/sign-off/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/staff/assessment/annual/\d+/$"))
    assert SignOff.objects.get().reason == "Too few outreach hours."
    page.context.close()

    page = _signed_in(browser, live_server, superintendent, locale)
    page.goto(f"/staff/assessment/annual/{assessment.pk}/")
    assert "Too few outreach hours." in page.inner_text("body")
    assert page.locator("form[action*='/steps/'] input[type=checkbox]").count() == 1
    _checked(page, lang)
    if lang == "en":
        screenshot(page, "annual-assessment-approval")
    page.context.close()
