"""Free-text answers: the coordinator's review queue, and what the advisory
team may read (approved comments, as redacted, from groups large enough)."""

from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone

from core.audit import AuditKind, audit_record
from surveys.models import Answer, CommentReview, CommentStatus, QuestionKind, Response, Survey

APPROVE = "approve"
HIDE = "hide"


def comment_answers(survey: Survey) -> QuerySet[Answer]:
    """Every free-text answer of ``survey``, with its review (if any) and question."""
    return (
        Answer.objects.filter(question__survey=survey, question__kind__in=QuestionKind.texts())
        .exclude(text="")
        .select_related("question", "review", "response__school")
        .order_by("question__page__position", "question__position", "id")
    )


def comment_queue(survey: Survey, status: str = CommentStatus.PENDING) -> QuerySet[Answer]:
    """The coordinator's queue: answers whose review has ``status`` (no review yet counts as pending)."""
    answers = comment_answers(survey)
    if status == CommentStatus.PENDING:
        return answers.filter(review__isnull=True) | answers.filter(review__status=CommentStatus.PENDING)
    return answers.filter(review__status=status)


@transaction.atomic
def comment_review(
    *,
    answer: Answer,
    user,
    action: str,
    redacted_text: str = "",
    safety_concern: bool = False,
    safety_note: str = "",
    request=None,
) -> CommentReview:
    """Approves (as ``redacted_text``, names taken out) or hides one comment,
    with an optional safety concern to follow up; audited. Returns the review."""
    review, _created = CommentReview.objects.select_for_update().get_or_create(answer=answer)
    review.status = CommentStatus.APPROVED if action == APPROVE else CommentStatus.HIDDEN
    review.redacted_text = (redacted_text or answer.text).strip() if action == APPROVE else redacted_text.strip()
    review.safety_concern = safety_concern
    review.safety_note = safety_note.strip() if safety_concern else ""
    review.reviewed_by = user
    review.reviewed_at = timezone.now()
    review.save()
    survey = answer.question.survey
    audit_record(
        actor=user,
        kind=AuditKind.SURVEY_COMMENT_REVIEWED,
        obj=survey,
        changes={"status": review.status, "safety_concern": review.safety_concern},
        request=request,
        district_id=survey.district_id,
    )
    return review


def readable_comments(survey: Survey, visible_school_ids: set[int] | None = None) -> QuerySet[CommentReview]:
    """Approved comments the advisory team may read: only from a school's
    respondent group with at least the district's comment threshold of
    responses (smaller groups are left out entirely)."""
    group_size = (
        Response.objects.filter(
            survey=survey,
            school_id=OuterRef("answer__response__school_id"),
            respondent_group=OuterRef("answer__response__respondent_group"),
        )
        .order_by()
        .values("survey")
        .annotate(n=Count("id"))
        .values("n")
    )
    reviews = CommentReview.objects.filter(answer__question__survey=survey, status=CommentStatus.APPROVED).annotate(
        group_size=Subquery(group_size)
    )
    reviews = reviews.filter(group_size__gte=survey.district.comment_threshold)
    if visible_school_ids is not None:
        reviews = reviews.filter(answer__response__school_id__in=visible_school_ids)
    return reviews.select_related("answer__question").order_by("answer__question__position", "answer_id")
