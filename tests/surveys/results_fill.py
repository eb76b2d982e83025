"""Stored responses for results tests, written in bulk (the response store's
own tests cover how a single response is stored)."""

from surveys.models import Answer, Response, Source
from tests.surveys.builders import questions_by_code


def fill(survey, school, count, *, group="student", answers=None, **demographics):
    """``count`` responses at ``school`` that all give ``answers`` ({question
    code: choice code, list of codes, number or text}); ``demographics`` are
    Response columns (``gender="girl"``)."""
    questions = questions_by_code(survey)
    responses = Response.objects.bulk_create(
        Response(
            survey=survey, school=school, source=Source.LINK, language="en", respondent_group=group, **demographics
        )
        for _ in range(count)
    )
    rows = []
    for response in responses:
        for code, value in (answers or {}).items():
            question = questions[code]
            choices = {c.code: c for c in question.choices.all()}
            if question.has_choices:
                for choice_code in value if isinstance(value, list) else [value]:
                    rows.append(Answer(response=response, question=question, choice=choices[choice_code]))
            elif isinstance(value, int):
                rows.append(Answer(response=response, question=question, number=value))
            else:
                rows.append(Answer(response=response, question=question, text=value))
    Answer.objects.bulk_create(rows)
    return responses
