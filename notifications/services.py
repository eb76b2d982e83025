"""The one way code sends mail: enqueue it here, inside the transaction that caused it."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks import task

from core.audit import AuditKind, audit_record
from core.crypto import encrypt
from notifications import delivery
from notifications.catalogue import CATALOGUE, SECRET_KEYS, is_essential
from notifications.models import RESENDABLE, OutboundEmail, OutboundStatus, Unsubscribe

# The states the resend_mail command can be asked for (see models.RESENDABLE for the full rule).
RESEND_STATUSES = (OutboundStatus.FAILED, OutboundStatus.UNKNOWN)
# A mail queued this recently still has the job its enqueue created (committed with it).
SWEEP_GRACE = datetime.timedelta(minutes=1)
SWEEP_BATCH = 5000


def _muted(to: str, template: str) -> bool:
    return Unsubscribe.objects.filter(email__iexact=to, template=template).exists()


# No savepoint of its own inside the caller's transaction (the INSERT keeps one, so that a key already taken can
# be looked up after it): every filing, reply and decision sends mail, and round trips add up.
@transaction.atomic(savepoint=False)
def email_enqueue(
    *,
    template: str,
    to: str,
    language: str,
    context: dict,
    key: str,
    essential: bool | None = None,
    user=None,
    district=None,
    new_key: bool = False,
) -> OutboundEmail | None:
    """Queues one templated email (see notifications.catalogue for names and
    context). ``to=""`` does nothing. The same ``key`` twice sends once. Mails
    the recipient turned off are recorded as suppressed and not sent;
    essential mails (receipts, outcomes, emergencies) always go. ``new_key``:
    the key names a record created in the caller's transaction, so no mail can
    have it yet and the mail is simply inserted (no savepoint to catch a taken key)."""
    if not to:
        return None
    if template not in CATALOGUE:
        raise ValueError(f"Unknown email template {template!r}")
    essential = is_essential(template) if essential is None else essential
    stored = {k: (encrypt(str(v)) if k in SECRET_KEYS and v else v) for k, v in context.items()}
    outbound = OutboundEmail(
        key=key,
        template=template,
        to_email=to.strip().lower(),
        language=language[:2],
        context=stored,
        essential=essential,
        user=user,
        district=district,
    )
    if new_key:
        outbound.save(force_insert=True)
    else:
        try:
            # Saved first and looked up only when the key is taken (get_or_create reads first): a key is nearly
            # always new.
            with transaction.atomic():
                outbound.save(force_insert=True)
        except IntegrityError:
            existing = OutboundEmail.objects.filter(key=key).first()
            if existing is None:
                raise
            return existing
    if not essential and _muted(to, template):
        outbound.status = OutboundStatus.SUPPRESSED
        outbound.save(update_fields=["status"])
        return outbound
    delivery.email_deliver.enqueue(outbound.pk)
    return outbound


@transaction.atomic
def email_jobs_restore(*, now: datetime.datetime | None = None) -> int:
    """Gives a delivery job back to every mail that should still go out and has none waiting:
    QUEUED or RETRYING mail whose job was lost, UNKNOWN mail still to be confirmed or resent, and
    mail left SENDING past its lease by a worker that died. Safe to run any number of times.
    Returns how many jobs were enqueued."""
    now = now or timezone.now()
    pending = (
        OutboundEmail.objects.filter(
            Q(status=OutboundStatus.QUEUED, created_at__lt=now - SWEEP_GRACE)
            | Q(status=OutboundStatus.RETRYING)
            | Q(status=OutboundStatus.UNKNOWN, next_attempt_at__isnull=False)
            | Q(status=OutboundStatus.SENDING, lease_until__lt=now)
        )
        .order_by("created_at")
        .only("pk", "status", "next_attempt_at")
    )
    waiting = delivery.waiting_ids()
    restored = 0
    # Mail that has its job is skipped before counting, so a long outage's backlog cannot hide newer lost mail.
    for outbound in pending.iterator():
        if outbound.pk in waiting:
            continue
        if outbound.status == OutboundStatus.SENDING:
            outbound.next_attempt_at = None  # the job itself decides what an expired lease means
        delivery.job_enqueue(outbound, now=now)
        restored += 1
        if restored >= SWEEP_BATCH:
            break
    return restored


@transaction.atomic
def email_resend(*, outbound: OutboundEmail, by=None, request=None, note: str = "") -> bool:
    """Sends a failed mail, or an unconfirmed one past its automatic tries, again, now, with a fresh
    retry window; audited. Returns False (and changes nothing) for any other mail. Scope is the
    caller's business: views get the mail through ``selectors.get_outbound_for_user``."""
    locked = OutboundEmail.objects.select_for_update().filter(pk=outbound.pk).first()
    if locked is None or not locked.can_resend:
        return False
    before = locked.status
    locked.status = OutboundStatus.QUEUED
    locked.next_attempt_at = locked.lease_until = None
    locked.retry_since = timezone.now()
    locked.attempts = locked.unanswered_tries = 0
    update = ["status", "next_attempt_at", "lease_until", "retry_since", "attempts", "unanswered_tries"]
    locked.save(update_fields=update)
    audit_record(
        actor=by,
        kind=AuditKind.MAIL_RESENT,
        obj=locked,
        changes={"status": [before, OutboundStatus.QUEUED.value]},
        note=note,
        request=request,
    )
    delivery.email_deliver.enqueue(locked.pk)
    return True


def resend_candidates(
    *, statuses: tuple[str, ...], since: datetime.datetime, district_id: int | None = None
) -> QuerySet[OutboundEmail]:
    """Resendable mail (models.RESENDABLE) in ``statuses`` (FAILED and/or UNKNOWN) queued since
    ``since``, optionally of one district."""
    if not set(statuses) <= set(RESEND_STATUSES):
        raise ValueError(f"Only {', '.join(RESEND_STATUSES)} mail can be resent")
    rows = OutboundEmail.objects.filter(RESENDABLE, status__in=statuses, created_at__gte=since)
    return rows if district_id is None else rows.filter(district_id=district_id)


def emails_resend(
    *, outbounds: QuerySet[OutboundEmail], by=None, request=None, note: str = "", limit: int | None = None
) -> int:
    """Resends each mail of ``outbounds`` that may be resent (``email_resend``), oldest first, at most
    ``limit`` of them, each in its own audited transaction, so one long batch never holds many locks.
    Returns how many were resent."""
    rows = outbounds.filter(RESENDABLE).order_by("created_at")
    resent = 0
    for outbound in (rows[:limit] if limit else rows).iterator():
        resent += email_resend(outbound=outbound, by=by, request=request, note=note)
    return resent


@transaction.atomic
def unsubscribe(*, email: str, template: str) -> None:
    Unsubscribe.objects.get_or_create(email=email.lower(), template=template)


@transaction.atomic
def preferences_save(*, user, muted: set[str]) -> None:
    """Sets which optional mails ``user`` does not want."""
    optional = {name for name, entry in CATALOGUE.items() if not entry[0]}
    Unsubscribe.objects.filter(email=user.email.lower(), template__in=optional - muted).delete()
    for template in muted & optional:
        Unsubscribe.objects.get_or_create(email=user.email.lower(), template=template)


@task(queue_name="mail")
def email_sweep() -> int:
    """Periodic (settings.PERIODIC_TASKS): gives a delivery job back to every mail that should still
    go out but has none waiting (a lost job, a worker killed mid-send). Idempotent; returns how many
    jobs it enqueued."""
    return email_jobs_restore()
