"""The complainant's optional satisfaction question after the outcome, asked through the survey engine.

Each district has one standing survey (purpose "complainant satisfaction", anonymous): was the process fair, clear
and timely (a five-point scale) and a comment. When the outcome letter is published, or a complaint closes outside
scope, the complaint gets a one-time invitation to it. Its code is derived from the complaint with a keyed hash,
so it is stored nowhere beside the complaint: the tracking page's link recomputes it. The answers are an ordinary
anonymous response (no timestamp, user, invitation or complaint on it), counted by school and respondent group
like every survey, and shown only through the survey results' suppression.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import District
from complaints.models import Complaint, FilerRole
from surveys.codes import ALPHABET, code_hash
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

QUESTIONS = (
    ("SAT-FAIR", QuestionKind.AGREE5, "The process was fair.", "El proceso fue justo."),
    ("SAT-CLEAR", QuestionKind.AGREE5, "The process was clear to me.", "El proceso me resultó claro."),
    ("SAT-TIMELY", QuestionKind.AGREE5, "The process was timely.", "El proceso se hizo a tiempo."),
    (
        "SAT-COMMENT",
        QuestionKind.LONG_TEXT,
        "Anything else you want the district to know (optional; please do not write names)",
        "Algo más que quiera que el distrito sepa (opcional; por favor no escriba nombres)",
    ),
)
_GROUPS = {
    FilerRole.STUDENT: RespondentGroup.STUDENT,
    FilerRole.GUARDIAN: RespondentGroup.GUARDIAN,
    FilerRole.STAFF: RespondentGroup.STAFF,
}


def satisfaction_code(complaint: Complaint) -> str:
    """The complaint's one-time code for the satisfaction question (the same every time, never stored)."""
    digest = salted_hmac("workflows.satisfaction", str(complaint.pk), algorithm="sha256").digest()
    return "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:12])


def satisfaction_survey_for(district: District) -> Survey:
    """The district's standing satisfaction survey, created (published, open from today) the first time."""
    survey = Survey.objects.filter(district=district, purpose=Purpose.COMPLAINT_SATISFACTION).order_by("pk").first()
    if survey is not None:
        return survey
    survey = Survey.objects.create(
        district=district,
        purpose=Purpose.COMPLAINT_SATISFACTION,
        title_en="How did the complaint process go?",
        title_es="¿Cómo fue el proceso de su queja?",
        intro_en="Three quick questions, all optional. Your answers are anonymous: nothing links them to your "
        "complaint or to you.",
        intro_es="Tres preguntas rápidas, todas opcionales. Sus respuestas son anónimas: nada las vincula con su "
        "queja ni con usted.",
        thanks_en="Thank you. The district reads these answers to improve how complaints are handled.",
        thanks_es="Gracias. El distrito lee estas respuestas para mejorar cómo se atienden las quejas.",
        groups=list(RespondentGroup.values),
        opens_on=timezone.localdate(),
        anonymity=AnonymityMode.ANONYMOUS,
        estimated_minutes=2,
        published_at=timezone.now(),
    )
    page = Page.objects.create(survey=survey, position=1)
    for position, (code, kind, text_en, text_es) in enumerate(QUESTIONS, start=1):
        question = Question.objects.create(
            survey=survey, page=page, position=position, code=code, kind=kind, text_en=text_en, text_es=text_es
        )
        QuestionChoice.objects.bulk_create(QuestionChoice(question=question, **row) for row in choice_rows(kind, []))
    return survey


@transaction.atomic
def satisfaction_offer(complaint: Complaint) -> Invitation:
    """The complaint's invitation to the satisfaction question, issued once (later calls return the same one)."""
    survey = satisfaction_survey_for(complaint.school.district)
    survey.schools.add(complaint.school)
    code = satisfaction_code(complaint)
    invitation, _ = Invitation.objects.get_or_create(
        code_hash=code_hash(code, purpose="invitation"),
        defaults={
            "survey": survey,
            "school": complaint.school,
            "group": _GROUPS.get(complaint.filer_role, RespondentGroup.COMMUNITY),
            "kind": InvitationKind.CODE,
            "language": complaint.preferred_language,
        },
    )
    return invitation


def satisfaction_invitation(complaint: Complaint) -> Invitation | None:
    """The complaint's invitation, if one was issued."""
    return Invitation.objects.filter(code_hash=code_hash(satisfaction_code(complaint), purpose="invitation")).first()
