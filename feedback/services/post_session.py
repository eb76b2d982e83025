"""Post-session feedback: a session's feedback survey (purpose
``session_feedback``), the one-time invitation each attendee gets at
check-in, and results per session or pooled over the series.

Invitations are the survey engine's (``surveys.models.Invitation``): a code
whose keyed hash identifies it, marked finished in the transaction that
stores the response, and nothing linking the two. Attendees with an email get
the engine's invitation mail; the others a printed card (QR code) handed out
in the room, so their invitation keeps its code encrypted until it is used
(the engine's hourly job blanks it once finished or closed)."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core import schoolyear
from core.audit import AuditKind, audit_record
from core.crypto import decrypt, encrypt
from core.suppression import Shown, percent, primary_hidden, protect_line
from feedback.models import Attendance, FeedbackTicket, Registration, Session, SessionFeedback
from surveys.codes import code_display, code_generate, code_hash
from surveys.models import (
    Answer,
    Invitation,
    InvitationKind,
    InvitationStatus,
    Purpose,
    QuestionKind,
    RespondentGroup,
    Response,
    Survey,
    SurveyStatus,
)
from surveys.services.invitations import invitation_mail_enqueue
from surveys.services.reach import REACHABLE, absolute, taking_path


class FeedbackSurveyRefused(Exception):
    """The survey cannot be this session's feedback survey (the message says why)."""


def feedback_survey_choices(session: Session) -> QuerySet[Survey]:
    """The district's session-feedback surveys no other session uses."""
    return (
        Survey.objects.filter(district_id=session.district_id, purpose=Purpose.SESSION_FEEDBACK)
        .filter(Q(session_feedback__isnull=True) | Q(session_feedback__session=session))
        .order_by("-id")
    )


def _batch(session: Session) -> str:
    return f"session-{session.pk}"


@transaction.atomic
def session_feedback_set(*, session: Session, survey: Survey, actor, request=None) -> SessionFeedback:
    """Makes ``survey`` the feedback survey of ``session`` (one session per
    survey, so results are per session); everyone already checked in is
    invited at once. Audited. Raises ``FeedbackSurveyRefused``."""
    if survey.purpose != Purpose.SESSION_FEEDBACK or survey.district_id != session.district_id:
        raise FeedbackSurveyRefused(_("Choose a session feedback survey of the session's district."))
    taken = SessionFeedback.objects.filter(survey=survey).exclude(session=session).exists()
    if taken:
        raise FeedbackSurveyRefused(_("This survey is already the feedback survey of another session."))
    current = SessionFeedback.objects.filter(session=session).first()
    if (
        current
        and current.survey_id != survey.pk
        and FeedbackTicket.objects.filter(registration__session=session).exists()
    ):
        raise FeedbackSurveyRefused(_("Invitations were already issued for this session's survey."))
    before = current.survey_id if current else None
    feedback, _created = SessionFeedback.objects.update_or_create(session=session, defaults={"survey": survey})
    audit_record(
        actor=actor,
        kind=AuditKind.SESSION_FEEDBACK_SET,
        obj=session,
        changes={"survey": [before, survey.pk]},
        request=request,
        district_id=session.district_id,
    )
    session.feedback = feedback
    for registration in session.registrations.filter(attendance=Attendance.PRESENT):
        registration.session = session
        feedback_invitation_issue(registration=registration, actor=actor, request=request)
    return feedback


def _school_of(registration: Registration, session: Session):
    schools = list(session.schools.all())
    if registration.school_id and registration.school_id in {school.pk for school in schools}:
        return registration.school
    return schools[0] if schools else None


def _invitation(registration: Registration, survey: Survey, session: Session) -> tuple[Invitation, str]:
    code = code_generate()
    invitation = Invitation.objects.create(
        survey=survey,
        school=_school_of(registration, session),
        group=RespondentGroup.STUDENT if registration.is_minor or registration.grade else RespondentGroup.COMMUNITY,
        kind=InvitationKind.EMAIL if registration.email else InvitationKind.CODE,
        # Invitations are unique per address in a survey; a repeated address (two sign-ups) gets a card instead.
        email=registration.email if not survey.invitations.filter(email=registration.email).exists() else "",
        language=registration.language,
        code_hash=code_hash(code, purpose="invitation"),
        code_encrypted=encrypt(code),
        batch=_batch(session),
    )
    if not invitation.email:
        invitation.kind = InvitationKind.CODE
        invitation.save(update_fields=["kind"])
    return invitation, code


@transaction.atomic
def feedback_invitation_issue(*, registration: Registration, actor=None, request=None) -> Invitation | None:
    """Issues ``registration`` (checked in) their one-time invitation to the
    session's feedback survey, once: mailed when they gave an email, else
    waiting on the session's printable cards. None when the session has no
    feedback survey taking answers, or the person already has one."""
    session = registration.session
    feedback = SessionFeedback.objects.filter(session=session).select_related("survey", "survey__district").first()
    if feedback is None or feedback.survey.status not in REACHABLE:
        return None
    if FeedbackTicket.objects.filter(registration=registration).exists():
        return None
    invitation, code = _invitation(registration, feedback.survey, session)
    FeedbackTicket.objects.create(registration=registration)
    if invitation.kind == InvitationKind.EMAIL:
        invitation_mail_enqueue(invitation, code, district=session.district)
    audit_record(
        actor=actor,
        kind=AuditKind.SESSION_FEEDBACK_ISSUED,
        obj=session,
        changes={"kind": invitation.kind},
        request=request,
        district_id=session.district_id,
    )
    return invitation


@dataclass(frozen=True)
class FeedbackCard:
    code: str
    url: str


def feedback_cards(*, session: Session, actor, request=None) -> list[FeedbackCard]:
    """The printable cards (code and link) of the session's attendees without
    email whose invitation is unused. Audited (the count, never a code)."""
    invitations = Invitation.objects.filter(
        batch=_batch(session), kind=InvitationKind.CODE, status=InvitationStatus.ISSUED
    ).exclude(code_encrypted="")
    cards = []
    for encrypted in invitations.order_by("?").values_list("code_encrypted", flat=True):
        code = decrypt(encrypted)
        if code:
            cards.append(FeedbackCard(code_display(code), absolute(taking_path(code=code))))
    audit_record(
        actor=actor,
        kind=AuditKind.SESSION_FEEDBACK_CARDS,
        obj=session,
        changes={"cards": len(cards)},
        request=request,
        district_id=session.district_id,
    )
    return cards


# ---- results ----------------------------------------------------------------


def school_year_bounds(when: datetime.datetime) -> tuple[datetime.date, datetime.date]:
    """The school year (1 August to 31 July) ``when`` falls in."""
    return schoolyear.school_year_bounds(schoolyear.school_year_of(timezone.localdate(when)))


def series_of(session: Session) -> QuerySet[Session]:
    """The session's series: sessions of its kind and district in its school year, not cancelled."""
    first, last = school_year_bounds(session.starts_at)
    return Session.objects.filter(
        district_id=session.district_id,
        kind=session.kind,
        cancelled_at__isnull=True,
        starts_at__date__gte=first,
        starts_at__date__lte=last,
    )


@dataclass
class ChoiceCell:
    label: str
    count: Shown
    percent: float | None


@dataclass
class QuestionCounts:
    code: str
    text: str
    answered: int
    cells: list[ChoiceCell] = field(default_factory=list)


@dataclass
class FeedbackResults:
    """What the session's page shows: ``scope`` is "session", "series",
    "later" (the series' pool is not final yet) or "suppressed";
    ``respondents`` the responses counted (None when nothing is shown)."""

    scope: str
    threshold: int
    respondents: int | None
    sessions: int = 1
    questions: list[QuestionCounts] = field(default_factory=list)


def _response_counts(sessions: QuerySet[Session]) -> dict[int, int]:
    rows = Response.objects.filter(survey__session_feedback__session__in=sessions).values(
        "survey__session_feedback__session"
    )
    return {row["survey__session_feedback__session"]: row["n"] for row in rows.annotate(n=Count("id"))}


def _question_counts(surveys: list[int], threshold: int, language: str) -> list[QuestionCounts]:
    """Choice counts by question code and choice code over ``surveys`` (the
    same code asked in several surveys counts together), suppressed per row."""
    answers = (
        Answer.objects.filter(question__survey_id__in=surveys, choice__isnull=False)
        .exclude(question__kind__in=QuestionKind.texts())
        .values(
            "question__code",
            "question__text_en",
            "question__text_es",
            "choice__code",
            "choice__label_en",
            "choice__label_es",
        )
        .annotate(n=Count("id"))
        .order_by("question__code", "choice__code")
    )
    answered = dict(
        Answer.objects.filter(question__survey_id__in=surveys, choice__isnull=False)
        .values_list("question__code")
        .annotate(n=Count("response_id", distinct=True))
    )
    by_code: dict[str, QuestionCounts] = {}
    counts: dict[str, dict[str, int]] = {}
    for row in answers:
        code = row["question__code"]
        text = row[f"question__text_{language}"] or row["question__text_en"]
        by_code.setdefault(code, QuestionCounts(code, text, answered.get(code, 0)))
        counts.setdefault(code, {})[
            (row["choice__code"], row[f"choice__label_{language}"] or row["choice__label_en"])
        ] = row["n"]
    for code, question in by_code.items():
        values = counts[code]
        hidden = protect_line(values, primary_hidden(values, threshold=threshold), threshold=threshold)
        question.cells = [
            ChoiceCell(label, Shown.of(n, key in hidden), None if key in hidden else percent(n, question.answered))
            for key, n in values.items()
            for label in [key[1]]
        ]
    return list(by_code.values())


def _pool_final(session: Session, surveys: list[Survey]) -> bool:
    """Whether the series' pool can no longer change: its school year is over and every pooled survey has closed
    (``Survey.status_on``). A pool shown while it still changes gives away what changed it: a small session
    joining it, by the pool shown before subtracted from the pool shown after."""
    today = timezone.localdate()
    _first, last = school_year_bounds(session.starts_at)
    return today > last and all(survey.status_on(today) == SurveyStatus.CLOSED for survey in surveys)


def session_feedback_results(*, session: Session, language: str = "en") -> FeedbackResults:
    """The session's feedback results when at least the district's threshold
    answered; otherwise the series' sessions that are each below it, pooled,
    when together they reach it (sessions shown on their own are left out of
    the pool, so nothing can be subtracted) and once the pool is final
    (``_pool_final``); otherwise nothing. Every count goes through
    ``core.suppression``."""
    threshold = session.district.suppression_threshold
    counts = _response_counts(series_of(session) | Session.objects.filter(pk=session.pk))
    own = counts.get(session.pk, 0)
    if own >= threshold:
        surveys = [session.feedback.survey_id]
        return FeedbackResults("session", threshold, own, 1, _question_counts(surveys, threshold, language))
    pool = [pk for pk, n in counts.items() if n < threshold]
    pooled = sum(counts[pk] for pk in pool)
    if pooled < threshold:
        return FeedbackResults("suppressed", threshold, None)
    surveys = list(Survey.objects.filter(session_feedback__session__in=pool))
    if not _pool_final(session, surveys):
        return FeedbackResults("later", threshold, None)
    survey_ids = [survey.pk for survey in surveys]
    return FeedbackResults("series", threshold, pooled, len(pool), _question_counts(survey_ids, threshold, language))


def feedback_results_view(*, session: Session, actor, language: str, request=None) -> FeedbackResults:
    """``session_feedback_results`` for a staff page, audited."""
    results = session_feedback_results(session=session, language=language)
    audit_record(
        actor=actor,
        kind=AuditKind.SESSION_FEEDBACK_VIEWED,
        obj=session,
        changes={"scope": results.scope},
        request=request,
        district_id=session.district_id,
    )
    return results


def issued_count(session: Session) -> int:
    """How many feedback invitations the session's attendees were given."""
    return Invitation.objects.filter(batch=_batch(session)).count()
