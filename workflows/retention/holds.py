"""Placing and lifting legal holds: while one is in force, nothing of its complaint is purged."""

from django.db import transaction
from django.utils import timezone

from complaints.models import Complaint
from core.audit import AuditKind, audit_record
from workflows.retention.models import LegalHold


def held_complaint_ids(*, district_id: int) -> list[int]:
    """The district's complaints under a hold in force."""
    return list(
        LegalHold.objects.filter(complaint__school__district_id=district_id, lifted_at__isnull=True)
        .values_list("complaint_id", flat=True)
        .distinct()
    )


@transaction.atomic
def legal_hold_place(*, complaint: Complaint, reason: str, by, request=None) -> LegalHold:
    """Puts ``complaint`` under a legal hold (a second hold on the same complaint is allowed: each has its reason)."""
    hold = LegalHold.objects.create(complaint=complaint, reason=reason, placed_by=by)
    audit_record(actor=by, kind=AuditKind.LEGAL_HOLD_PLACED, obj=complaint, note=reason[:200], request=request)
    return hold


@transaction.atomic
def legal_hold_lift(*, hold: LegalHold, reason: str, by, request=None) -> None:
    """Lifts one hold; the complaint is purged on schedule again once no other hold is in force."""
    hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), by, reason
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit_record(actor=by, kind=AuditKind.LEGAL_HOLD_LIFTED, obj=hold.complaint, note=reason[:200], request=request)
