"""Taking a survey from a school's open link: first page, one page at a time,
Back and Next, language switch, required questions, finishing."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, Page, Question, Response, ResponseDraft, Source
from surveys.take_session import COOKIE
from tests.surveys.builders import build_survey, questions_by_code
from tests.surveys.taking import answer, open_link, page_form, resume_code, start

PAGE = reverse("surveys:take_page")


def test_the_first_page_says_how_long_it_takes_and_what_is_stored_without_starting_anything(client, climate, world):
    response = client.get(open_link(climate, world.a_school))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Climate survey" in body and "A High" in body
    assert "It takes about 10 minutes." in body
    assert "We do not keep your IP address, your device or browser, or the time you answered." in body
    assert "Nobody can find out which answers are yours." in body
    assert not ResponseDraft.objects.exists()


def test_the_first_page_of_a_confidential_survey_says_answers_stay_with_the_invitation(client, world):
    from tests.surveys.taking import invitation

    survey = build_survey(world.a, [world.a_school], anonymity="confidential")
    _inv, code = invitation(survey, world.a_school)
    body = client.get(reverse("surveys:take_code_link", args=[code])).content.decode()
    assert "your answers are kept together with your invitation" in body
    assert "Nobody can find out which answers are yours." not in body


def test_the_first_page_is_in_spanish_for_a_spanish_browser(client, climate, world):
    body = client.get(open_link(climate, world.a_school), headers={"accept-language": "es"}).content.decode()
    assert "Encuesta de clima escolar" in body and "Sus respuestas son anónimas." in body
    assert "Climate survey" not in body


def test_the_spanish_first_page_offers_the_resume_code_without_saying_continue_twice(client, climate, world):
    body = client.get(open_link(climate, world.a_school), headers={"accept-language": "es"}).content.decode()
    assert "¿Ya empezó? Use su código para continuar" in body
    assert "Continúe con su código para continuar" not in body


def test_starting_shows_the_first_page_of_questions_with_progress_and_a_resume_code(client, climate, world):
    page = start(client, climate, world.a_school)
    body = page.content.decode()
    assert "Page 1 of 3" in body
    assert "I feel safe when the SRO is nearby." in body
    assert "What grade are you in?" not in body
    assert len(resume_code(page).replace("-", "")) == 10
    draft = ResponseDraft.objects.get()
    assert (draft.survey, draft.school, draft.source) == (climate, world.a_school, Source.LINK)


def test_scales_are_grouped_in_a_fieldset_with_the_question_as_legend(client, climate, world):
    body = start(client, climate, world.a_school).content.decode()
    assert "<legend>I feel safe when the SRO is nearby.</legend>" in body
    assert body.count('type="radio" name="q') >= 4 + 5 + 2


def test_next_keeps_the_answers_and_back_shows_them_again(client, climate, world):
    q = questions_by_code(climate)
    start(client, climate, world.a_school)
    answer(client, **{f"q{q['SRO-SAFE-1'].pk}": "agree", f"q{q['SRO-KNOW-1'].pk}": "no"})
    second = client.get(PAGE)
    assert "Page 2 of 3" in second.content.decode()
    # Back keeps what was typed on page 2 too, even the half-finished page.
    answer(client, "back", **{f"q{q['ENG-HOURS-1'].pk}": "7"})
    first = client.get(PAGE)
    assert "Page 1 of 3" in first.content.decode()
    assert page_form(first).initial[f"q{q['SRO-SAFE-1'].pk}"] == "agree"
    answer(client)
    assert page_form(client.get(PAGE)).initial[f"q{q['ENG-HOURS-1'].pk}"] == 7


def test_a_wrong_answer_is_explained_next_to_its_question_and_the_page_does_not_advance(client, climate, world):
    q = questions_by_code(climate)
    start(client, climate, world.a_school)
    answer(client)
    response = answer(client, **{f"q{q['ENG-HOURS-1'].pk}": "900", f"q{q['SRO-COMMENT-1'].pk}": "Kept"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ensure this value is less than or equal to 80." in body
    assert 'id="id_q{}_error"'.format(q["ENG-HOURS-1"].pk) in body
    assert "Kept</textarea>" in body
    assert "Page 2 of 3" in body


def test_every_question_can_be_skipped_and_the_response_is_stored_empty(client, climate, world):
    start(client, climate, world.a_school)
    answer(client)
    answer(client)
    finished = answer(client, "finish")
    assert finished.status_code == 200 and "Your answers to" in finished.content.decode()  # the thank-you page itself
    response = Response.objects.get()
    assert (response.survey, response.school, response.source) == (climate, world.a_school, Source.LINK)
    assert not Answer.objects.exists()
    assert not ResponseDraft.objects.exists()


def test_a_required_question_must_be_answered_before_moving_on(client, climate, world):
    q = questions_by_code(climate)
    Question.objects.filter(pk=q["SRO-KNOW-1"].pk).update(required=True)
    start(client, climate, world.a_school)
    refused = answer(client)
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()
    assert "(required)" in refused.content.decode()
    answer(client, **{f"q{q['SRO-KNOW-1'].pk}": "yes"})
    assert client.get(PAGE).context["number"] == 2


def test_finishing_stores_every_answer_with_the_language_and_shows_the_thank_you_text(client, climate, world):
    q = questions_by_code(climate)
    start(client, climate, world.a_school, respondent_group="guardian")
    answer(client, **{f"q{q['SRO-SAFE-1'].pk}": "strongly_agree"})
    answer(client, **{f"q{q['SAF-WHERE-1'].pk}": ["halls", "bus"], f"q{q['SRO-COMMENT-1'].pk}": "More visits"})
    client.cookies.load({"django_language": "es"})
    thanks = answer(client, "finish", **{f"q{q['DEM-GRADE'].pk}": "10"})
    assert "Gracias." in thanks.content.decode()
    response = Response.objects.get()
    assert (response.language, response.grade, response.respondent_group) == ("es", "10", "guardian")
    assert Answer.objects.filter(response=response).count() == 5


def test_switching_language_mid_survey_keeps_the_answers_typed_on_the_page(client, climate, world):
    q = questions_by_code(climate)
    start(client, climate, world.a_school)
    typed = {f"q{q['SRO-SAFE-1'].pk}": "agree", f"q{q['SRO-FAIR-1'].pk}": "neutral"}
    response = client.post(PAGE, {"page": 1, "language": "es", **typed})
    assert response.cookies["django_language"].value == "es"
    page = client.get(PAGE)
    body = page.content.decode()
    assert "Página 1 de 3" in body and "Me siento seguro cuando el SRO está cerca." in body
    assert page_form(page).initial[f"q{q['SRO-FAIR-1'].pk}"] == "neutral"
    assert page_form(page).initial[f"q{q['SRO-SAFE-1'].pk}"] == "agree"
    assert "Continue in English" in body


def test_the_page_without_a_survey_in_progress_sends_to_the_resume_form(client, climate):
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url == reverse("surveys:take_resume")


def test_resuming_with_the_code_on_another_device_opens_the_page_reached(client, climate, world, django_user_model):
    from django.test import Client

    q = questions_by_code(climate)
    code = resume_code(start(client, climate, world.a_school))
    answer(client, **{f"q{q['SRO-SAFE-1'].pk}": "disagree"})
    other = Client()
    wrong = other.post(reverse("surveys:take_resume"), {"code": "WRONG-CODE1"})
    assert "We do not recognise this resume code" in wrong.content.decode()
    assert other.post(reverse("surveys:take_resume"), {"code": code.lower()}).status_code == 302
    page = other.get(PAGE)
    assert page.context["number"] == 2
    answer(other)
    answer(other, "finish")
    assert Answer.objects.get().choice.code == "disagree"


def test_an_expired_draft_cannot_be_resumed(client, climate, world):
    code = resume_code(start(client, climate, world.a_school))
    ResponseDraft.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(PAGE).status_code == 302
    refused = client.post(reverse("surveys:take_resume"), {"code": code})
    assert "have expired" in refused.content.decode()


def test_after_finishing_the_back_button_cannot_send_the_same_answers_again(client, climate, world):
    start(client, climate, world.a_school)
    answer(client)
    answer(client)
    answer(client, "finish")
    again = client.post(PAGE, {"page": 3, "finish": "1"})  # a refresh of the thank-you page re-sends the last page
    assert again.status_code == 200 and "Your answers to" in again.content.decode()
    assert Response.objects.count() == 1


def test_the_thank_you_page_comes_back_for_an_hour_and_then_the_browser_holds_nothing(client, climate, world):
    start(client, climate, world.a_school)
    answer(client)
    answer(client)
    answer(client, "finish")
    assert "Your answers to" in client.get(PAGE).content.decode()  # the address still shows the thank-you page
    cookie = client.cookies[COOKIE]
    assert int(cookie["max-age"]) == 3600 and cookie["httponly"] and cookie["path"] == reverse("surveys:index")
    del client.cookies[COOKIE]  # the hour is over: the browser dropped the cookie
    later = client.get(PAGE)
    assert later.status_code == 302 and later.url == reverse("surveys:take_resume")
    assert Response.objects.count() == 1


def test_a_filled_honeypot_starts_nothing(client, climate, world):
    response = client.post(open_link(climate, world.a_school), {"website": "http://spam.example"})
    assert response.status_code == 302
    assert not ResponseDraft.objects.exists()


@pytest.mark.parametrize(
    "change",
    [{"published_at": None}, {"public_id": "other"}],
    ids=["unpublished", "unknown"],
)
def test_an_unpublished_or_unknown_survey_answers_404(client, world, change):
    survey = build_survey(world.a, [world.a_school])
    url = open_link(survey, world.a_school)
    type(survey).objects.filter(pk=survey.pk).update(**change)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_a_school_the_survey_does_not_run_in_answers_404(client, climate, world):
    assert client.get(open_link(climate, world.b_school)).status_code == 404
    only_one = build_survey(world.a, [world.a_school])
    assert client.get(open_link(only_one, world.a_other_school)).status_code == 404


def test_a_survey_not_yet_open_or_closed_explains_when_and_starts_nothing(client, world):
    scheduled = build_survey(world.a, [world.a_school], open_now=False)
    response = client.get(open_link(scheduled, world.a_school))
    assert response.status_code == 200 and "This survey is not open yet. It opens on" in response.content.decode()
    today = timezone.localdate()
    closed = build_survey(
        world.a,
        [world.a_school],
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
    )
    response = client.post(open_link(closed, world.a_school))
    assert "This survey closed on" in response.content.decode()
    assert not ResponseDraft.objects.exists()


def test_a_survey_that_closes_while_someone_answers_says_so_instead_of_storing(client, climate, world):
    start(client, climate, world.a_school)
    type(climate).objects.filter(pk=climate.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    response = client.post(PAGE, {"page": 1, "next": "1"})
    assert "This survey closed on" in response.content.decode()
    assert not Response.objects.exists()


def test_the_open_link_asks_the_group_only_when_no_question_asks_it(client, climate, world):
    body = client.get(open_link(climate, world.a_school)).content.decode()
    assert "I am answering as" in body
    single = build_survey(world.a, [world.a_school], groups=["staff"])
    assert "I am answering as" not in client.get(open_link(single, world.a_school)).content.decode()


def test_a_survey_without_pages_can_still_be_sent(client, world):
    survey = build_survey(world.a, [world.a_school], questions=[])
    assert not Page.objects.filter(survey=survey).exists()
    start(client, survey, world.a_school)
    assert "Your answers to" in answer(client, "finish").content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_the_index_lists_open_surveys_with_a_link_per_school_and_not_the_others(client, climate, world):
    draft = build_survey(world.a, [world.a_school], published=False, title_en="Draft one")
    scheduled = build_survey(world.a, [world.a_school], open_now=False, title_en="Later one")
    body = client.get(reverse("surveys:index")).content.decode()
    assert open_link(climate, world.a_school) in body and open_link(climate, world.a_other_school) in body
    assert draft.title_en not in body and scheduled.title_en not in body
    assert "I have a code" in body


def test_the_index_reads_a_fixed_number_of_queries_however_many_surveys(client, world, django_assert_num_queries):
    for _ in range(3):
        build_survey(world.a, [world.a_school, world.a_other_school])
    client.get(reverse("surveys:index"))
    with django_assert_num_queries(3):  # count, surveys with their district, their schools
        client.get(reverse("surveys:index"))


def test_a_page_reads_a_fixed_number_of_queries_however_many_questions(client, world, django_assert_num_queries):
    from tests.surveys.builders import DEFAULT_QUESTIONS

    many = [(1, f"{code}-{i}", *rest) for i in range(4) for (_p, code, *rest) in DEFAULT_QUESTIONS]
    survey = build_survey(world.a, [world.a_school], questions=many)
    start(client, survey, world.a_school)
    client.get(PAGE)
    # the draft (with its survey), and no session; the frozen survey's pages, questions and
    # choices are read once per process, and never once per question
    with django_assert_num_queries(1):
        response = client.get(PAGE)
    assert len(page_form(response).fields) == len(many)


def test_sending_with_a_required_question_unanswered_returns_to_its_page(client, climate, world):
    q = questions_by_code(climate)
    Question.objects.filter(pk=q["SRO-KNOW-1"].pk).update(required=True)
    start(client, climate, world.a_school)
    ResponseDraft.objects.update(page_position=3)  # e.g. a draft saved before a required answer was cleared
    response = client.post(PAGE, {"page": 3, "finish": "1"}, follow=True)
    assert "Please answer the required questions on this page before sending." in response.content.decode()
    assert response.context["number"] == 1
    assert not Response.objects.exists()


@pytest.mark.parametrize("held", [{"draft": "not-a-uuid", "resume": "X"}, ["not", "a", "dict"]])
def test_a_browser_holding_a_malformed_draft_id_is_sent_to_the_resume_form(client, climate, held):
    client.cookies["cg_survey"] = signing.dumps(held, salt="surveys.take", compress=True)
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url == reverse("surveys:take_resume")


def test_a_forged_survey_cookie_opens_nobodys_draft(client, climate, world):
    start(client, climate, world.a_school)
    draft = ResponseDraft.objects.get()
    stranger = Client()
    stranger.cookies["cg_survey"] = signing.dumps({"draft": str(draft.pk), "resume": "X"}, salt="other")
    assert stranger.get(PAGE).status_code == 302
    stranger.cookies["cg_survey"] = f'{{"draft": "{draft.pk}"}}'
    assert stranger.get(PAGE).status_code == 302


def test_an_anonymous_respondent_gets_no_session_row_and_a_cookie_only_for_the_survey_pages(client, climate, world):
    start(client, climate, world.a_school)
    answer(client)
    cookie = client.cookies["cg_survey"]
    assert cookie["path"] == "/surveys/" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not Session.objects.exists()
    assert "sessionid" not in client.cookies


def test_a_published_surveys_wording_is_read_once_and_again_after_any_change(client, climate, world):
    start(client, climate, world.a_school)
    client.get(PAGE)
    question = climate.questions.get(code="SRO-SAFE-1")
    question.text_en = "I feel safe when the school resource officer is nearby."
    question.save()
    assert "I feel safe when the school resource officer is nearby." in client.get(PAGE).content.decode()


def test_next_answers_with_the_next_page_itself_and_its_address_shows_it_again(client, climate, world):
    q = questions_by_code(climate)
    start(client, climate, world.a_school)
    turned = answer(client, **{f"q{q['SRO-SAFE-1'].pk}": "agree"})
    assert turned.status_code == 200
    assert "Page 2 of 3" in turned.content.decode()
    assert 'name="page" value="2"' in turned.content.decode()
    # The address is the page's own: opening it again (a bookmark, another tab, a GET) shows the same page.
    assert "Page 2 of 3" in client.get(PAGE).content.decode()
    back = answer(client, "back")
    assert back.status_code == 200 and "Page 1 of 3" in back.content.decode()
    assert page_form(back).initial[f"q{q['SRO-SAFE-1'].pk}"] == "agree"


def test_a_refresh_sending_the_same_page_again_keeps_one_copy_of_the_answers(client, climate, world):
    q = questions_by_code(climate)
    start(client, climate, world.a_school)
    sent = {"page": 1, "next": "1", f"q{q['SRO-SAFE-1'].pk}": "agree", f"q{q['SRO-KNOW-1'].pk}": "no"}
    first = client.post(PAGE, sent)
    again = client.post(PAGE, sent)
    assert "Page 2 of 3" in first.content.decode() and "Page 2 of 3" in again.content.decode()
    draft = ResponseDraft.objects.get()
    kept = {str(q["SRO-SAFE-1"].pk): "agree", str(q["SRO-KNOW-1"].pk): "no"}
    assert (draft.page_position, draft.answers) == (2, kept)
    assert not Response.objects.exists()


def test_a_page_turn_is_one_request_of_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    from tests.surveys.builders import DEFAULT_QUESTIONS

    many = [(1 + i % 2, f"{code}-{i}", *rest) for i in range(4) for (_p, code, *rest) in DEFAULT_QUESTIONS]
    survey = build_survey(world.a, [world.a_school], questions=many)
    start(client, survey, world.a_school)
    client.get(PAGE)
    # the draft (with its survey), then its answers saved (savepoint, update, release); no session
    with django_assert_num_queries(4):
        response = client.post(PAGE, {"page": 1, "next": "1"})
    assert response.status_code == 200 and response.context["number"] == 2


def test_sending_the_last_page_stores_the_response_in_a_fixed_number_of_queries(
    client, climate, world, django_assert_num_queries
):
    grade = f"q{questions_by_code(climate)['DEM-GRADE'].pk}"
    start(client, climate, world.a_school)
    answer(client)
    answer(client)
    # the draft; the response stored with the last page's answers in one transaction
    # (savepoints, the school, the response, its answers) and the draft deleted; the wording is read once per process
    with django_assert_num_queries(9):
        finished = client.post(PAGE, {"page": 3, "finish": "1", grade: "9"})
    assert finished.status_code == 200 and Answer.objects.count() == 1


def test_sending_with_a_required_answer_missing_keeps_what_the_last_page_carried(client, climate, world):
    q = questions_by_code(climate)
    Question.objects.filter(pk=q["SRO-KNOW-1"].pk).update(required=True)
    start(client, climate, world.a_school)
    ResponseDraft.objects.update(page_position=3)
    response = client.post(PAGE, {"page": 3, "finish": "1", f"q{q['DEM-GRADE'].pk}": "11"}, follow=True)
    assert response.context["number"] == 1
    assert ResponseDraft.objects.get().answers == {str(q["DEM-GRADE"].pk): "11"}
    assert not Response.objects.exists()


def test_start_answers_with_the_first_page_and_a_refresh_of_it_shows_the_page_reached(client, climate, world, settings):
    settings.SURVEY_STARTS_PER_HOUR = 1
    first = client.post(open_link(climate, world.a_school))
    assert first.status_code == 200 and "Page 1 of 3" in first.content.decode()
    assert f'action="{PAGE}"' in first.content.decode()  # the next pages are sent to the page's own address
    answer(client)
    again = client.post(open_link(climate, world.a_school))  # the browser re-sends Start: not a second start
    assert again.status_code == 200 and "Page 2 of 3" in again.content.decode()
    assert ResponseDraft.objects.count() == 1


def test_a_number_answer_to_a_question_without_limits_is_refused_above_a_million_instead_of_failing_to_store():
    from django.core.exceptions import ValidationError

    from surveys.forms import question_field

    field = question_field(Question(code="N", kind="number", text_en="How many?", text_es="¿Cuántos?"))
    assert field.clean("1000000") == 1000000
    with pytest.raises(ValidationError):
        field.clean("10000000000")
