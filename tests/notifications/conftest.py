"""A loopback stand-in for SendGrid's v3 API, so the real SDK makes real HTTP calls in tests,
and a real ECDSA key pair to sign Event Webhook requests the way SendGrid does."""

import base64
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management import call_command

WEBHOOK_URL = "/notifications/sendgrid/events/"


class SendGridStub:
    """Answers each request with the next entry of ``script`` (a status, or a dict with ``status``,
    ``delay`` seconds before answering and extra ``headers``), then 202. A request is recorded as
    soon as it arrives: a slow reply is still a mail SendGrid accepted."""

    def __init__(self):
        self.requests: list[dict] = []
        self.script: list[int | dict] = []
        self.received = threading.Event()

    def next_reply(self) -> dict:
        step = self.script.pop(0) if self.script else 202
        return step if isinstance(step, dict) else {"status": step}

    @property
    def delivered(self) -> list[dict]:
        return [r for r in self.requests if r["status"] == 202]


def _handler(stub):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            reply = stub.next_reply()
            status = reply["status"]
            stub.requests.append(
                {"path": self.path, "headers": dict(self.headers), "json": json.loads(body or b"{}"), "status": status}
            )
            stub.received.set()
            time.sleep(reply.get("delay", 0))
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for name, value in reply.get("headers", {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(b"" if status == 202 else b'{"errors": [{"message": "stub says no"}]}')
            except OSError:
                pass  # the client gave up waiting

        def log_message(self, *args):
            pass

    return Handler


def _stub_ports() -> list[int]:
    """STUB_PORTS=8140-8149 keeps the stub inside a given range (a shared machine); by default the system picks."""
    low, _, high = os.environ.get("STUB_PORTS", "").partition("-")
    return list(range(int(low), int(high or low) + 1)) if low else [0]


@pytest.fixture
def sendgrid(settings):
    stub = SendGridStub()
    for port in _stub_ports():
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), _handler(stub))
            break
        except OSError:
            continue
    else:
        raise RuntimeError("no free port for the SendGrid stub")
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "notifications.backends.SendGridEmailBackend"
    settings.SENDGRID_API_HOST = f"http://127.0.0.1:{port}"
    settings.SENDGRID_API_KEY = "SG.test-key"
    settings.NOTIFY_RETRY_BASE_SECONDS = 0
    yield stub
    server.shutdown()
    server.server_close()


def run_worker():
    """What the mail worker does: run every due job on the mail (and default) queue, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "default,mail", verbosity=0)


@pytest.fixture
def signing_key(settings):
    """SendGrid's side of the Signed Event Webhook: the private key; the public one goes in settings."""
    private = ec.generate_private_key(ec.SECP256R1())
    public_der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    settings.SENDGRID_WEBHOOK_PUBLIC_KEY = base64.b64encode(public_der).decode()
    return private


def post_events(client, key, events, *, timestamp: str | None = None, body: str | None = None):
    """POSTs a batch of events signed like SendGrid does (timestamp + payload, ECDSA P-256, SHA-256)."""
    timestamp = str(int(time.time())) if timestamp is None else timestamp
    payload = body if body is not None else json.dumps(events)
    signature = base64.b64encode(key.sign((timestamp + payload).encode(), ec.ECDSA(hashes.SHA256()))).decode()
    return client.post(
        WEBHOOK_URL,
        payload,
        content_type="application/json",
        headers={
            "X-Twilio-Email-Event-Webhook-Signature": signature,
            "X-Twilio-Email-Event-Webhook-Timestamp": timestamp,
        },
    )
