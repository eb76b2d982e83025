"""A published survey's questions are rendered once per page and language and
each respondent's answers marked in: the page must read exactly as Django's
own rendering of the same form."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from surveys.forms import PageForm
from surveys.models import QuestionKind
from surveys.structure import survey_structure
from surveys.take_render import page_questions_html
from tests.surveys.builders import DEFAULT_QUESTIONS, build_survey, questions_by_code
from tests.surveys.taking import answer, start

EVERY_KIND = [
    *DEFAULT_QUESTIONS,
    (2, "SHORT-1", QuestionKind.SHORT_TEXT, "Your role?", "¿Su función?", {"required": True, "help_en": "<b>Any</b>"}),
]
TRICKY = 'Tom & "Jerry" <script>alert(1)</script> it\'s'


def _answers(survey) -> dict:
    q = questions_by_code(survey)
    return {
        q["SRO-SAFE-1"].pk: "agree",
        q["SRO-KNOW-1"].pk: "no",
        q["SAF-WHERE-1"].pk: ["halls", "bus"],
        q["ENG-HOURS-1"].pk: 0,
        q["SRO-COMMENT-1"].pk: TRICKY + "\nsecond line",
        q["SHORT-1"].pk: TRICKY,
        q["DEM-GRADE"].pk: "10",
    }


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("answered", [True, False])
def test_the_fast_page_reads_exactly_as_djangos_own_rendering(world, language, answered):
    survey = build_survey(world.a, [world.a_school], questions=EVERY_KIND)
    answers = _answers(survey) if answered else {}
    with translation.override(language):
        for page in survey_structure(survey):
            form = PageForm(questions=list(page.questions.all()), answers={str(k): v for k, v in answers.items()})
            usual = render_to_string("partials/form_fields.html", {"form": form})
            fast = page_questions_html(survey=survey, page=page, form=form, language=language)
            assert fast == usual
    assert answered is False or " checked" in usual or "second line" in usual or 'value="10"' in usual


def test_a_form_with_errors_and_an_unpublished_survey_are_rendered_the_usual_way(world):
    survey = build_survey(world.a, [world.a_school], published=False)
    page = survey.pages.first()
    form = PageForm(questions=list(page.questions.all()))
    assert page_questions_html(survey=survey, page=page, form=form, language="en") is None
    survey = build_survey(world.a, [world.a_school])
    page = survey.pages.first()
    bound = PageForm({"page": "1"}, questions=list(page.questions.all()))
    assert page_questions_html(survey=survey, page=page, form=bound, language="en") is None


def test_going_back_shows_the_answers_checked_and_typed(client, climate, world):
    q = questions_by_code(climate)
    start(client, climate, world.a_school)
    answer(client, **{f"q{q['SRO-SAFE-1'].pk}": "agree"})
    answer(client, **{f"q{q['SAF-WHERE-1'].pk}": ["bus"], f"q{q['SRO-COMMENT-1'].pk}": TRICKY})
    body = answer(client, "back").content.decode()
    assert f'name="q{q["SAF-WHERE-1"].pk}" value="bus" id="id_q{q["SAF-WHERE-1"].pk}_1" checked>' in body
    assert f'value="halls" id="id_q{q["SAF-WHERE-1"].pk}_0">' in body
    assert "Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(1)&lt;/script&gt; it&#x27;s</textarea>" in body
    first = answer(client, "back").content.decode()
    assert f'value="agree" id="id_q{q["SRO-SAFE-1"].pk}_2" checked>' in first


def test_a_changed_question_is_shown_with_its_new_wording(client, climate, world):
    start(client, climate, world.a_school)
    client.get(reverse("surveys:take_page"))
    question = climate.questions.get(code="SRO-SAFE-1")
    question.text_en = "I feel safe near the school resource officer."
    question.save()
    assert "I feel safe near the school resource officer." in client.get(reverse("surveys:take_page")).content.decode()
