"""SendGrid's signed Event Webhook, verified with a real ECDSA key pair."""

import base64
import json
import time

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from notifications.models import AddressProblem, DeliveryEvent, OutboundEmail
from notifications.selectors import address_problem
from tests.notifications.conftest import WEBHOOK_URL as URL
from tests.notifications.conftest import post_events

pytestmark = pytest.mark.django_db


def _events(now=None):
    now = int(now or time.time())
    return [
        {
            "email": "family@example.org",
            "event": "delivered",
            "sg_event_id": "e1",
            "timestamp": now - 60,
            "cg_key": "receipt-1",
        },
        {
            "email": "Gone@Example.org",
            "event": "bounce",
            "sg_event_id": "e2",
            "timestamp": now - 59,
            "reason": "550 mailbox unavailable",
            "cg_key": "receipt-2",
        },
    ]


def _receipt(key="receipt-1"):
    return OutboundEmail.objects.create(key=key, template="complaint_received", to_email="family@example.org")


def test_signed_events_are_recorded_and_a_bounce_marks_the_address(client, signing_key):
    _receipt()
    assert post_events(client, signing_key, _events()).status_code == 200
    assert DeliveryEvent.objects.count() == 2
    assert OutboundEmail.objects.get(key="receipt-1").last_event == "delivered"
    assert address_problem("gone@example.org") == "bounce"
    assert address_problem("family@example.org") is None


def test_the_same_event_sent_twice_is_stored_once(client, signing_key):
    post_events(client, signing_key, _events())
    post_events(client, signing_key, _events())
    assert DeliveryEvent.objects.count() == 2


def test_a_wrongly_signed_request_is_rejected(client, signing_key):
    other = ec.generate_private_key(ec.SECP256R1())
    assert post_events(client, other, _events()).status_code == 403
    assert not DeliveryEvent.objects.exists() and not AddressProblem.objects.exists()


def test_a_tampered_body_is_rejected(client, signing_key):
    payload = json.dumps(_events())
    timestamp = str(int(time.time()))
    signature = base64.b64encode(signing_key.sign((timestamp + payload).encode(), ec.ECDSA(hashes.SHA256()))).decode()
    response = client.post(
        URL,
        payload.replace("bounce", "delivered"),
        content_type="application/json",
        headers={
            "X-Twilio-Email-Event-Webhook-Signature": signature,
            "X-Twilio-Email-Event-Webhook-Timestamp": timestamp,
        },
    )
    assert response.status_code == 403


def test_an_unsigned_request_is_rejected(client, signing_key):
    assert client.post(URL, json.dumps(_events()), content_type="application/json").status_code == 403


def test_garbage_is_refused_without_an_error(client, signing_key):
    assert post_events(client, signing_key, None, body="not json").status_code == 400
    assert post_events(client, signing_key, None, body='{"an": "object"}').status_code == 400
    assert post_events(client, signing_key, [{"no": "fields"}, 7]).status_code == 200


def test_without_a_configured_key_everything_is_rejected(client, settings):
    settings.SENDGRID_WEBHOOK_PUBLIC_KEY = ""
    assert client.post(URL, "[]", content_type="application/json").status_code == 403


def test_only_post_is_accepted(client):
    assert client.get(URL).status_code == 405


# --- Issue 10 #6: per-event validation, freshness, event-time order -------------------------------


def test_a_malformed_event_is_skipped_and_the_good_events_of_its_batch_are_kept(client, signing_key, caplog):
    _receipt()
    now = int(time.time())
    batch = [
        {"email": "x@example.org", "event": "delivered", "sg_event_id": "bad1", "timestamp": "yesterday"},
        {"email": ["not", "a", "string"], "event": "bounce", "sg_event_id": "bad2", "timestamp": now},
        {"email": "y@example.org", "event": {"a": 1}, "sg_event_id": "bad3", "timestamp": now},
        *_events(now),
    ]
    response = post_events(client, signing_key, batch)
    assert response.status_code == 200
    assert set(DeliveryEvent.objects.values_list("sg_event_id", flat=True)) == {"e1", "e2"}
    assert OutboundEmail.objects.get(key="receipt-1").last_event == "delivered"
    assert address_problem("gone@example.org") == "bounce"
    assert "skipped" in caplog.text and "bad1" in caplog.text


def test_an_event_with_a_nul_character_is_skipped_and_the_good_events_of_its_batch_are_kept(client, signing_key):
    _receipt()
    now = int(time.time())
    nul = {"email": "x@example.org", "event": "bounce", "sg_event_id": "n\x00l", "timestamp": now}
    events = _events(now)
    events[1]["reason"] = "550\x00 mailbox unavailable"  # a NUL in the free text is dropped, the event kept
    response = post_events(client, signing_key, [nul, *events])
    assert response.status_code == 200
    assert set(DeliveryEvent.objects.values_list("sg_event_id", flat=True)) == {"e1", "e2"}
    assert address_problem("x@example.org") is None
    assert DeliveryEvent.objects.get(sg_event_id="e2").reason == "550 mailbox unavailable"


def test_a_signed_request_older_than_ten_minutes_is_refused(client, signing_key):
    stale = str(int(time.time()) - 601)
    assert post_events(client, signing_key, _events(), timestamp=stale).status_code == 403
    assert not DeliveryEvent.objects.exists()
    fresh = str(int(time.time()) - 590)
    assert post_events(client, signing_key, _events(), timestamp=fresh).status_code == 200


def test_a_signed_request_from_the_far_future_is_refused(client, signing_key):
    future = str(int(time.time()) + 3600)
    assert post_events(client, signing_key, _events(), timestamp=future).status_code == 403
    assert post_events(client, signing_key, _events(), timestamp="soon").status_code == 403
    assert not DeliveryEvent.objects.exists()


def test_the_freshness_window_is_a_setting(client, signing_key, settings):
    settings.NOTIFY_WEBHOOK_MAX_AGE_SECONDS = 60
    assert post_events(client, signing_key, _events(), timestamp=str(int(time.time()) - 120)).status_code == 403


def test_events_of_one_batch_apply_in_event_time_order(client, signing_key):
    _receipt()
    now = int(time.time())
    batch = [
        {
            "email": "family@example.org",
            "event": "open",
            "sg_event_id": "o",
            "timestamp": now - 10,
            "cg_key": "receipt-1",
        },
        {
            "email": "family@example.org",
            "event": "processed",
            "sg_event_id": "p",
            "timestamp": now - 30,
            "cg_key": "receipt-1",
        },
        {
            "email": "family@example.org",
            "event": "delivered",
            "sg_event_id": "d",
            "timestamp": now - 20,
            "cg_key": "receipt-1",
        },
    ]
    assert post_events(client, signing_key, batch).status_code == 200
    assert OutboundEmail.objects.get(key="receipt-1").last_event == "open"


def test_an_older_event_arriving_later_never_overwrites_a_newer_status(client, signing_key):
    _receipt()
    now = int(time.time())
    bounce = {
        "email": "family@example.org",
        "event": "bounce",
        "sg_event_id": "b",
        "timestamp": now - 5,
        "cg_key": "receipt-1",
    }
    late = {
        "email": "family@example.org",
        "event": "processed",
        "sg_event_id": "p",
        "timestamp": now - 50,
        "cg_key": "receipt-1",
    }
    post_events(client, signing_key, [bounce])
    post_events(client, signing_key, [late])
    outbound = OutboundEmail.objects.get(key="receipt-1")
    assert outbound.last_event == "bounce"
    assert int(outbound.last_event_at.timestamp()) == now - 5
    assert DeliveryEvent.objects.count() == 2  # the late event is still kept in the history
