"""What the worker deletes on schedule, district by district; the audit log records counts, never content.

Closed complaints go whole (their file, messages, review and tasks); before that, their attachments and written
messages may go sooner if the district says so. Mail keeps its delivery record but loses its contents; survey
invitations keep their counts (response rates) but lose their addresses. Nothing of a complaint under a legal hold
is touched, its audit entries included.
"""

import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import District
from complaints.models import Attachment, Complaint, Message, MessageKind, PublicStatus
from core.audit import AuditKind, audit_events_purge, audit_record
from notifications.models import UNSENT_STATUSES, OutboundEmail
from surveys.models import Invitation
from workflows.models import ComplaintProcess
from workflows.retention.holds import held_complaint_ids
from workflows.retention.models import RecordType
from workflows.retention.schedule import retention_cutoffs

logger = logging.getLogger(__name__)


def retention_purge_all(*, now: datetime.datetime | None = None) -> dict[int, dict[str, int]]:
    """Purges every district on its schedule; returns counts per district (only districts where something went)."""
    now = now or timezone.now()
    done = {}
    for district in District.objects.order_by("pk"):
        counts = retention_purge(district=district, now=now)
        if any(counts.values()):
            done[district.pk] = counts
    return done


@transaction.atomic
def retention_purge(*, district: District, now: datetime.datetime) -> dict[str, int]:
    """Purges what ``district``'s schedule says is due at ``now``; records the counts in the audit log."""
    cutoffs = retention_cutoffs(district=district, now=now)
    held = held_complaint_ids(district_id=district.pk)
    counts = {
        RecordType.ATTACHMENTS: _attachments(district, cutoffs[RecordType.ATTACHMENTS], held),
        RecordType.MESSAGES: _messages(district, cutoffs[RecordType.MESSAGES], held),
        RecordType.CLOSED_COMPLAINTS: _complaints(district, cutoffs[RecordType.CLOSED_COMPLAINTS], held),
        RecordType.MAIL_BODIES: _mail_bodies(district, cutoffs[RecordType.MAIL_BODIES]),
        RecordType.SURVEY_INVITATIONS: _invitations(district, cutoffs[RecordType.SURVEY_INVITATIONS]),
        RecordType.AUDIT_EVENTS: _audit_events(district, cutoffs[RecordType.AUDIT_EVENTS], held),
    }
    counts = {str(kind): count for kind, count in counts.items()}
    if any(counts.values()):
        audit_record(actor=None, kind=AuditKind.RETENTION_PURGED, obj=district, changes={"purged": counts})
    return counts


def _closed_before(district: District, cutoff: datetime.datetime, held: list[int]):
    return Complaint.objects.filter(
        school__district=district,
        public_status=PublicStatus.CLOSED,
        process__finished__isnull=False,
        process__finished__lt=cutoff,
    ).exclude(pk__in=held)


def _attachments(district, cutoff, held) -> int:
    files = Attachment.objects.filter(complaint__in=_closed_before(district, cutoff, held))
    names = list(files.values_list("file", flat=True))
    count = files.delete()[0]
    _files_delete_after_commit(names)
    return count


def _messages(district, cutoff, held) -> int:
    # Events (routed, closed…) carry no text of their own; only what people wrote is removed, the timeline stays.
    written = Message.objects.filter(complaint__in=_closed_before(district, cutoff, held), kind=MessageKind.NOTE)
    return written.exclude(body="").update(body="")


def _complaints(district, cutoff, held) -> int:
    doomed = list(_closed_before(district, cutoff, held).values_list("pk", flat=True))
    if not doomed:
        return 0
    names = list(Attachment.objects.filter(complaint_id__in=doomed).values_list("file", flat=True))
    # The review (process, tasks, due dates, queue rows) protects its complaint: it goes first.
    ComplaintProcess.objects.filter(complaint_id__in=doomed).delete()
    Complaint.objects.filter(pk__in=doomed).delete()
    _files_delete_after_commit(names)
    return len(doomed)


def _mail_bodies(district, cutoff) -> int:
    old = OutboundEmail.objects.filter(district=district, created_at__lt=cutoff).exclude(status__in=UNSENT_STATUSES)
    return old.exclude(context={}).update(context={})


def _invitations(district, cutoff) -> int:
    closed = Invitation.objects.filter(survey__district=district, survey__closes_on__lt=cutoff.date())
    return closed.filter(~Q(email="") | ~Q(code_encrypted="")).update(email="", code_encrypted="")


def _audit_events(district, cutoff, held) -> int:
    complaint_type = ContentType.objects.get_for_model(Complaint)
    keep = Q(content_type=complaint_type, object_id__in=[str(pk) for pk in held]) if held else None
    return audit_events_purge(district_id=district.pk, before=cutoff, keep=keep)


def _files_delete_after_commit(names: list[str]) -> None:
    storage = Attachment._meta.get_field("file").storage

    def delete():
        for name in names:
            try:
                storage.delete(name)
            except OSError as exc:  # the hourly orphan purge removes it later: no row points to it any more
                logger.warning("retention could not remove %s: %s", name, exc)

    transaction.on_commit(delete)
