"""SendGrid Event Webhook: signed events about delivered, bounced, dropped and spam-reported mail."""

import datetime
import json

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from sendgrid.helpers.eventwebhook import EventWebhook
from sendgrid.helpers.eventwebhook.eventwebhook_header import EventWebhookHeader

from notifications.models import AddressProblem, DeliveryEvent, OutboundEmail

PROBLEM_EVENTS = {"bounce", "dropped", "spamreport"}
MAX_BODY = 1024 * 1024


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


@transaction.atomic
def events_record(events: list[dict]) -> int:
    """Stores each event once (by sg_event_id) and marks problem addresses."""
    stored = 0
    for event in events:
        if not isinstance(event, dict) or not event.get("sg_event_id") or not event.get("email"):
            continue
        when = datetime.datetime.fromtimestamp(int(event.get("timestamp", 0)), tz=datetime.UTC)
        outbound = OutboundEmail.objects.filter(key=str(event.get("cg_key", ""))).first()
        _, created = DeliveryEvent.objects.get_or_create(
            sg_event_id=str(event["sg_event_id"])[:100],
            defaults={
                "outbound": outbound,
                "email": event["email"][:254],
                "event": str(event.get("event", ""))[:30],
                "occurred_at": when,
                "reason": str(event.get("reason", ""))[:2000],
            },
        )
        if not created:
            continue
        stored += 1
        if outbound is not None:
            OutboundEmail.objects.filter(pk=outbound.pk).update(last_event=str(event.get("event", ""))[:30])
        if event.get("event") in PROBLEM_EVENTS:
            AddressProblem.objects.update_or_create(
                email=event["email"].lower()[:254],
                defaults={"event": event["event"], "reason": str(event.get("reason", ""))[:2000], "since": when},
            )
    return stored


@csrf_exempt
@require_POST
def sendgrid_events(request):
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        return HttpResponseBadRequest()
    payload = request.body.decode("utf-8", errors="replace")
    if not _signed(request, payload):
        return HttpResponseForbidden("bad signature")
    try:
        events = json.loads(payload)
    except ValueError:
        return HttpResponseBadRequest()
    if not isinstance(events, list):
        return HttpResponseBadRequest()
    events_record(events)
    return HttpResponse(status=204)
