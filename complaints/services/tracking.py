"""Following a complaint with its tracking code and PIN, and replying."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from complaints.models import Audience, Complaint, Message, TrackingLockout
from complaints.services.attachments import PreparedFile, attachment_store, files_removed_on_rollback
from complaints.services.codes import pin_hash_check, pin_hash_make, tracking_code_normalise
from complaints.signals import complainant_replied


def _lockout_key(code: str, client: str) -> str:
    return salted_hmac("complaints.lockout", f"{code}|{client}", algorithm="sha256").hexdigest()


@transaction.atomic
def complaint_unlock(*, code: str, pin: str, client: str) -> Complaint | None:
    """The complaint when ``code`` and ``pin`` match; None for every failure.

    Wrong PINs count against the code *from this client* (its address): after
    COMPLAINT_PIN_MAX_FAILURES in a row that client is refused for that code for
    COMPLAINT_PIN_LOCK_MINUTES, even with the right PIN, and may then try again.
    Other clients (the family at home) are not affected. An unknown code, a wrong
    PIN and a lockout all return None, so a failure never tells whether a code
    exists. No row is locked while the PIN is hashed.
    """
    code = tracking_code_normalise(code)
    key = _lockout_key(code, client)
    now = timezone.now()
    if TrackingLockout.objects.filter(key=key, locked_until__gt=now).exists():
        pin_hash_check(pin, None)  # the same work as an open code, so timing says nothing
        return None
    complaint = Complaint.objects.select_related("school").filter(tracking_code=code).first() if code else None
    matched, upgrade = pin_hash_check(pin, complaint.pin_hash if complaint else None)
    if not matched:
        _failure_record(key=key, now=now)
        return None
    TrackingLockout.objects.filter(key=key).delete()
    if upgrade:
        # Only if nobody changed it meanwhile; the old hash keeps working anyway.
        Complaint.objects.filter(pk=complaint.pk, pin_hash=complaint.pin_hash).update(pin_hash=pin_hash_make(pin))
    return complaint


def _failure_record(*, key: str, now: datetime.datetime) -> None:
    window = datetime.timedelta(minutes=settings.COMPLAINT_PIN_LOCK_MINUTES)
    lockout, _ = TrackingLockout.objects.select_for_update().get_or_create(key=key, defaults={"updated_at": now})
    if (lockout.locked_until and lockout.locked_until <= now) or lockout.updated_at < now - window:
        lockout.failures, lockout.locked_until = 0, None  # the lock (or the last try) is over: start afresh
    lockout.failures += 1
    if lockout.failures >= settings.COMPLAINT_PIN_MAX_FAILURES:
        lockout.failures, lockout.locked_until = 0, now + window
    lockout.updated_at = now
    lockout.save()
    TrackingLockout.objects.filter(updated_at__lt=now - max(window, datetime.timedelta(days=1))).delete()


@files_removed_on_rollback
@transaction.atomic
def complaint_reply(*, complaint: Complaint, body: str, files: list[PreparedFile]) -> Message | None:
    """Adds the complainant's message and files to the complaint's timeline."""
    message = None
    if body.strip():
        message = Message.objects.create(
            complaint=complaint, body=body.strip(), from_complainant=True, audience=Audience.SCHOOL
        )
    for prepared in files:
        attachment_store(complaint=complaint, prepared=prepared, from_complainant=True)
    complainant_replied.send(sender=Complaint, complaint=complaint, message=message)
    return message
