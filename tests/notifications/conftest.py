"""A loopback stand-in for SendGrid's v3 API, so the real SDK makes real HTTP calls in tests."""

import json
import random
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command


class SendGridStub:
    def __init__(self):
        self.requests: list[dict] = []
        self.script: list[int] = []  # statuses to answer, in order; then 202

    def next_status(self) -> int:
        return self.script.pop(0) if self.script else 202

    @property
    def delivered(self) -> list[dict]:
        return [r for r in self.requests if r["status"] == 202]


def _handler(stub):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = stub.next_status()
            stub.requests.append(
                {"path": self.path, "headers": dict(self.headers), "json": json.loads(body or b"{}"), "status": status}
            )
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"" if status == 202 else b'{"errors": [{"message": "stub says no"}]}')

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def sendgrid(settings):
    stub = SendGridStub()
    for _ in range(20):
        port = random.randint(20000, 32000)
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), _handler(stub))
            break
        except OSError:
            continue
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
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
