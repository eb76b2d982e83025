"""The survey results pages in a browser: axe finds nothing, the charts break
no Content-Security-Policy rule, and they read in Spanish too."""

from accounts.models import Role
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import SchoolFactory, member
from tests.surveys.builders import build_survey
from tests.surveys.results_fill import fill


def _answered_survey():
    school = SchoolFactory(name="Lincoln High")
    other = SchoolFactory(district=school.district, name="Roosevelt Middle")
    survey = build_survey(school.district, [school, other])
    fill(survey, school, 33, answers={"SRO-SAFE-1": "agree", "SRO-FAIR-1": "agree", "ENG-HOURS-1": 4}, gender="girl")
    fill(survey, school, 8, answers={"SRO-SAFE-1": "strongly_disagree", "SRO-FAIR-1": "neutral"}, gender="boy")
    fill(survey, other, 26, answers={"SRO-SAFE-1": "agree", "SRO-FAIR-1": "disagree"}, gender="boy")
    fill(survey, other, 12, answers={"SRO-SAFE-1": "disagree"}, gender="girl")
    fill(survey, other, 1, answers={"SRO-SAFE-1": "disagree", "SRO-COMMENT-1": "Officer Lee helps."}, gender="girl")
    fill(survey, other, 1, answers={"SRO-COMMENT-1": "More lights in the parking lot, please."}, gender="girl")
    return survey


def test_the_results_page_and_its_charts_are_accessible_and_csp_clean(page, sign_in_staff):
    survey = _answered_survey()
    console = []
    page.on("console", lambda message: console.append(message.text))
    sign_in_staff(member(Role.COORDINATOR, district=survey.district, mfa=True))
    page.goto(f"/staff/surveys/{survey.pk}/results/")
    assert page.locator("svg[role=img]").count() == 2
    assert page.get_by_text("suppressed").first.is_visible()
    assert_accessible(page)
    screenshot(page, "survey-results")
    page.get_by_label("Break down by").select_option("gender")
    page.get_by_role("button", name="Show").click()
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    assert_accessible(page)
    assert not [text for text in console if "Content Security Policy" in text], console


def test_the_comment_review_queue_is_accessible(page, sign_in_staff):
    survey = _answered_survey()
    sign_in_staff(member(Role.COORDINATOR, district=survey.district, mfa=True))
    page.goto(f"/staff/surveys/{survey.pk}/comments/review/")
    assert page.get_by_text("Officer Lee helps.").first.is_visible()
    assert_accessible(page)
    screenshot(page, "survey-comment-review")
