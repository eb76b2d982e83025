"""Taking a climate survey in a real browser with JavaScript switched off, on
a 360 px wide phone: in English (a scale answered by keyboard, Back and Next,
a language switch mid-page, resuming on another device with the code) and in
Spanish (no English text of the site or of the survey on any page). axe-core
finds nothing on any page."""

import re

import pytest
from playwright.sync_api import expect

from surveys.models import Answer, Response
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_spanish_journey import ENGLISH
from tests.factories import DistrictFactory, SchoolFactory
from tests.surveys.builders import build_survey, questions_by_code

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def survey(transactional_db):
    district = DistrictFactory(name="Riverside Unified")
    school = SchoolFactory(district=district, name="Riverside High", slug="riverside-high")
    return build_survey(district, [school], title_en="Climate survey 2026", title_es="Encuesta de clima 2026")


def _phone(browser, live_server, locale):
    context = browser.new_context(base_url=live_server.url, locale=locale, java_script_enabled=False, viewport=PHONE)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def axe_page(browser, live_server):
    """A page with JavaScript on, where axe checks a copy of each page the
    script-less phone shows (axe cannot run where scripts are off)."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    yield context.new_page()
    context.close()


def _check(page, axe_page):
    """Every page: axe-clean (on a copy with its stylesheets), nothing wider than the phone."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    axe_page.set_content(page.content().replace("<head>", f'<head><base href="{origin}/">', 1))
    assert_accessible(axe_page)


def _survey_english(survey) -> set[str]:
    """The survey's own English texts that differ from their Spanish."""
    texts = {survey.title_en, survey.intro_en, survey.thanks_en}
    for question in survey.questions.prefetch_related("choices"):
        texts.add(question.text_en)
        texts |= {c.label_en for c in question.choices.all() if c.label_en != c.label_es}
    return {t for t in texts if t and t not in {"No"}}


def _assert_spanish(page, survey):
    assert page.locator("html").get_attribute("lang") == "es", page.url
    text = page.inner_text("body")
    leaked = sorted(p for p in ENGLISH | _survey_english(survey) if p in text)
    assert leaked == [], f"English on {page.url}: {leaked}"


def test_a_student_takes_the_survey_in_english_by_keyboard_without_javascript_and_resumes_on_a_phone(
    browser, live_server, survey, axe_page
):
    q = questions_by_code(survey)
    page = _phone(browser, live_server, "en-US").new_page()
    page.goto("/surveys/")
    _check(page, axe_page)
    page.get_by_role("link", name="Riverside High").click()
    expect(page.get_by_role("heading", name="What is stored and what is not")).to_be_visible()
    _check(page, axe_page)
    screenshot(page, "survey-first-page")
    page.get_by_role("button", name="Start the survey").click()
    expect(page.get_by_text("Page 1 of 3")).to_be_visible()
    _check(page, axe_page)
    code = page.locator("#resume-code").inner_text()

    # The agreement scale, by keyboard: Tab into the group, arrows choose, Space keeps.
    first = page.locator(f"#id_q{q['SRO-SAFE-1'].pk}_0")
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Agree", exact=True).first).to_be_checked()
    screenshot(page, "survey-page")
    page.keyboard.press("Enter")  # Enter in a form sends it with its first button: Next
    expect(page.get_by_text("Page 2 of 3")).to_be_visible()
    _check(page, axe_page)

    # A wrong number is explained next to its question; what was typed stays.
    page.get_by_label("What else should we know about the SRO program?").fill("More visits, please.")
    page.get_by_label("How many hours a week").fill("300")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Ensure this value is less than or equal to 80.")).to_be_visible()
    _check(page, axe_page)
    page.get_by_label("How many hours a week").fill("6")

    # Switching language keeps what is on the page, and switching back too.
    page.get_by_role("button", name="Continuar en español").click()
    expect(page.get_by_text("Página 2 de 3")).to_be_visible()
    expect(page.get_by_label("¿Qué más deberíamos saber sobre el programa de SRO?")).to_have_value(
        "More visits, please."
    )
    page.get_by_role("button", name="Continue in English").click()
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_text("Page 1 of 3")).to_be_visible()
    expect(page.get_by_role("radio", name="Agree", exact=True).first).to_be_checked()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_label("How many hours a week")).to_have_value("6")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Page 3 of 3")).to_be_visible()

    # Later, on another phone: the resume code opens the page reached.
    other = _phone(browser, live_server, "en-US").new_page()
    other.goto("/surveys/resume/")
    _check(other, axe_page)
    other.get_by_label("Resume code").fill(code.lower())
    other.get_by_role("button", name="Continue").click()
    expect(other.get_by_text("Page 3 of 3")).to_be_visible()
    other.get_by_label("Grade 10").check()
    other.get_by_role("button", name="Send my answers").click()
    expect(other.get_by_role("heading", name="Thank you")).to_be_visible()
    _check(other, axe_page)
    screenshot(other, "survey-thanks")

    response = Response.objects.get()
    assert (response.grade, response.language, response.school.slug) == ("10", "en", "riverside-high")
    chosen = Answer.objects.get(question=q["SRO-SAFE-1"])
    assert chosen.choice.code == "agree"
    assert Answer.objects.get(question=q["ENG-HOURS-1"]).number == 6


def test_a_family_takes_the_survey_in_spanish_without_javascript_and_sees_no_english(
    browser, live_server, survey, axe_page
):
    q = questions_by_code(survey)
    page = _phone(browser, live_server, "es-ES").new_page()
    page.goto("/surveys/")
    _assert_spanish(page, survey)
    _check(page, axe_page)
    page.get_by_role("link", name="Riverside High").click()
    _assert_spanish(page, survey)
    expect(page.get_by_text("No guardamos su dirección IP")).to_be_visible()
    _check(page, axe_page)
    page.get_by_label("Padres y tutores").check()
    page.get_by_role("button", name="Comenzar la encuesta").click()
    expect(page.get_by_text("Página 1 de 3")).to_be_visible()
    _assert_spanish(page, survey)
    _check(page, axe_page)
    page.get_by_role("radio", name="Muy de acuerdo").first.check()
    page.get_by_role("button", name="Siguiente").click()
    _assert_spanish(page, survey)
    page.get_by_label(re.compile("Cuántas horas")).fill("300")
    page.get_by_role("button", name="Siguiente").click()
    _assert_spanish(page, survey)  # the error too
    _check(page, axe_page)
    page.get_by_label(re.compile("Cuántas horas")).fill("")
    page.get_by_role("button", name="Siguiente").click()
    expect(page.get_by_text("Página 3 de 3")).to_be_visible()
    _assert_spanish(page, survey)
    _check(page, axe_page)
    page.get_by_role("button", name="Enviar mis respuestas").click()
    expect(page.get_by_role("heading", name="Gracias")).to_be_visible()
    _assert_spanish(page, survey)
    _check(page, axe_page)

    response = Response.objects.get()
    assert (response.language, response.respondent_group) == ("es", "guardian")
    assert Answer.objects.get(question=q["SRO-SAFE-1"]).choice.code == "strongly_agree"
