"""Related complaints: two about the same incident, or one a duplicate of
another (the duplicate's review ends with an explanation to its complainant;
both keep their history). A person sees a link only when they may see both
complaints, so a link never reveals a complaint out of their scope."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.rules import complaints_for, complaints_to_relate
from complaints.models import Audience, Complaint, ComplaintLink, LinkKind, Message, MessageKind, PublicStatus
from core.audit import AuditKind, audit_record
from workflows import notify
from workflows.models import ComplaintProcess
from workflows.review.transitions import review_close_duplicate
from workflows.review.withdrawal import FINISHED


@dataclass(frozen=True)
class Related:
    """One link as seen from one complaint: the other complaint and what it is to this one."""

    link: ComplaintLink
    other: Complaint
    label: str


def related_for(user, complaint: Complaint) -> list[Related]:
    """The complaints linked to ``complaint`` that ``user`` may see (one query)."""
    visible = complaints_for(user).values("pk")
    links = (
        ComplaintLink.objects.filter(Q(complaint=complaint) | Q(other=complaint))
        .filter(complaint__in=visible, other__in=visible)
        .select_related("complaint__school", "other__school")
        .order_by("created_at", "pk")
    )
    rows = []
    for link in links:
        mine = link.complaint_id == complaint.pk
        other = link.other if mine else link.complaint
        if link.kind == LinkKind.RELATED:
            label = _("About the same incident")
        else:
            label = _("This complaint duplicates it") if mine else _("Duplicates this complaint")
        rows.append(Related(link, other, label))
    return rows


def _check_coordinates_both(user, *complaints: Complaint) -> None:
    pks = {c.pk for c in complaints}
    if complaints_to_relate(user).filter(pk__in=pks).count() != len(pks):
        raise PermissionDenied


@transaction.atomic
def complaint_link(
    *, complaint: Complaint, other: Complaint, user, kind: str, note: str = "", request=None
) -> ComplaintLink:
    """Links ``complaint`` to ``other``. With ``kind`` DUPLICATE, ``complaint``
    is the duplicate: its review ends and ``note`` is published to its
    complainant. The coordinator of both complaints only."""
    _check_coordinates_both(user, complaint, other)
    if complaint.pk == other.pk:
        raise ValidationError({"tracking_code": _("A complaint cannot be linked to itself.")})
    if ComplaintLink.objects.filter(Q(complaint=complaint, other=other) | Q(complaint=other, other=complaint)).exists():
        raise ValidationError({"tracking_code": _("These complaints are already linked.")})
    complaint = Complaint.objects.select_for_update().select_related("school").get(pk=complaint.pk)
    if kind == LinkKind.DUPLICATE:
        if complaint.public_status in FINISHED:
            raise ValidationError({"kind": _("This complaint is already closed; link it as related instead.")})
        if not note.strip():
            raise ValidationError({"note": _("Explain to the complainant why their complaint is closed.")})
    link = ComplaintLink.objects.create(complaint=complaint, other=other, kind=kind, note=note.strip(), created_by=user)
    audit_record(
        actor=user,
        kind=AuditKind.COMPLAINTS_LINKED,
        obj=complaint,
        changes={"link": [None, f"{kind}:{other.tracking_code}"]},
        request=request,
    )
    if kind == LinkKind.DUPLICATE:
        _close_as_duplicate(complaint, other, user, note.strip(), request)
    return link


def _close_as_duplicate(complaint: Complaint, original: Complaint, user, explanation: str, request) -> None:
    before = complaint.public_status
    process = ComplaintProcess.objects.filter(complaint=complaint).first()
    if process is not None:
        review_close_duplicate(process=process, user=user, explanation=explanation)
    else:  # compliments and general concerns have no review to end
        Complaint.objects.filter(pk=complaint.pk).update(public_status=PublicStatus.CLOSED)
        Message.objects.create(
            complaint=complaint, author=user, body=explanation, audience=Audience.PUBLIC, kind=MessageKind.DUPLICATE
        )
        notify.complainant_told(complaint, "public_message", key="duplicate")
    audit_record(
        actor=user,
        kind=AuditKind.COMPLAINT_MARKED_DUPLICATE,
        obj=complaint,
        changes={"public_status": [before, PublicStatus.CLOSED], "duplicate_of": [None, original.tracking_code]},
        request=request,
    )


@transaction.atomic
def complaint_unlink(*, link: ComplaintLink, user, request=None) -> None:
    """Removes a link (a duplicate stays closed: reopen it to review it again)."""
    _check_coordinates_both(user, link.complaint, link.other)
    audit_record(
        actor=user,
        kind=AuditKind.COMPLAINTS_UNLINKED,
        obj=link.complaint,
        changes={"link": [f"{link.kind}:{link.other.tracking_code}", None]},
        request=request,
    )
    link.delete()
