"""Mail goes out through the worker and the real SendGrid SDK, retried, never lost, never twice."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import email_enqueue
from tests.notifications.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

CONTEXT = {"tracking_code": "CG-7KQ4-M2XD", "pin": "123456", "school_name": "Lincoln High", "track_path": "/t/"}


def _receipt(key="receipt-1", to="family@example.org", language="en"):
    with transaction.atomic():
        return email_enqueue(template="complaint_received", to=to, language=language, context=CONTEXT, key=key)


def test_a_mail_goes_out_through_the_sendgrid_api_with_its_key(sendgrid):
    _receipt()
    run_worker()
    [request] = sendgrid.requests
    assert request["path"] == "/v3/mail/send"
    assert request["headers"]["Authorization"] == "Bearer SG.test-key"
    body = request["json"]
    assert body["personalizations"][0]["to"] == [{"email": "family@example.org"}]
    assert body["subject"] == "We received your message (CG-7KQ4-M2XD)"
    assert [c["type"] for c in body["content"]] == ["text/plain", "text/html"]
    assert "Your PIN: 123456" in body["content"][0]["value"]
    assert "http://127.0.0.1:8000/t/" in body["content"][1]["value"]
    assert body["custom_args"] == {"cg_key": "receipt-1"}
    outbound = OutboundEmail.objects.get()
    assert outbound.status == OutboundStatus.SENT
    assert "pin" not in outbound.context  # the PIN is not kept once sent


def test_the_pin_never_waits_in_plain_text(sendgrid):
    _receipt()
    assert "123456" not in str(OutboundEmail.objects.get().context)
    assert "123456" not in str(DBTaskResult.objects.get().args_kwargs)


def test_a_rolled_back_change_sends_nothing(sendgrid):
    with pytest.raises(RuntimeError), transaction.atomic():
        email_enqueue(template="complaint_received", to="a@example.org", language="en", context=CONTEXT, key="k")
        raise RuntimeError("the complaint failed to save")
    run_worker()
    assert not OutboundEmail.objects.exists() and sendgrid.requests == []


def test_three_server_errors_then_success_deliver_exactly_once(sendgrid):
    sendgrid.script = [500, 500, 500]
    _receipt()
    run_worker()
    assert [r["status"] for r in sendgrid.requests] == [500, 500, 500, 202]
    assert len(sendgrid.delivered) == 1
    outbound = OutboundEmail.objects.get()
    assert (outbound.status, outbound.attempts) == (OutboundStatus.SENT, 4)


def test_rate_limiting_is_retried(sendgrid):
    sendgrid.script = [429]
    _receipt()
    run_worker()
    assert [r["status"] for r in sendgrid.requests] == [429, 202]


def test_a_permanent_refusal_is_recorded_not_retried(sendgrid):
    sendgrid.script = [400]
    _receipt()
    run_worker()
    assert len(sendgrid.requests) == 1
    outbound = OutboundEmail.objects.get()
    assert outbound.status == OutboundStatus.FAILED and "BadRequestsError" in outbound.last_error


def test_non_essential_mail_gives_up_after_the_last_attempt_and_says_so(sendgrid, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 2
    sendgrid.script = [503, 503, 503]
    with transaction.atomic():
        email_enqueue(
            template="status_changed",
            to="family@example.org",
            language="en",
            context={"tracking_code": "CG-7KQ4-M2XD", "track_path": "/t/"},
            key="status-1",
        )
    run_worker()
    assert len(sendgrid.requests) == 2
    assert OutboundEmail.objects.get().status == OutboundStatus.FAILED


def test_the_same_key_twice_sends_once(sendgrid):
    _receipt()
    _receipt()
    run_worker()
    run_worker()
    assert len(sendgrid.delivered) == 1


def test_no_address_means_no_mail_and_no_error(sendgrid):
    assert _receipt(to="") is None
    run_worker()
    assert sendgrid.requests == []
