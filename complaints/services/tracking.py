"""Following a complaint with its tracking code and PIN, and replying."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from complaints.models import Complaint, Message
from complaints.services.attachments import PreparedFile, attachment_store, files_removed_on_rollback
from complaints.services.codes import tracking_code_normalise
from core.sanitize import sanitize_html


@dataclass(frozen=True)
class TrackingResult:
    complaint: Complaint | None = None
    locked_until: datetime.datetime | None = None


@transaction.atomic
def complaint_unlock(*, code: str, pin: str) -> TrackingResult:
    """Checks a tracking code and PIN.

    Wrong PINs count against the code; after COMPLAINT_PIN_MAX_FAILURES in a
    row the code is locked for COMPLAINT_PIN_LOCK_MINUTES, even for the right
    PIN. An unknown code looks exactly like a wrong PIN.
    """
    complaint = Complaint.objects.select_for_update().filter(tracking_code=tracking_code_normalise(code)).first()
    if complaint is None:
        make_password(pin)  # the same hashing work as a real check, so timing reveals nothing
        return TrackingResult()
    now = timezone.now()
    if complaint.locked_until and complaint.locked_until > now:
        return TrackingResult(locked_until=complaint.locked_until)
    if check_password(pin, complaint.pin_hash):
        Complaint.objects.filter(pk=complaint.pk).update(pin_failures=0, locked_until=None)
        return TrackingResult(complaint=complaint)
    failures = complaint.pin_failures + 1
    locked_until = None
    if failures >= settings.COMPLAINT_PIN_MAX_FAILURES:
        failures, locked_until = 0, now + datetime.timedelta(minutes=settings.COMPLAINT_PIN_LOCK_MINUTES)
    Complaint.objects.filter(pk=complaint.pk).update(pin_failures=failures, locked_until=locked_until)
    return TrackingResult(locked_until=locked_until)


@files_removed_on_rollback
@transaction.atomic
def complaint_reply(*, complaint: Complaint, body: str, files: list[PreparedFile]) -> Message | None:
    """Adds the complainant's message and files to the complaint's timeline."""
    message = None
    if body.strip():
        message = Message.objects.create(
            complaint=complaint, body=sanitize_html(body), from_complainant=True, is_public=True
        )
    for prepared in files:
        attachment_store(complaint=complaint, prepared=prepared, from_complainant=True)
    return message
