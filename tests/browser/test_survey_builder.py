"""A coordinator builds, publishes and previews a small survey in a real
browser, with the keyboard only; axe finds nothing on any builder page."""

import datetime

from django.utils import timezone

from accounts.models import Role
from surveys.models import Item, Survey
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import member
from tests.surveys.matrix_builder import ItemFactory


def _type(page, label: str, text: str, *, exact: bool = False) -> None:
    page.get_by_label(label, exact=exact).focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


def _press(locator, key: str = "Enter") -> None:
    locator.focus()
    locator.press(key)


def _date(page, label: str, day: datetime.date) -> None:
    # Chromium's date field takes the digits of month, day and year in turn (en-US).
    page.get_by_label(label).focus()
    page.keyboard.type(day.strftime("%m%d%Y"))


def test_a_coordinator_builds_publishes_and_previews_a_survey_with_the_keyboard(page, sign_in_staff, world):
    Item.objects.filter(district=None).delete()  # only this item in the bank (the migration loads 51)
    ItemFactory(code="SRO-SAFE-1", text_en="I feel safe near the SRO.", text_es="Me siento seguro con el SRO.")
    sign_in_staff(member(Role.COORDINATOR, district=world.a, mfa=True))
    opens = timezone.localdate() + datetime.timedelta(days=2)

    _press(page.get_by_role("link", name="Surveys", exact=True))
    page.wait_for_url("**/staff/surveys/")
    _press(page.get_by_role("link", name="New survey"))
    page.wait_for_url("**/build/new/")
    assert_accessible(page)
    _type(page, "Title (English)", "Spring climate survey")
    _type(page, "Title (Spanish)", "Encuesta de clima")
    _type(page, "First page text (English)", "Your answers are anonymous.")
    _type(page, "First page text (Spanish)", "Sus respuestas son anónimas.")
    _press(page.get_by_label("A High"), " ")
    _press(page.get_by_label("Students"), " ")
    _date(page, "Opens on", opens)
    _date(page, "Closes on", opens + datetime.timedelta(days=20))
    _press(page.get_by_role("button", name="Create the survey"))
    page.wait_for_url("**/staff/surveys/build/*/")
    survey = Survey.objects.get()
    assert page.get_by_role("heading", name="Before it can be published").is_visible()
    assert_accessible(page)

    _press(page.get_by_role("link", name="Add from the item bank to page 1"))
    page.wait_for_url("**/bank/**")
    assert_accessible(page)
    _press(page.get_by_role("button", name="Add SRO-SAFE-1"))
    page.wait_for_url("**/bank/**")
    assert page.get_by_text("Added SRO-SAFE-1 to page 1.").is_visible()
    assert page.get_by_role("cell", name="In this survey").is_visible()

    page.goto(f"/staff/surveys/build/{survey.pk}/")
    _press(page.get_by_role("link", name="Write a question on page 1"))
    page.wait_for_url("**/questions/add/**")
    _type(page, "Code", "OWN-KNOW")
    page.get_by_label("Question type").focus()
    page.get_by_label("Question type").select_option("single")
    _type(page, "Question (English)", "Do you know how to complain?")
    _type(page, "Question (Spanish)", "¿Sabe cómo presentar una queja?")
    _type(page, "Choices", "yes | Yes\nno | No | No")
    _press(page.get_by_role("button", name="Save the question"))
    page.wait_for_url("**/build/*/#question-*")

    _press(page.get_by_role("link", name="Publish"))
    page.wait_for_url("**/publish/")
    assert page.get_by_text("Question OWN-KNOW: Spanish label of the choice “Yes” is missing.").is_visible()
    assert_accessible(page)
    page.goto(f"/staff/surveys/build/{survey.pk}/")
    _press(page.get_by_role("link", name="Edit OWN-KNOW"))
    _type(page, "Choices", "yes | Yes | Sí\nno | No | No")
    assert_accessible(page)
    _press(page.get_by_role("button", name="Save the question"))
    page.wait_for_url("**/build/*/#question-*")

    _press(page.get_by_role("link", name="Publish"))
    page.wait_for_url("**/publish/")
    assert_accessible(page)
    _press(page.get_by_role("button", name="Publish"))
    page.wait_for_url(f"**/build/{survey.pk}/")
    survey.refresh_from_db()
    assert survey.published_at is not None
    assert page.get_by_role("button", name="Make a new version").is_visible()
    assert_accessible(page)
    screenshot(page, "staff-survey-builder")

    # Published: the wording is shown read-only; the running settings still change.
    _press(page.get_by_role("link", name="Settings", exact=True))
    page.wait_for_url("**/settings/")
    assert page.get_by_label("Title (English)").is_disabled()
    assert page.get_by_label("Closes on").is_enabled()
    assert_accessible(page)
    page.go_back()

    _press(page.get_by_role("link", name="Preview in Spanish"))
    page.wait_for_url("**/preview/es/")
    assert page.get_by_role("heading", name="Encuesta de clima").is_visible()
    assert page.get_by_text("¿Sabe cómo presentar una queja?").is_visible()
    assert page.get_by_role("group", name="Me siento seguro con el SRO.").is_visible()
    assert page.get_by_label("Muy de acuerdo").first.is_visible()
    assert_accessible(page)
    screenshot(page, "staff-survey-preview-es")
