"""Demo feedback (called from ``feedback.demo``): the past session's feedback
survey with a few answers, and one MOU partner feedback round with answers and
an open concern. Purged before the demo district goes (its surveys protect it)."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from accounts.models import Membership, Role
from feedback.models import MouCommitment, PartnerRound, Session, SessionFeedback
from feedback.services.partner import partner_round_open
from feedback.services.post_session import session_feedback_set
from surveys.models import Answer, Page, Purpose, Question, QuestionChoice, QuestionKind, Response, Survey
from surveys.scales import choice_rows
from surveys.services.responses import response_store

QUESTIONS = [
    ("SESS-HEARD", "I felt heard in this session.", "Sentí que me escucharon en esta sesión."),
    ("SESS-SAFE", "I could speak openly.", "Pude hablar con libertad."),
    ("SESS-AGAIN", "I would come to another session.", "Vendría a otra sesión."),
]


def _session_survey(district, past: Session, actor) -> Survey:
    today = timezone.localdate()
    survey = Survey.objects.create(
        district=district,
        purpose=Purpose.SESSION_FEEDBACK,
        title_en="How was the roundtable? (demo)",
        title_es="¿Qué tal la mesa redonda? (demo)",
        intro_en="Three questions. Your answers are anonymous.",
        intro_es="Tres preguntas. Sus respuestas son anónimas.",
        thanks_en="Thank you.",
        thanks_es="Gracias.",
        groups=["student", "community"],
        opens_on=today - dt.timedelta(days=14),
        closes_on=today + dt.timedelta(days=14),
        estimated_minutes=2,
        published_at=timezone.now(),
        published_by=actor,
    )
    survey.schools.set(past.schools.all())
    page = Page.objects.create(survey=survey, position=1)
    for position, (code, en, es) in enumerate(QUESTIONS, start=1):
        question = Question.objects.create(
            survey=survey, page=page, position=position, code=code, kind=QuestionKind.AGREE4, text_en=en, text_es=es
        )
        QuestionChoice.objects.bulk_create(
            QuestionChoice(question=question, **row) for row in choice_rows(QuestionKind.AGREE4, [])
        )
    return survey


def _answer_all(survey: Survey, choice: str, texts: dict[str, str] | None = None, school=None) -> None:
    answers = {q.pk: choice for q in survey.questions.filter(kind=QuestionKind.AGREE4)}
    for question in survey.questions.filter(code__in=list(texts or {})):
        answers[question.pk] = texts[question.code]
    response_store(survey=survey, answers=answers, source="link", language="en", school=school)


def demo_feedback_create(district, past: Session) -> None:
    coordinator = Membership.objects.filter(district=district, role=Role.COORDINATOR).select_related("user").first()
    actor = coordinator.user if coordinator else None
    survey = _session_survey(district, past, actor)
    session_feedback_set(session=past, survey=survey, actor=actor)
    for choice in ("agree", "strongly_agree", "agree", "disagree"):
        _answer_all(survey, choice)
    if actor is None or PartnerRound.objects.filter(district=district).exists():
        return
    today = timezone.localdate()
    partner_round = partner_round_open(
        district=district,
        label="Demo semester",
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=21),
        actor=actor,
    )
    school = district.schools.first()
    first = MouCommitment.objects.first()
    for index in range(11):
        texts = {"concern": "Nobody told us about the annual meeting."} if index == 0 else {}
        if first and index == 1:
            texts[f"{first.code}-comment"] = "The SRO was called to a hallway argument."
        _answer_all(partner_round.school_survey, "agree" if index % 3 else "disagree", texts, school)


def demo_feedback_purge(district) -> None:
    """Deletes the district's feedback and partner surveys with their answers (they protect the district)."""
    surveys = Survey.objects.filter(district=district).filter(
        Q(purpose=Purpose.SESSION_FEEDBACK) | Q(purpose=Purpose.PARTNER_FEEDBACK)
    )
    SessionFeedback.objects.filter(survey__in=surveys).delete()
    PartnerRound.objects.filter(district=district).delete()
    Answer.objects.filter(response__survey__in=surveys).delete()
    Response.objects.filter(survey__in=surveys).delete()
    surveys.delete()
