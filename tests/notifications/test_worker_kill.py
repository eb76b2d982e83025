"""A real mail worker process killed with SIGKILL in the middle of a send. The mail is neither lost
nor, once SendGrid's webhook confirms it, sent twice.

PostgreSQL: the worker subprocess uses the test database. SQLite: the test database lives in memory,
so it is copied to a file for the worker and copied back once the worker is dead.
"""

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone

from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import email_enqueue, email_sweep
from tests.notifications.conftest import post_events, run_worker

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


class SharedDatabase:
    """The test database as the worker subprocess reaches it: a URL, and for SQLite a file copy."""

    def __init__(self, folder: Path):
        self.file = folder / "worker.sqlite3"

    def url(self) -> str:
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            return f"sqlite:///{self.file}"
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"

    def push(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def pull(self) -> None:
        if connection.vendor == "sqlite":
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)


def test_a_mail_worker_killed_mid_send_loses_nothing_and_sends_once_when_sendgrid_confirms(
    sendgrid, settings, client, signing_key, tmp_path
):
    shared = SharedDatabase(tmp_path)
    sendgrid.script = [{"status": 202, "delay": 60}]  # SendGrid has the mail; the reply never comes back
    with transaction.atomic():
        email_enqueue(
            template="complaint_received",
            to="family@example.org",
            language="en",
            context={"tracking_code": "CG-7KQ4-M2XD", "pin": "123456", "school_name": "A High", "track_path": "/t/"},
            key="receipt-kill",
        )
    shared.push()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": shared.url(),
        "EMAIL_BACKEND": settings.EMAIL_BACKEND,
        "SENDGRID_API_HOST": settings.SENDGRID_API_HOST,
        "SENDGRID_API_KEY": settings.SENDGRID_API_KEY,
        "SENDGRID_TIMEOUT_SECONDS": "30",
    }
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "db_worker", "--queue-name", "mail", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert sendgrid.received.wait(30), "the worker never reached SendGrid"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    shared.pull()
    outbound = OutboundEmail.objects.get()
    assert outbound.status == OutboundStatus.SENDING  # what the dead worker left behind

    # SendGrid reports the mail it accepted; the row is not locked by anyone.
    assert (
        post_events(
            client,
            signing_key,
            [
                {
                    "email": "family@example.org",
                    "event": "processed",
                    "sg_event_id": "k1",
                    "timestamp": int(time.time()),
                    "cg_key": "receipt-kill",
                },
            ],
        ).status_code
        == 200
    )

    # Time passes beyond the lease; the periodic sweep gives the mail a job again.
    OutboundEmail.objects.filter(pk=outbound.pk).update(lease_until=timezone.now() - datetime.timedelta(seconds=1))
    assert email_sweep.call() == 1
    run_worker()
    outbound.refresh_from_db()
    assert outbound.status == OutboundStatus.SENT and "pin" not in outbound.context
    assert len(sendgrid.requests) == 1
