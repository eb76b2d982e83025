"""Taking a survey: drafts started from an open link, an invitation code or a
class code, saved page by page, resumed with a code, finished into a stored
response (``surveys.services.responses.response_store``) and purged when they
expire unfinished."""

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from surveys.codes import code_generate, code_hash, code_normalise
from surveys.models import (
    ClassCode,
    Invitation,
    InvitationStatus,
    Page,
    RespondentGroup,
    Response,
    ResponseDraft,
    Source,
    Survey,
)
from surveys.services.responses import AnswerValue, InvitationAlreadyUsed, SurveyNotOpen, response_store
from surveys.structure import survey_questions, survey_structure

__all__ = [
    "InvitationAlreadyUsed",
    "StartTicket",
    "SurveyNotOpen",
    "class_code_find",
    "draft_answers_merged",
    "draft_expires_at",
    "draft_discard",
    "draft_find",
    "draft_finish",
    "draft_page_save",
    "draft_resume",
    "draft_start",
    "drafts_expired_delete",
    "invitation_find",
    "missing_required_position",
    "survey_pages",
]

RESUME_CODE_LENGTH = 10


@dataclass(frozen=True)
class StartTicket:
    """Where a new draft comes from: the survey, the school and group it
    counts for, and the invitation or class code that opened it."""

    survey: Survey
    source: str
    school: object = None
    respondent_group: str = ""
    invitation: Invitation | None = None
    class_code: ClassCode | None = None


def draft_expires_at(survey: Survey, *, now: dt.datetime | None = None) -> dt.datetime:
    """When a draft started ``now`` expires: after SURVEY_DRAFT_DAYS, or at the end
    of the survey's close date if that comes first."""
    now = now or timezone.now()
    expires = now + dt.timedelta(days=settings.SURVEY_DRAFT_DAYS)
    if survey.closes_on:
        end_of_close = dt.datetime.combine(
            survey.closes_on + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
        )
        expires = min(expires, end_of_close)
    return expires


def invitation_find(code: str) -> Invitation | None:
    """The invitation whose access code is ``code`` (as typed), or None."""
    if not code_normalise(code):
        return None
    invitation_hash = code_hash(code, purpose="invitation")
    return Invitation.objects.select_related("survey", "school").filter(code_hash=invitation_hash).first()


def class_code_find(code: str) -> ClassCode | None:
    """The class code ``code`` (as typed, case and dashes forgiven), or None."""
    normalised = code_normalise(code)
    if not normalised:
        return None
    return ClassCode.objects.select_related("survey", "school").filter(code__iexact=normalised).first()


def draft_find(draft_id, *, survey: Survey | None = None) -> ResponseDraft | None:
    """The unexpired draft ``draft_id`` (of ``survey`` if given), or None.
    Read on every page turn: one query, with its survey only (the school and
    invitation are read when the response is stored)."""
    try:
        draft_id = uuid.UUID(str(draft_id))
    except ValueError:  # a malformed id from an old cookie
        return None
    drafts = ResponseDraft.objects.select_related("survey").filter(pk=draft_id, expires_at__gt=timezone.now())
    if survey is not None:
        drafts = drafts.filter(survey=survey)
    try:
        return drafts.get()
    except ResponseDraft.DoesNotExist:
        return None


def draft_resume(code: str) -> ResponseDraft | None:
    """The unexpired draft whose resume code is ``code``, or None."""
    if not code_normalise(code):
        return None
    resume_hash = code_hash(code, purpose="resume")
    return (
        ResponseDraft.objects.select_related("survey")
        .filter(resume_hash=resume_hash, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def draft_start(*, ticket: StartTicket, language: str) -> tuple[ResponseDraft, str]:
    """Starts a draft and returns it with its resume code (shown once, stored
    only as a keyed hash). With an invitation, marks it started in the same
    transaction, or continues the draft it already has (a new resume code
    replaces the old one). Raises ``SurveyNotOpen`` and ``InvitationAlreadyUsed``."""
    survey = ticket.survey
    if not survey.is_open:
        raise SurveyNotOpen
    resume_code = code_generate(RESUME_CODE_LENGTH)
    invitation = ticket.invitation
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, survey=survey)
        if invitation.status == InvitationStatus.FINISHED:
            raise InvitationAlreadyUsed
        existing = ResponseDraft.objects.filter(invitation=invitation, expires_at__gt=timezone.now()).first()
        if existing is not None:
            existing.resume_hash = code_hash(resume_code, purpose="resume")
            existing.save(update_fields=["resume_hash"])
            return existing, resume_code
        invitation.status = InvitationStatus.STARTED
        invitation.save(update_fields=["status"])
    draft = ResponseDraft.objects.create(
        survey=survey,
        school=ticket.school,
        source=ticket.source,
        respondent_group=ticket.respondent_group,
        invitation=invitation,
        class_code=ticket.class_code,
        resume_hash=code_hash(resume_code, purpose="resume"),
        language=language[:8],
        expires_at=draft_expires_at(survey),
    )
    return draft, resume_code


def survey_pages(survey: Survey) -> list[Page]:
    """The survey's pages in order, each with its questions and their choices
    (a published survey's read once per process: ``surveys.structure``)."""
    return list(survey_structure(survey))


def _stored(value: AnswerValue) -> AnswerValue:
    return None if value in (None, "", []) else value


def draft_answers_merged(draft: ResponseDraft, answers: Mapping[int, AnswerValue]) -> dict:
    """The draft's answers with one page's ``answers`` (keyed by question id)
    put in: an empty value removes an earlier answer. Saves nothing."""
    merged = dict(draft.answers)
    for question_id, value in answers.items():
        value = _stored(value)
        if value is None:
            merged.pop(str(question_id), None)
        else:
            merged[str(question_id)] = value
    return merged


@transaction.atomic
def draft_page_save(
    *, draft: ResponseDraft, answers: Mapping[int, AnswerValue], position: int, language: str
) -> ResponseDraft:
    """Keeps ``answers`` (one page's, keyed by question id; an empty value
    removes an earlier answer) and moves the draft to page ``position``."""
    draft.answers = draft_answers_merged(draft, answers)
    draft.page_position = max(1, position)
    draft.language = language[:8]
    draft.save(update_fields=["answers", "page_position", "language"])
    return draft


def missing_required_position(draft: ResponseDraft, pages: list[Page]) -> int | None:
    """The number (1-based) of the first page with a required question left
    unanswered, or None when every required question has an answer."""
    for number, page in enumerate(pages, start=1):
        for question in page.questions.all():
            if question.required and _stored(draft.answers.get(str(question.pk))) is None:
                return number
    return None


@transaction.atomic
def draft_finish(*, draft: ResponseDraft, language: str) -> Response:
    """Stores the draft (its answers as they are on ``draft``, saved or not)
    as a response and deletes the draft in the same transaction; the invitation (if any) is marked finished there too.
    Raises ``SurveyNotOpen`` and ``InvitationAlreadyUsed``."""
    known = {question.pk for question in survey_questions(draft.survey)}
    answers = {int(qid): value for qid, value in draft.answers.items() if int(qid) in known}
    response = response_store(
        survey=draft.survey,
        answers=answers,
        source=draft.source,
        language=language,
        school=draft.school,
        respondent_group=draft.respondent_group,
        invitation=draft.invitation,
    )
    draft.delete()
    return response


@transaction.atomic
def draft_discard(*, draft: ResponseDraft) -> None:
    """Deletes a draft that can no longer be sent (its invitation was used meanwhile)."""
    ResponseDraft.objects.filter(pk=draft.pk).delete()


@transaction.atomic
def drafts_expired_delete(*, now: dt.datetime | None = None) -> int:
    """Deletes every draft past its expiry or of a survey that has closed;
    returns how many. Their invitations stay "started"."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    expired = ResponseDraft.objects.filter(expires_at__lte=now)
    closed = ResponseDraft.objects.filter(survey__closes_on__lt=today)
    deleted, _ = (expired | closed).delete()
    return deleted


def invitation_ticket(invitation: Invitation) -> StartTicket:
    return StartTicket(
        survey=invitation.survey,
        source=Source.INVITATION,
        school=invitation.school,
        respondent_group=invitation.group,
        invitation=invitation,
    )


def class_code_ticket(class_code: ClassCode) -> StartTicket:
    return StartTicket(
        survey=class_code.survey,
        source=Source.CLASS,
        school=class_code.school,
        respondent_group=RespondentGroup.STUDENT,
        class_code=class_code,
    )
