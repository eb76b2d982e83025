"""MOU partner feedback rounds: opening one builds its two forms on the survey
engine (purpose ``partner_feedback``) from the MOU commitments, and invites
the district's SROs and school administrators by mail (the engine's
invitations and mail); school staff without an account use the school form's
open link per school (Surveys → the form → Reaching people).

Anonymity, decided once and said on each form's first page:
* The SRO form is **confidential and openly attributed**: with one SRO per
  school an anonymous answer would be known anyway, so each SRO's answers are
  shown with their name to the coordinator, the advisory team and their
  agency's supervisor.
* The school form is **anonymous**: ratings are shown per school and for the
  district only where at least the district's threshold answered
  (``surveys.services.results``); comments and concerns never reach the
  police (the coordinator reads them; the advisory team reads comments the
  coordinator approved in the engine's comment review)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import District
from accounts.rules import partner_invitees
from core.audit import AuditKind, audit_record
from core.crypto import encrypt
from feedback.models import MouCommitment, PartnerRound, PartnerSide
from feedback.mou import DEFAULT_COMMITMENTS
from surveys.codes import code_generate, code_hash
from surveys.models import (
    AnonymityMode,
    Invitation,
    InvitationKind,
    Page,
    Purpose,
    Question,
    QuestionChoice,
    QuestionKind,
    RespondentGroup,
    Survey,
)
from surveys.scales import choice_rows
from surveys.services.invitations import invitation_mail_enqueue

CONCERN = "concern"
RATING, COMMENT = "rating", "comment"

# (side) -> title, first page text, English and Spanish.
FORM_TEXTS = {
    PartnerSide.SRO: (
        "MOU partner feedback: SROs on the school partnership",
        "Opinión sobre el MOU: los SRO sobre la colaboración con la escuela",
        "Rate how the school kept each commitment of the MOU this semester, with comments. Your answers are NOT "
        "anonymous: they are shown with your name to the district coordinator, the advisory team and your agency's "
        "supervisor, because with one SRO per school they could not be kept anonymous.",
        "Valore cómo cumplió la escuela cada compromiso del MOU este semestre, con comentarios. Sus respuestas NO son "
        "anónimas: se muestran con su nombre a la coordinación del distrito, al equipo asesor y a la supervisión de "
        "su agencia, porque con un solo SRO por escuela no podrían ser anónimas.",
    ),
    PartnerSide.SCHOOL: (
        "MOU partner feedback: school staff on the SRO partnership",
        "Opinión sobre el MOU: el personal escolar sobre la colaboración con el SRO",
        "Rate how each commitment of the MOU was kept this semester, with comments. Your answers are anonymous. "
        "Ratings are shown per school only when enough people answered. Your comments and concerns are never passed "
        "to the police: the district coordinator reads them, and the advisory team reads only comments the "
        "coordinator approved with names taken out. A concern gets a written response.",
        "Valore cómo se cumplió cada compromiso del MOU este semestre, con comentarios. Sus respuestas son anónimas. "
        "Las valoraciones se muestran por escuela solo si respondieron suficientes personas. Sus comentarios y "
        "preocupaciones nunca se pasan a la policía: los lee la coordinación del distrito, y el equipo asesor solo "
        "lee los comentarios que la coordinación aprobó sin nombres. Una preocupación recibe una respuesta por "
        "escrito.",
    ),
}


def question_code(commitment: MouCommitment, part: str) -> str:
    """``<commitment code>-rating`` / ``-comment``: results find the clause by this prefix."""
    return f"{commitment.code}-{part}"


def _questions(survey: Survey, page: Page, commitments: list[MouCommitment]) -> None:
    position = 0
    for commitment in commitments:
        for part, kind, en, es in (
            (RATING, QuestionKind.AGREE4, commitment.text_en, commitment.text_es),
            (COMMENT, QuestionKind.LONG_TEXT, "Comments on this commitment", "Comentarios sobre este compromiso"),
        ):
            position += 1
            question = Question.objects.create(
                survey=survey,
                page=page,
                position=position,
                code=question_code(commitment, part),
                kind=kind,
                text_en=f"{en} (MOU {commitment.clause})" if part == RATING else en,
                text_es=f"{es} (MOU {commitment.clause})" if part == RATING else es,
            )
            QuestionChoice.objects.bulk_create(
                QuestionChoice(question=question, **row) for row in choice_rows(kind, [])
            )
    Question.objects.create(
        survey=survey,
        page=page,
        position=position + 1,
        code=CONCERN,
        kind=QuestionKind.LONG_TEXT,
        text_en="A concern you want the district coordinator to answer in writing",
        text_es="Una preocupación que quiere que la coordinación del distrito responda por escrito",
    )


def commitments_ensure() -> list[MouCommitment]:
    """The MOU commitments, the default set created when there are none."""
    if not MouCommitment.objects.exists():
        for position, (code, clause, text_en, text_es) in enumerate(DEFAULT_COMMITMENTS):
            MouCommitment.objects.create(code=code, clause=clause, text_en=text_en, text_es=text_es, position=position)
    return list(MouCommitment.objects.all())


def _form(district: District, side: str, label: str, opens_on, closes_on, actor) -> Survey:
    title_en, title_es, intro_en, intro_es = FORM_TEXTS[side]
    survey = Survey.objects.create(
        district=district,
        purpose=Purpose.PARTNER_FEEDBACK,
        title_en=f"{title_en} ({label})",
        title_es=f"{title_es} ({label})",
        intro_en=intro_en,
        intro_es=intro_es,
        thanks_en="Thank you. The coordinator reads every answer.",
        thanks_es="Gracias. La coordinación lee todas las respuestas.",
        groups=[RespondentGroup.STAFF],
        opens_on=opens_on,
        closes_on=closes_on,
        anonymity=AnonymityMode.CONFIDENTIAL if side == PartnerSide.SRO else AnonymityMode.ANONYMOUS,
        estimated_minutes=10,
        published_at=timezone.now(),
        published_by=actor,
        created_by=actor,
    )
    survey.schools.set(district.schools.all())
    _questions(survey, Page.objects.create(survey=survey, position=1), commitments_ensure())
    return survey


def _invite(survey: Survey, people: list[tuple], district: District) -> int:
    sent = 0
    for user, school_id in people:
        if not user.email:
            continue
        code = code_generate()
        invitation = Invitation.objects.create(
            survey=survey,
            school_id=school_id,
            group=RespondentGroup.STAFF,
            kind=InvitationKind.EMAIL,
            email=user.email.lower(),
            language=user.preferred_language or "en",
            code_hash=code_hash(code, purpose="invitation"),
            code_encrypted=encrypt(code),
        )
        invitation_mail_enqueue(invitation, code, district=district, user=user)
        sent += 1
    return sent


class RoundRefused(Exception):
    """The round cannot be opened (the message says why)."""


@transaction.atomic
def partner_round_open(
    *, district: District, label: str, opens_on: datetime.date, closes_on: datetime.date, actor, request=None
) -> PartnerRound:
    """Opens the semester's round: both forms, published, and a mailed
    invitation to each SRO and school administrator of ``district``. Audited."""
    if closes_on < opens_on:
        raise RoundRefused(_("The closing date cannot be before the opening date."))
    if PartnerRound.objects.filter(district=district, label=label).exists():
        raise RoundRefused(_("This district already has a round with that name."))
    sro_survey = _form(district, PartnerSide.SRO, label, opens_on, closes_on, actor)
    school_survey = _form(district, PartnerSide.SCHOOL, label, opens_on, closes_on, actor)
    partner_round = PartnerRound.objects.create(
        district=district, label=label, sro_survey=sro_survey, school_survey=school_survey, opened_by=actor
    )
    sros, admins = partner_invitees(district)
    counts = {
        "sro_invited": _invite(sro_survey, sros, district),
        "school_invited": _invite(school_survey, admins, district),
    }
    audit_record(
        actor=actor,
        kind=AuditKind.PARTNER_ROUND_OPENED,
        obj=partner_round,
        changes=counts,
        request=request,
        district_id=district.pk,
    )
    return partner_round
