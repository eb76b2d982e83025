"""Storing a finished response: the one place a ``Response`` is written."""

from collections.abc import Mapping

from django.db import transaction

from surveys.models import (
    AnonymityMode,
    Answer,
    Attribution,
    Demographic,
    Invitation,
    InvitationStatus,
    Question,
    Response,
    Source,
    Survey,
)
from surveys.structure import survey_questions

# The response columns that copy a demographic answer.
DEMOGRAPHIC_FIELDS = {
    Demographic.GRADE: "grade",
    Demographic.GENDER: "gender",
    Demographic.RACE: "race",
    Demographic.DISABILITY: "disability",
    Demographic.ENGLISH_LEARNER: "english_learner",
    Demographic.GROUP: "respondent_group",
}

AnswerValue = str | int | list[str] | None
# The subgroup of a respondent who chose several answers to a multiple-choice demographic question.
MULTIPLE = "multiple"


class InvitationAlreadyUsed(Exception):
    """The invitation already has its response (one response per invitation)."""


class SurveyNotOpen(Exception):
    """The survey is not taking responses (draft, not yet open or closed)."""


def _answer_rows(response: Response, questions: list[Question], answers: Mapping[int, AnswerValue]) -> list[Answer]:
    choices = {(q.pk, c.code): c for q in questions for c in q.choices.all()}
    rows: list[Answer] = []
    for question in questions:
        value = answers.get(question.pk)
        if value in (None, "", []):
            continue
        if question.has_choices:
            codes = value if isinstance(value, list) else [value]
            rows += [Answer(response=response, question=question, choice=choices[(question.pk, c)]) for c in codes]
        elif question.kind == "number":
            rows.append(Answer(response=response, question=question, number=int(value)))
        else:
            rows.append(Answer(response=response, question=question, text=str(value).strip()))
    return rows


def _subgroup(value: AnswerValue) -> str:
    """The subgroup code kept on the response: the one answer chosen, or
    ``MULTIPLE`` when several were (e.g. more than one race)."""
    if isinstance(value, list):
        return value[0] if len(value) == 1 else (MULTIPLE if value else "")
    return "" if value is None else str(value)


@transaction.atomic
def response_store(
    *,
    survey: Survey,
    answers: Mapping[int, AnswerValue],
    source: str,
    language: str,
    school=None,
    respondent_group: str = "",
    invitation: Invitation | None = None,
) -> Response:
    """Stores one finished response and its answers (keyed by question id,
    values already cleaned by ``surveys.forms``). With an invitation, marks it
    finished in the same transaction; on an anonymous survey nothing records
    which invitation it was. Raises ``SurveyNotOpen`` (paper forms excepted,
    which staff may enter after the close date) and ``InvitationAlreadyUsed``."""
    if not survey.is_open and not (source == Source.PAPER and survey.has_opened):
        raise SurveyNotOpen
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, survey=survey)
        if invitation.status == InvitationStatus.FINISHED:
            raise InvitationAlreadyUsed
    answers = {int(qid): value for qid, value in answers.items()}  # JSON drafts key by text
    # A published survey's questions and choices as read once per process (``surveys.structure``).
    questions = survey_questions(survey)
    demographics = {DEMOGRAPHIC_FIELDS[q.demographic]: _subgroup(answers.get(q.pk)) for q in questions if q.demographic}
    # Who was invited (an invitation's or class code's group) is known; an answer counts only on an open link.
    if respondent_group or not demographics.get("respondent_group"):
        demographics["respondent_group"] = respondent_group
    response = Response.objects.create(
        survey=survey, school=school, source=source, language=language[:8], **demographics
    )
    Answer.objects.bulk_create(_answer_rows(response, questions, answers))
    if invitation is not None:
        invitation.status = InvitationStatus.FINISHED
        invitation.sealed = False
        invitation.save(update_fields=["status", "sealed"])
        if survey.anonymity == AnonymityMode.CONFIDENTIAL:
            Attribution.objects.create(response=response, invitation=invitation)
    return response
