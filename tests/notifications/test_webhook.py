"""SendGrid's signed Event Webhook, verified with a real ECDSA key pair."""

import base64
import json

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from notifications.models import AddressProblem, DeliveryEvent, OutboundEmail
from notifications.selectors import address_problem

pytestmark = pytest.mark.django_db
URL = "/notifications/sendgrid/events/"


@pytest.fixture
def signing_key(settings):
    private = ec.generate_private_key(ec.SECP256R1())
    public_der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    settings.SENDGRID_WEBHOOK_PUBLIC_KEY = base64.b64encode(public_der).decode()
    return private


def _post(client, key, events, *, timestamp="1700000000", body=None):
    payload = body if body is not None else json.dumps(events)
    signature = base64.b64encode(key.sign((timestamp + payload).encode(), ec.ECDSA(hashes.SHA256()))).decode()
    return client.post(
        URL,
        payload,
        content_type="application/json",
        headers={
            "X-Twilio-Email-Event-Webhook-Signature": signature,
            "X-Twilio-Email-Event-Webhook-Timestamp": timestamp,
        },
    )


def _events():
    return [
        {
            "email": "family@example.org",
            "event": "delivered",
            "sg_event_id": "e1",
            "timestamp": 1700000000,
            "cg_key": "receipt-1",
        },
        {
            "email": "Gone@Example.org",
            "event": "bounce",
            "sg_event_id": "e2",
            "timestamp": 1700000001,
            "reason": "550 mailbox unavailable",
            "cg_key": "receipt-2",
        },
    ]


def test_signed_events_are_recorded_and_a_bounce_marks_the_address(client, signing_key):
    OutboundEmail.objects.create(key="receipt-1", template="complaint_received", to_email="family@example.org")
    assert _post(client, signing_key, _events()).status_code == 204
    assert DeliveryEvent.objects.count() == 2
    assert OutboundEmail.objects.get(key="receipt-1").last_event == "delivered"
    assert address_problem("gone@example.org") == "bounce"
    assert address_problem("family@example.org") is None


def test_the_same_event_sent_twice_is_stored_once(client, signing_key):
    _post(client, signing_key, _events())
    _post(client, signing_key, _events())
    assert DeliveryEvent.objects.count() == 2


def test_a_wrongly_signed_request_is_rejected(client, signing_key):
    other = ec.generate_private_key(ec.SECP256R1())
    assert _post(client, other, _events()).status_code == 403
    assert not DeliveryEvent.objects.exists() and not AddressProblem.objects.exists()


def test_a_tampered_body_is_rejected(client, signing_key):
    payload = json.dumps(_events())
    timestamp = "1700000000"
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
    assert _post(client, signing_key, None, body="not json").status_code == 400
    assert _post(client, signing_key, None, body='{"an": "object"}').status_code == 400
    assert _post(client, signing_key, [{"no": "fields"}, 7]).status_code == 204


def test_without_a_configured_key_everything_is_rejected(client, settings):
    settings.SENDGRID_WEBHOOK_PUBLIC_KEY = ""
    assert client.post(URL, "[]", content_type="application/json").status_code == 403


def test_only_post_is_accepted(client):
    assert client.get(URL).status_code == 405
