"""SendGrid Event Webhook: signed events about processed, delivered, bounced, dropped and spam-reported mail.

A signed batch is answered 200 even when some of its events are malformed: those are skipped (and
logged), the others applied in event-time order. A request whose signed timestamp is outside the
freshness window is refused, so a captured request cannot be replayed later.
"""

import datetime
import json
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from sendgrid.helpers.eventwebhook import EventWebhook
from sendgrid.helpers.eventwebhook.eventwebhook_header import EventWebhookHeader

from notifications.catalogue import PROBLEM_EVENTS
from notifications.delivery import CONFIRMABLE, confirmed, mark_sent
from notifications.models import AddressProblem, DeliveryEvent, OutboundEmail

logger = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
# Events of the same second apply in the order of a mail's life.
EVENT_RANK = {"processed": 0, "deferred": 1, "delivered": 2, "bounce": 2, "dropped": 2, "open": 3, "click": 4}
LATE_RANK = 5  # spamreport, unsubscribe and anything newer
# Clocks drift a little; a signed time further ahead than this is not believed.
FUTURE_TOLERANCE_SECONDS = 120


def _signed(request, payload: str) -> bool:
    key = settings.SENDGRID_WEBHOOK_PUBLIC_KEY
    signature = request.headers.get(EventWebhookHeader.SIGNATURE, "")
    timestamp = request.headers.get(EventWebhookHeader.TIMESTAMP, "")
    if not (key and signature and timestamp):
        return False
    try:
        return EventWebhook(public_key=key).verify_signature(payload, signature, timestamp)
    except (ValueError, TypeError):
        return False


def _fresh(timestamp: str) -> bool:
    """The signed timestamp is at most NOTIFY_WEBHOOK_MAX_AGE_SECONDS old and not in the far future."""
    try:
        signed_at = int(timestamp)
    except ValueError:
        return False
    now = time.time()
    return now - settings.NOTIFY_WEBHOOK_MAX_AGE_SECONDS <= signed_at <= now + FUTURE_TOLERANCE_SECONDS


@dataclass(frozen=True)
class Event:
    sg_event_id: str
    email: str
    event: str
    when: datetime.datetime
    reason: str
    cg_key: str

    @property
    def order(self) -> tuple:
        return (self.when, EVENT_RANK.get(self.event, LATE_RANK), self.sg_event_id)


def _text(raw: dict, name: str, *, limit: int, required: bool = True) -> str:
    value = raw.get(name, "")
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError(f"{name} is not text")
    value = str(value).strip()
    if "\x00" in value:  # no text column holds one (PostgreSQL refuses it): a malformed event on every database
        raise ValueError(f"{name} holds a NUL character")
    if required and not value:
        raise ValueError(f"{name} is missing")
    if len(value) > limit:
        raise ValueError(f"{name} is too long")
    return value


def event_parse(raw) -> Event:
    """One event of a batch, checked field by field; ValueError says what is wrong with it."""
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    email = _text(raw, "email", limit=254)
    if "@" not in email:
        raise ValueError("email is not an address")
    stamp = raw.get("timestamp")
    if isinstance(stamp, bool) or not isinstance(stamp, int | str) or not str(stamp).isdigit():
        raise ValueError("timestamp is not a number of seconds")
    if int(stamp) > time.time() + FUTURE_TOLERANCE_SECONDS:
        raise ValueError("timestamp is in the future")
    return Event(
        sg_event_id=_text(raw, "sg_event_id", limit=100),
        email=email.lower(),
        event=_text(raw, "event", limit=30),
        when=datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC),
        reason=str(raw.get("reason", "")).replace("\x00", "")[:2000],
        cg_key=_text(raw, "cg_key", limit=200, required=False),
    )


def _newer(event: Event, outbound: OutboundEmail) -> bool:
    if outbound.last_event_at is None:
        return True
    last = (outbound.last_event_at, EVENT_RANK.get(outbound.last_event, LATE_RANK))
    return (event.when, EVENT_RANK.get(event.event, LATE_RANK)) >= last


def _apply_to_outbound(event: Event, outbound: OutboundEmail) -> None:
    fields = []
    if _newer(event, outbound):
        outbound.last_event, outbound.last_event_at = event.event, event.when
        fields += ["last_event", "last_event_at"]
    if outbound.status in CONFIRMABLE and confirmed(outbound):
        # Any event for the key means SendGrid accepted a try whose reply we never got.
        mark_sent(outbound, when=event.when)
        fields += ["status", "sent_at", "lease_until", "next_attempt_at", "context"]
    if fields:
        outbound.save(update_fields=fields)


def _apply_to_address(event: Event) -> None:
    problem, created = AddressProblem.objects.get_or_create(
        email=event.email, defaults={"event": event.event, "reason": event.reason, "since": event.when}
    )
    if not created and problem.since < event.when:
        problem.event, problem.reason, problem.since = event.event, event.reason, event.when
        problem.save(update_fields=["event", "reason", "since"])


@transaction.atomic
def event_record(event: Event) -> bool:
    """Stores one event once (by sg_event_id); updates its mail's last event unless a newer one is
    already recorded, confirms an UNKNOWN mail, marks problem addresses. Returns whether it was new."""
    outbound = OutboundEmail.objects.select_for_update().filter(key=event.cg_key).first() if event.cg_key else None
    _, created = DeliveryEvent.objects.get_or_create(
        sg_event_id=event.sg_event_id,
        defaults={
            "outbound": outbound,
            "email": event.email,
            "event": event.event,
            "occurred_at": event.when,
            "reason": event.reason,
        },
    )
    if not created:
        return False
    if outbound is not None:
        _apply_to_outbound(event, outbound)
    if event.event in PROBLEM_EVENTS:
        _apply_to_address(event)
    return True


def events_record(raw_events: list) -> int:
    """Validates each event on its own, applies the good ones oldest first, each in its own
    transaction, and skips (logging why) the rest. Returns how many new events were stored."""
    events = []
    for raw in raw_events:
        try:
            events.append(event_parse(raw))
        except ValueError as why:
            ident = raw.get("sg_event_id") if isinstance(raw, dict) else None
            logger.warning("Webhook event skipped (%s): sg_event_id=%.100r", why, ident)
    stored = 0
    for event in sorted(events, key=lambda e: e.order):
        try:
            stored += event_record(event)
        except DatabaseError:
            logger.exception("Webhook event %s could not be stored", event.sg_event_id)
    return stored


@csrf_exempt
@require_POST
def sendgrid_events(request):
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return HttpResponseBadRequest()
    payload = request.body.decode("utf-8", errors="replace")
    if not _signed(request, payload):
        return HttpResponseForbidden("bad signature")
    if not _fresh(request.headers.get(EventWebhookHeader.TIMESTAMP, "")):
        return HttpResponseForbidden("stale or future timestamp")
    try:
        events = json.loads(payload)
    except ValueError:
        return HttpResponseBadRequest()
    if not isinstance(events, list):
        return HttpResponseBadRequest()
    events_record(events)
    return HttpResponse(status=200)
