"""What people (and the worker) do to a monthly review.

Every function runs in one transaction, checks that the person holds the step's rule
(``accounts.rules.MonthlyRule``), drives the viewflow task and writes the audit log in that transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from accounts.models import Officer, RosterAssignment
from accounts.rules import MonthlyRule, logging_officer, may_monthly
from activity.models import FlagResolution
from activity.services.flags import event_flags
from core.audit import AuditKind, audit_record
from workflows.activation import task_complete
from workflows.monthly.models import MonthlyCertification, MonthlyReview
from workflows.monthly.selectors import flagged_events
from workflows.review.selectors import OPEN


def _check(task: Task, user, rule: str) -> MonthlyReview:
    """The task's review, if the task is open and ``user`` holds ``rule`` on it."""
    review = MonthlyReview.objects.select_related("school__district").get(pk=task.process_id)
    if task.status not in OPEN or not may_monthly(user, rule, review):
        raise PermissionDenied
    return review


def rostered_officers(review: MonthlyReview):
    """Officers with an account rostered at the review's school during its month: they certify it."""
    roster = RosterAssignment.objects.filter(school_id=review.school_id, starts_on__lte=review.ends_on).exclude(
        ends_on__lt=review.month
    )
    return Officer.objects.filter(pk__in=roster.values("officer_id"), user__is_active=True).order_by("full_name")


def officers_to_certify(review: MonthlyReview):
    """Rostered officers who have not certified this round yet."""
    done = review.certifications.filter(round=review.round).values("officer_id")
    return rostered_officers(review).exclude(pk__in=done)


@transaction.atomic
def monthly_certify(*, task: Task, user) -> bool:
    """``user`` (an SRO rostered at the school) certifies their records of the month; True when it was the last
    certification of the round and the review moved on to the school."""
    review = _check(task, user, MonthlyRule.CERTIFY)
    officer = logging_officer(user)
    if officer is None or not rostered_officers(review).filter(pk=officer.pk).exists():
        raise PermissionDenied
    MonthlyCertification.objects.get_or_create(
        review=review,
        round=review.round,
        officer=officer,
        defaults={"certified_by": user, "certified_at": timezone.now()},
    )
    audit_record(actor=user, kind=AuditKind.MONTHLY_CERTIFIED, obj=review, note=f"round {review.round}")
    if officers_to_certify(review).exists():
        return False
    task_complete(task, user)
    return True


def _send_back(review: MonthlyReview, user, reason: str) -> None:
    review.sent_back, review.sent_back_reason = True, reason
    review.round += 1
    review.save(update_fields=["sent_back", "sent_back_reason", "round"])
    audit_record(actor=user, kind=AuditKind.MONTHLY_SENT_BACK, obj=review, note=reason[:300])


def _resolutions_save(review: MonthlyReview, user, resolutions: dict[tuple[int, str], str]) -> None:
    """Writes the given resolutions; raises ValidationError (keyed by field name) for every flag left without."""
    missing = {}
    now = timezone.now()
    for event in flagged_events(review):
        for check in event_flags(event):
            text = (resolutions.get((event.pk, check.code)) or "").strip()
            if not text:
                if check.code not in {r.code for r in event.flag_resolutions.all()}:
                    missing[resolution_field(event.pk, check.code)] = _("Write how this flag was resolved.")
                continue
            FlagResolution.objects.update_or_create(
                event=event, code=check.code, defaults={"text": text, "resolved_by": user, "resolved_at": now}
            )
            audit_record(actor=user, kind=AuditKind.FLAG_RESOLVED, obj=event, note=check.code)
    if missing:
        raise ValidationError(missing)


def resolution_field(event_id: int, code: str) -> str:
    """The form field holding the resolution of flag ``code`` on event ``event_id``."""
    return f"resolution_{event_id}_{code}"


@transaction.atomic
def monthly_school_review(
    *, task: Task, user, comments: str, resolutions: dict[tuple[int, str], str], send_back_reason: str = ""
) -> None:
    """The school administrator's review: sent back to the SROs with ``send_back_reason``, or passed to the
    coordinator once every flag of the month has a written resolution (ValidationError per missing one)."""
    review = _check(task, user, MonthlyRule.SCHOOL_REVIEW)
    review.comments, review.reviewed_by, review.reviewed_at = comments, user, timezone.now()
    review.save(update_fields=["comments", "reviewed_by", "reviewed_at"])
    if send_back_reason:
        _send_back(review, user, send_back_reason)
    else:
        _resolutions_save(review, user, resolutions)
        MonthlyReview.objects.filter(pk=review.pk).update(sent_back=False)
        audit_record(actor=user, kind=AuditKind.MONTHLY_SCHOOL_REVIEWED, obj=review)
    task_complete(task, user)


@transaction.atomic
def monthly_accept(*, task: Task, user, send_back_reason: str = "") -> None:
    """The coordinator accepts the month (locked, summary mailed) or sends it back to the SROs.

    Raises ValidationError when a flag raised since the school's review has no resolution."""
    review = _check(task, user, MonthlyRule.ACCEPT)
    if send_back_reason:
        _send_back(review, user, send_back_reason)
    else:
        if any(event_flags(e, unresolved=True) for e in flagged_events(review)):
            raise ValidationError(_("A flag has no written resolution: send the month back for correction."))
        review.sent_back, review.accepted_by, review.accepted_at = False, user, timezone.now()
        review.save(update_fields=["sent_back", "accepted_by", "accepted_at"])
        audit_record(actor=user, kind=AuditKind.MONTHLY_ACCEPTED, obj=review)
    task_complete(task, user)
