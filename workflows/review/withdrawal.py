"""Withdraw and reopen: the complainant withdraws from the tracking page, the
coordinator reopens a closed (or withdrawn) complaint. Both are steps of
ComplaintFlow (workflows.review.transitions), audited and on the timeline."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.rules import ComplaintRule, may
from complaints.models import Audience, Complaint, Message, MessageKind, PublicStatus
from core.audit import AuditKind, audit_record
from workflows import notify
from workflows.models import ComplaintProcess
from workflows.review.transitions import review_reopen, review_withdraw

FINISHED = (PublicStatus.CLOSED, PublicStatus.WITHDRAWN)


def may_withdraw(complaint: Complaint) -> bool:
    """Whether the complainant may still withdraw ``complaint`` (it is not closed yet)."""
    return complaint.public_status not in FINISHED


@transaction.atomic
def complaint_withdraw(*, complaint: Complaint, reason: str = "", request=None) -> Complaint:
    """The complainant withdraws ``complaint``; ``reason`` (optional) is kept
    with their other replies, read by the school side and the coordinator."""
    complaint = Complaint.objects.select_for_update().select_related("school").get(pk=complaint.pk)
    if not may_withdraw(complaint):
        raise ValidationError(_("This complaint is already closed."))
    before = complaint.public_status
    if reason.strip():
        Message.objects.create(
            complaint=complaint, body=reason.strip(), from_complainant=True, audience=Audience.SCHOOL
        )
    process = ComplaintProcess.objects.filter(complaint=complaint).first()
    if process is not None:
        review_withdraw(process=process)
    else:  # compliments and general concerns have no review to end
        Complaint.objects.filter(pk=complaint.pk).update(public_status=PublicStatus.WITHDRAWN)
        notify.complainant_told(complaint, "status_changed", key="withdrawn", event=MessageKind.WITHDRAWN)
    audit_record(
        actor=None,
        kind=AuditKind.COMPLAINT_WITHDRAWN,
        obj=complaint,
        changes={"public_status": [before, PublicStatus.WITHDRAWN], "reason_given": [None, bool(reason.strip())]},
        request=request,
    )
    complaint.refresh_from_db()
    return complaint


def may_reopen(user, complaint: Complaint) -> bool:
    """Whether ``user`` may reopen ``complaint``: its coordinator, once it is closed or withdrawn."""
    return (
        complaint.public_status in FINISHED
        and hasattr(complaint, "process")
        and may(user, ComplaintRule.COORDINATE, complaint)
    )


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, user, reason: str, request=None) -> Complaint:
    """The coordinator reopens a closed or withdrawn complaint at triage; the
    reason is a note to everyone on the case and in the audit log."""
    complaint = Complaint.objects.select_for_update().select_related("school").get(pk=complaint.pk)
    if not may(user, ComplaintRule.COORDINATE, complaint):
        raise PermissionDenied
    if not may_reopen(user, complaint):
        raise ValidationError(_("Only a closed or withdrawn complaint can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the complaint is reopened.")})
    before = complaint.public_status
    Message.objects.create(complaint=complaint, author=user, body=reason.strip(), audience=Audience.CASE)
    review_reopen(process=complaint.process)
    audit_record(
        actor=user,
        kind=AuditKind.COMPLAINT_REOPENED,
        obj=complaint,
        changes={"public_status": [before, PublicStatus.RECEIVED], "route": [complaint.process.route, ""]},
        note=reason.strip()[:500],
        request=request,
    )
    complaint.refresh_from_db()
    return complaint
