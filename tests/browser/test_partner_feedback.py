"""Partner feedback and post-session feedback forms in the browser, in English
and Spanish: the anonymity statement on each form's first page, a page of
ratings and comments, the thank-you page; and the staff pages (session
feedback, cards, a round, concerns). axe-core finds nothing on any page."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from accounts.models import Role
from feedback.models import Attendance, Registration, RegistrationStatus
from feedback.services.partner import partner_round_open
from feedback.services.post_session import feedback_cards, session_feedback_set
from feedback.services.roster import attendance_record
from surveys.models import Purpose, Response
from surveys.services.responses import response_store
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_spanish_journey import _assert_all_spanish
from tests.factories import AgencyFactory, SchoolFactory, member
from tests.feedback.builders import build_session
from tests.surveys.builders import build_survey

LANGS = [
    ("en-US", "Start the survey", "Send my answers", "Your answers are anonymous"),
    ("es-ES", "Comenzar la encuesta", "Enviar mis respuestas", "Sus respuestas son anónimas"),
]


@pytest.fixture
def partner_round(transactional_db):
    school = SchoolFactory(name="Lincoln High", slug="lincoln-high")
    AgencyFactory(district=school.district)
    coordinator = member(Role.COORDINATOR, district=school.district)
    today = timezone.localdate()
    partner_round = partner_round_open(
        district=school.district,
        label="Fall 2026",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        actor=coordinator,
    )
    partner_round.coordinator = coordinator
    partner_round.school = school
    return partner_round


def _finish(page, start, send):
    page.get_by_role("button", name=start).click()
    page.locator('input[name="page"]').wait_for(state="attached")  # Start answers with the first page of questions
    assert_accessible(page)
    assert page.locator("input[type=radio]").count(), page.inner_text("body")[:1500]
    page.locator("input[type=radio]").first.check()
    page.locator("textarea").first.fill("Fine")
    page.get_by_role("button", name=send).click()
    assert_accessible(page)


@pytest.mark.parametrize(("locale", "start", "send", "anonymous"), LANGS)
def test_school_staff_answer_the_partner_form_in_their_language(
    browser, live_server, partner_round, locale, start, send, anonymous
):
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"/surveys/{partner_round.school_survey.public_id}/lincoln-high/")
    assert anonymous in page.inner_text("body")
    assert_accessible(page)
    if locale == "es-ES":
        _assert_all_spanish(page)
    _finish(page, start, send)
    if locale == "es-ES":
        _assert_all_spanish(page)
    assert Response.objects.filter(survey=partner_round.school_survey).count() == 1
    context.close()


@pytest.mark.parametrize(("locale", "start", "send", "anonymous"), LANGS)
def test_an_attendee_answers_the_session_feedback_from_their_card(
    browser, live_server, transactional_db, locale, start, send, anonymous
):
    school = SchoolFactory(name="Lincoln High")
    coordinator = member(Role.COORDINATOR, district=school.district)
    session = build_session(school.district, [school], starts_in=dt.timedelta(hours=-1))
    survey = build_survey(school.district, [school], purpose=Purpose.SESSION_FEEDBACK)
    session_feedback_set(session=session, survey=survey, actor=coordinator)
    walk_in = Registration.objects.create(session=session, name="Sol", status=RegistrationStatus.CONFIRMED)
    attendance_record(registration=walk_in, attendance=Attendance.PRESENT, by=coordinator)
    card = feedback_cards(session=session, actor=coordinator)[0]
    context = browser.new_context(base_url=live_server.url, locale=locale)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/" + card.url.split("://", 1)[1].split("/", 1)[1])
    assert_accessible(page)
    if locale == "es-ES":
        _assert_all_spanish(page)
    page.get_by_role("button", name=start).click()
    assert_accessible(page)
    context.close()


def test_the_staff_feedback_pages_are_accessible(browser, live_server, partner_round, sign_in_staff, page):
    coordinator = partner_round.coordinator
    session = build_session(partner_round.district, [partner_round.school])
    build_survey(partner_round.district, [partner_round.school], purpose=Purpose.SESSION_FEEDBACK)
    sign_in_staff(coordinator)
    page.goto(f"/staff/sessions/{session.pk}/feedback/")
    assert_accessible(page)
    page.get_by_role("button", name="Use this survey").click()
    page.wait_for_url(re.compile(rf".*/staff/sessions/{session.pk}/feedback/$"))
    assert_accessible(page)
    screenshot(page, "session-feedback")
    page.goto(f"/staff/sessions/{session.pk}/feedback/cards/")
    assert_accessible(page)
    page.goto("/staff/partner/")
    assert_accessible(page)
    page.goto(f"/staff/partner/new/{partner_round.district_id}/")
    page.get_by_role("button", name="Open the round").click()
    assert page.locator(".field--error").count() >= 1
    assert_accessible(page)
    survey = partner_round.school_survey
    ratings = list(survey.questions.filter(kind="agree4"))
    for index in range(12):
        answers = {q.pk: ("agree" if (index + q.position) % 4 else "disagree") for q in ratings}
        response_store(survey=survey, answers=answers, source="link", language="en", school=partner_round.school)
    page.goto(f"/staff/partner/{partner_round.pk}/")
    assert_accessible(page)
    screenshot(page, "partner-round")
    page.goto(f"/staff/partner/{partner_round.pk}/concerns/")
    assert_accessible(page)
