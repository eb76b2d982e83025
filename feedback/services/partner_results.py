"""What a round's readers see, and the concerns the coordinator answers.

* School form (anonymous): ratings per school and for the district from the
  survey engine's results (``surveys.services.results.survey_results``), so
  every number is suppressed below the district's threshold exactly as on a
  climate survey. Its comments and concerns never leave this module except to
  the coordinator's concern page.
* SRO form (openly attributed, see ``feedback.services.partner``): each SRO's
  ratings and comments with their name; a police reader sees the SROs of
  their own agency only."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import User
from core.audit import AuditKind, audit_record
from core.i18n import pick
from feedback.models import ConcernReply, MouCommitment, PartnerRound
from feedback.services.partner import COMMENT, CONCERN, RATING
from surveys.models import Answer, Attribution, QuestionKind
from surveys.services.results import survey_results


@dataclass
class CommitmentRow:
    """One commitment's ratings on the school form: (place, answers, % kept) per school and the district."""

    commitment: MouCommitment
    text: str
    rows: list = field(default_factory=list)


@dataclass
class SroAnswer:
    name: str
    school: str
    ratings: list[tuple[str, str, str]]  # (clause, rating, comment)


@dataclass
class RoundResults:
    partner_round: PartnerRound
    threshold: int
    school_side: list[CommitmentRow]
    sro_side: list[SroAnswer]


def _commitments() -> dict[str, MouCommitment]:
    return {f"{c.code}-{RATING}": c for c in MouCommitment.objects.all()}


def _school_side(partner_round: PartnerRound) -> list[CommitmentRow]:
    by_code = _commitments()
    results = survey_results(survey=partner_round.school_survey, visible_school_ids=None)
    rows = []
    for question in results.questions:
        commitment = by_code.get(question.question.code)
        if commitment is None:
            continue
        rows.append(CommitmentRow(commitment, question.text, [(r.label, r.n, r.favourable) for r in question.rows]))
    return rows


def _sro_side(partner_round: PartnerRound, emails: set[str] | None) -> list[SroAnswer]:
    attributions = Attribution.objects.filter(response__survey=partner_round.sro_survey).select_related(
        "invitation", "invitation__school", "response"
    )
    if emails is not None:
        attributions = attributions.filter(invitation__email__in=emails)
    names = {
        u.email.lower(): u.full_name or u.email
        for u in User.objects.filter(email__in=[a.invitation.email for a in attributions])
    }
    answers = Answer.objects.filter(response__in=[a.response for a in attributions]).select_related(
        "question", "choice"
    )
    by_response: dict = {}
    for answer in answers:
        by_response.setdefault(answer.response_id, {})[answer.question.code] = answer
    clauses = list(MouCommitment.objects.all())
    people = []
    for attribution in attributions:
        mine = by_response.get(attribution.response_id, {})
        ratings = []
        for c in clauses:
            rating = mine.get(f"{c.code}-{RATING}")
            comment = mine.get(f"{c.code}-{COMMENT}")
            ratings.append((c.clause, pick(rating.choice, "label") if rating else "", comment.text if comment else ""))
        school = attribution.invitation.school.name if attribution.invitation.school else ""
        people.append(SroAnswer(names.get(attribution.invitation.email, attribution.invitation.email), school, ratings))
    return people


def round_results(*, partner_round: PartnerRound, sro_emails: set[str] | None, actor, request=None) -> RoundResults:
    """A round's results for a reader (``sro_emails``: from
    ``accounts.rules.partner_sro_emails_for``). No school staff comment is in
    it. Audited."""
    audit_record(
        actor=actor,
        kind=AuditKind.PARTNER_RESULTS_VIEWED,
        obj=partner_round,
        request=request,
        district_id=partner_round.district_id,
    )
    return RoundResults(
        partner_round=partner_round,
        threshold=partner_round.district.suppression_threshold,
        school_side=_school_side(partner_round),
        sro_side=_sro_side(partner_round, sro_emails),
    )


def concerns_of(partner_round: PartnerRound) -> QuerySet[Answer]:
    """Every concern written on either form, unanswered first (coordinator only)."""
    replied = ConcernReply.objects.filter(answer=OuterRef("pk"))
    return (
        Answer.objects.filter(
            question__survey__in=[partner_round.sro_survey_id, partner_round.school_survey_id],
            question__code=CONCERN,
            question__kind=QuestionKind.LONG_TEXT,
        )
        .exclude(text="")
        .annotate(answered=Exists(replied))
        .select_related("question__survey", "concern_reply")
        .order_by("answered", "id")
    )


def open_concerns_count(partner_round: PartnerRound) -> int:
    return concerns_of(partner_round).filter(answered=False).count()


@transaction.atomic
def concern_answer(*, partner_round: PartnerRound, answer: Answer, text: str, actor, request=None) -> ConcernReply:
    """Records the coordinator's written response to a concern (once; a second call changes the text). Audited."""
    reply, created = ConcernReply.objects.update_or_create(
        answer=answer, defaults={"text": text.strip(), "answered_by": actor}
    )
    audit_record(
        actor=actor,
        kind=AuditKind.PARTNER_CONCERN_ANSWERED,
        obj=partner_round,
        changes={"concern": str(answer.pk), "first_response": created},
        request=request,
        district_id=partner_round.district_id,
    )
    return reply
