"""How one mail goes out: claim it with a lease, send it outside any transaction, record the result.

No database lock is held while SendGrid is called, so the Event Webhook and the
staff pages never wait behind a slow send. A send whose reply never came is
UNKNOWN, not failed: it is sent again (with the same key) only when the
confirmation window passes without a webhook event for that key.
"""

import datetime
import email.utils
import http.client
import logging
import re
from email.mime.text import MIMEText
from urllib.error import URLError

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult
from python_http_client.exceptions import HTTPError

from notifications.links import unsubscribe_url
from notifications.models import OutboundEmail, OutboundStatus
from notifications.rendering import render_email

logger = logging.getLogger(__name__)

TRANSIENT_STATUS = {408, 429, 500, 502, 503, 504}
# A Retry-After beyond this is taken as this (a misconfigured proxy must not park mail for days).
RETRY_AFTER_CEILING = datetime.timedelta(hours=6)

SENT, UNKNOWN, TRANSIENT, PERMANENT = "sent", "unknown", "transient", "permanent"


def classify(error: Exception | None) -> str:
    """What a send's outcome tells us about whether SendGrid has the mail."""
    if error is None:
        return SENT
    if isinstance(error, HTTPError):
        return TRANSIENT if getattr(error, "status_code", 500) in TRANSIENT_STATUS else PERMANENT
    if isinstance(error, URLError):
        # urllib wraps every error raised while connecting or writing the request: SendGrid never had all of it.
        return TRANSIENT
    if isinstance(error, OSError | http.client.HTTPException):
        # Raised unwrapped while waiting for or reading the reply (timeout, reset, TLS error): the request went
        # out, so SendGrid may have accepted it.
        return UNKNOWN
    return PERMANENT


def retry_after(error: Exception) -> datetime.timedelta | None:
    """SendGrid's Retry-After (seconds or an HTTP date) on a 429/503, capped; None when absent or unreadable."""
    headers = getattr(error, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    if not value:
        return None
    value = str(value).strip()
    if value.isdigit():
        wait = datetime.timedelta(seconds=int(value))
    else:
        try:
            wait = email.utils.parsedate_to_datetime(value) - timezone.now()
        except (TypeError, ValueError):
            return None
    return min(max(wait, datetime.timedelta(0)), RETRY_AFTER_CEILING)


def backoff(attempts: int) -> datetime.timedelta:
    """Exponential from NOTIFY_RETRY_BASE_SECONDS, never more than NOTIFY_RETRY_MAX_INTERVAL_SECONDS apart."""
    seconds = settings.NOTIFY_RETRY_BASE_SECONDS * (2 ** min(max(attempts - 1, 0), 20))
    return datetime.timedelta(seconds=min(seconds, settings.NOTIFY_RETRY_MAX_INTERVAL_SECONDS))


def may_retry(outbound: OutboundEmail, now: datetime.datetime) -> bool:
    """Essential mail keeps trying for NOTIFY_ESSENTIAL_RETRY_HOURS; other mail for NOTIFY_MAX_ATTEMPTS tries."""
    if outbound.essential:
        return now < outbound.retry_since + datetime.timedelta(hours=settings.NOTIFY_ESSENTIAL_RETRY_HOURS)
    return outbound.attempts < settings.NOTIFY_MAX_ATTEMPTS


def job_enqueue(outbound: OutboundEmail, *, now: datetime.datetime) -> None:
    """Enqueues a delivery job for ``outbound``, to run at its next_attempt_at (or now)."""
    due = outbound.next_attempt_at
    task = email_deliver.using(run_after=due) if due and due > now else email_deliver
    task.enqueue(outbound.pk)


def job_ensure(outbound: OutboundEmail, *, now: datetime.datetime) -> bool:
    """Enqueues a delivery job for ``outbound`` unless one already waits; returns whether it did."""
    if outbound.pk in waiting_ids(outbound.pk):
        return False
    job_enqueue(outbound, now=now)
    return True


def waiting_ids(outbound_id: int | None = None) -> set[int]:
    """Ids of mails that have a delivery job waiting to run (READY); only ``outbound_id`` is looked for if given."""
    rows = DBTaskResult.objects.filter(task_path=email_deliver.module_path, status=TaskResultStatus.READY)
    if outbound_id is not None:
        rows = rows.filter(args_kwargs__args__0=outbound_id)
    found = set()
    for args_kwargs in rows.values_list("args_kwargs", flat=True).iterator():
        args = (args_kwargs or {}).get("args") or []
        if args:
            found.add(args[0])
    return found


def mark_sent(outbound: OutboundEmail, *, when: datetime.datetime) -> None:
    outbound.status = OutboundStatus.SENT
    outbound.sent_at = outbound.sent_at or when
    outbound.lease_until = outbound.next_attempt_at = None
    # A sent PIN is not kept: the receipt is the only place it ever travels.
    outbound.context = {k: v for k, v in outbound.context.items() if k != "pin"}


# States in which a webhook event for an earlier, unanswered try proves the mail arrived.
CONFIRMABLE = (OutboundStatus.UNKNOWN, OutboundStatus.QUEUED, OutboundStatus.RETRYING, OutboundStatus.FAILED)


def confirmed(outbound: OutboundEmail) -> bool:
    """SendGrid reported an event for this mail after one of its tries got no answer: that try was accepted."""
    return outbound.last_event_at is not None and outbound.unanswered_tries > 0


def mark_unanswered(outbound: OutboundEmail, *, since: datetime.datetime, now: datetime.datetime) -> None:
    """A try got no answer: wait the confirmation window from ``since``, then send again, unless the
    mail is out of tries or already had NOTIFY_UNCONFIRMED_RESENDS resends after unanswered tries
    (each could be a copy); then it stays UNKNOWN for staff to judge."""
    outbound.status = OutboundStatus.UNKNOWN
    outbound.lease_until = None
    outbound.unanswered_tries += 1
    resend = may_retry(outbound, now) and outbound.unanswered_tries <= settings.NOTIFY_UNCONFIRMED_RESENDS
    window = datetime.timedelta(seconds=settings.NOTIFY_CONFIRM_WINDOW_SECONDS)
    outbound.next_attempt_at = since + window if resend else None


RECORD_FIELDS = [
    "status",
    "sent_at",
    "lease_until",
    "next_attempt_at",
    "context",
    "attempts",
    "last_error",
    "unanswered_tries",
]


def claim(outbound_id: int, *, now: datetime.datetime) -> OutboundEmail | None:
    """Takes the mail for sending (status SENDING, lease committed) and returns it, or None when
    there is nothing to send now: already sent or final, leased by a live worker, not yet due,
    or UNKNOWN inside its confirmation window (then a job waits for the window's end).
    Durable: the lease is committed before anything is sent, never part of a caller's transaction."""
    with transaction.atomic(durable=True):
        outbound = OutboundEmail.objects.select_for_update().filter(pk=outbound_id).first()
        if outbound is None:
            return None
        if outbound.status == OutboundStatus.SENDING:
            if outbound.lease_until and outbound.lease_until > now:
                return None
            # The worker that held the lease died mid-send: SendGrid may or may not have the mail.
            mark_unanswered(outbound, since=outbound.lease_until or now, now=now)
        if outbound.status in CONFIRMABLE and confirmed(outbound):
            mark_sent(outbound, when=outbound.last_event_at)
            outbound.save(update_fields=RECORD_FIELDS)
            return None
        if outbound.status == OutboundStatus.UNKNOWN:
            if outbound.next_attempt_at is None:
                outbound.save(update_fields=RECORD_FIELDS)  # an expired lease may have just made it final
                return None
        elif outbound.status not in (OutboundStatus.QUEUED, OutboundStatus.RETRYING):
            return None
        if outbound.next_attempt_at and outbound.next_attempt_at > now:
            outbound.save(update_fields=RECORD_FIELDS)
            job_ensure(outbound, now=now)
            return None
        outbound.status = OutboundStatus.SENDING
        outbound.lease_until = now + datetime.timedelta(seconds=settings.NOTIFY_SEND_LEASE_SECONDS)
        outbound.attempts += 1
        outbound.save(update_fields=RECORD_FIELDS)
        return outbound


def calendar_part(ics: str) -> MIMEText:
    """A calendar file (dialogue sessions) as an attachment whose content type names its iTIP
    method, which calendar apps need to add, update or cancel the event."""
    method = re.search(r"^METHOD:(\w+)", ics, re.MULTILINE)
    part = MIMEText(ics, "calendar", "utf-8")
    if method:
        part.set_param("method", method.group(1))
    part.add_header("Content-Disposition", "attachment", filename="session.ics")
    return part


def send(outbound: OutboundEmail) -> Exception | None:
    """One try through the configured backend, with the mail's key; the error, or None when accepted."""
    try:
        link = "" if outbound.essential else unsubscribe_url(outbound.to_email, outbound.template)
        subject, text, html = render_email(outbound, unsubscribe_url=link)
        message = EmailMultiAlternatives(subject, text, None, [outbound.to_email], headers={"X-CG-Key": outbound.key})
        message.attach_alternative(html, "text/html")
        if outbound.context.get("ics"):
            message.attach(calendar_part(outbound.context["ics"]))
        message.send()
    except Exception as error:  # classified by the caller; nothing may escape and lose the mail
        return error
    return None


def record(claimed: OutboundEmail, error: Exception | None, *, now: datetime.datetime) -> OutboundStatus | None:
    """Stores the outcome of the try made under ``claimed``'s lease and schedules the next try if any.
    Returns the new status, or None when the lease was lost to another worker meanwhile."""
    with transaction.atomic(durable=True):
        outbound = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=claimed.pk, status=OutboundStatus.SENDING, lease_until=claimed.lease_until)
            .first()
        )
        if outbound is None:
            return None
        kind = classify(error)
        outbound.lease_until = None
        outbound.last_error = "" if error is None else f"{type(error).__name__}: {error}"[:2000]
        if kind == UNKNOWN:
            mark_unanswered(outbound, since=now, now=now)
        if kind == SENT or confirmed(outbound):
            mark_sent(outbound, when=now)
        elif kind == UNKNOWN:
            pass  # waits out its confirmation window (or, out of resends, a person)
        elif kind == TRANSIENT and may_retry(outbound, now):
            outbound.status = OutboundStatus.RETRYING
            outbound.next_attempt_at = now + max(backoff(outbound.attempts), retry_after(error) or datetime.timedelta())
        else:
            outbound.status = OutboundStatus.FAILED
            outbound.next_attempt_at = None
            logger.error("Email %s failed for good: %s", outbound.key, outbound.last_error)
        outbound.save(update_fields=RECORD_FIELDS)
        if outbound.next_attempt_at is not None:
            job_ensure(outbound, now=now)
        return outbound.status


def deliver(outbound_id: int) -> OutboundStatus | None:
    """Claim, send, record: one try at delivering a mail, safe to run any number of times."""
    outbound = claim(outbound_id, now=timezone.now())
    if outbound is None:
        return None
    error = send(outbound)
    return record(outbound, error, now=timezone.now())


@task(queue_name="mail")
def email_deliver(outbound_id: int) -> None:
    """One try at delivering a queued mail, on the "mail" queue so a slow SendGrid never delays the
    workflow's timers. Safe to run twice: a mail already sent, being sent by a live worker, or not yet
    due is left alone."""
    deliver(outbound_id)
