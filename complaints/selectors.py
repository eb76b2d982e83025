"""Read-side queries for complaints. Each takes who is looking."""

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from complaints.models import Appeal, Attachment, Audience, Complaint, Message, OutcomeLetter, PublicStatus
from complaints.tracking_session import tracking_session_allows

TRACKING_CODE_SHAPE = re.compile(r"CG-[0-9A-Z]{4}-[0-9A-Z]{4}")


def tracked_complaint(request, code: str) -> Complaint:
    """The complaint behind a tracking code, if this browser has it open (see
    complaints.tracking_session) or the signed-in person filed it; otherwise 404."""
    if not TRACKING_CODE_SHAPE.fullmatch(code or ""):
        raise Http404
    complaint = Complaint.objects.select_related("school").filter(tracking_code=code).first()
    if complaint is None:
        raise Http404
    filed_by_viewer = request.user.is_authenticated and complaint.submitted_by_id == request.user.pk
    if not filed_by_viewer and not tracking_session_allows(request, complaint=complaint):
        raise Http404
    return complaint


def complaint_with_code(code: str) -> Complaint | None:
    """The complaint with this exact tracking code, for closing it in this browser only."""
    return Complaint.objects.filter(tracking_code=code).first() if TRACKING_CODE_SHAPE.fullmatch(code or "") else None


def public_timeline(complaint: Complaint) -> QuerySet[Message]:
    """Messages the complainant may read: public ones and their own replies, never staff notes."""
    return (
        complaint.messages.filter(Q(audience=Audience.PUBLIC) | Q(from_complainant=True))
        .select_related("author")
        .order_by("created_at")
    )


def complainant_attachments(complaint: Complaint) -> QuerySet[Attachment]:
    return complaint.attachments.filter(from_complainant=True).order_by("created_at")


def complaints_filed_by(user) -> QuerySet[Complaint]:
    return Complaint.objects.filter(submitted_by=user).select_related("school").order_by("-created_at")


def attachment_for_download(request, *, code: str, attachment_id: int) -> Attachment:
    """An attachment the viewer may download through the tracking page; 404
    for anyone else. (Staff downloads come with the review workflow.)"""
    complaint = tracked_complaint(request, code)
    attachment = complainant_attachments(complaint).filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return attachment


@dataclass(frozen=True)
class PublicOutcome:
    letter: OutcomeLetter
    allegations: list
    appeal: Appeal | None
    may_appeal: bool


def public_outcome(complaint: Complaint) -> PublicOutcome | None:
    """What the complainant is told of the outcome once it is published: the
    final finding of each concern, the last day to appeal, and their appeal."""
    letter = OutcomeLetter.objects.filter(complaint=complaint, published_at__isnull=False).first()
    if letter is None:
        return None
    appeal = complaint_appeal(complaint, letter=letter)
    may_appeal = (
        appeal is None
        and complaint.public_status == PublicStatus.OUTCOME_SENT
        and (letter.appeal_until is None or letter.appeal_until >= timezone.localdate())
    )
    return PublicOutcome(letter, list(complaint.allegations.order_by("pk")), appeal, may_appeal)


def complaint_appeal(complaint: Complaint, letter: OutcomeLetter | None = None) -> Appeal | None:
    """The appeal of the complaint's current outcome (``letter``, the published one when not given): an appeal of
    an earlier outcome, before the complaint was reopened, is not it."""
    if letter is None:
        letter = OutcomeLetter.objects.filter(complaint=complaint, published_at__isnull=False).first()
    if letter is None:
        return None
    since = Appeal.objects.filter(complaint=complaint, created_at__gte=letter.published_at)
    return since.order_by("-created_at", "-pk").first()
