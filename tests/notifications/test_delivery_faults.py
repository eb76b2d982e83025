"""Faults on the way to SendGrid (real SDK, loopback stub): slow replies, outages, Retry-After,
workers that die mid-send. Nothing is lost, nothing is sent twice when SendGrid tells us it has it."""

import datetime
import threading
import time

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications.delivery import email_deliver
from notifications.models import OutboundEmail, OutboundStatus
from notifications.services import email_enqueue, email_sweep
from tests.notifications.conftest import post_events, run_worker
from tests.ports import free_port

pytestmark = pytest.mark.django_db(transaction=True)

CONTEXT = {"tracking_code": "CG-7KQ4-M2XD", "pin": "123456", "school_name": "Lincoln High", "track_path": "/t/"}


def _receipt(key="receipt-1"):
    with transaction.atomic():
        return email_enqueue(
            template="complaint_received", to="family@example.org", language="en", context=CONTEXT, key=key
        )


def _status_mail(key="status-1"):
    with transaction.atomic():
        return email_enqueue(
            template="status_changed",
            to="family@example.org",
            language="en",
            context={"tracking_code": "CG-7KQ4-M2XD", "track_path": "/t/"},
            key=key,
        )


def _processed(key, sg_event_id="p1"):
    return [
        {
            "email": "family@example.org",
            "event": "processed",
            "sg_event_id": sg_event_id,
            "timestamp": int(time.time()),
            "cg_key": key,
        }
    ]


def _time_passes():
    """What waiting out the confirmation window (or a retry's wait) looks like to the worker."""
    now = timezone.now()
    DBTaskResult.objects.filter(status="READY").update(run_after=now)
    OutboundEmail.objects.filter(next_attempt_at__gt=now).update(next_attempt_at=now)


# --- 1. claim, send, record: no row lock while SendGrid is called ---------------------------------


def test_a_webhook_update_is_not_held_up_by_a_mail_being_sent(sendgrid, settings, client, signing_key):
    settings.SENDGRID_TIMEOUT_SECONDS = 20
    sendgrid.script = [{"status": 202, "delay": 8}]
    outbound = _receipt()
    worker = threading.Thread(target=email_deliver.call, args=[outbound.pk])
    worker.start()
    try:
        assert sendgrid.received.wait(10), "the worker never reached SendGrid"
        started = time.monotonic()
        response = post_events(client, signing_key, _processed("receipt-1"))
        elapsed = time.monotonic() - started
        still_sending = worker.is_alive()
    finally:
        worker.join(30)
    assert response.status_code == 200
    # The webhook finished while SendGrid was still holding the send (its reply takes 8 s).
    assert still_sending and elapsed < 5, f"the webhook waited {elapsed:.1f} s behind the send"
    outbound.refresh_from_db()
    assert (outbound.status, outbound.last_event) == (OutboundStatus.SENT, "processed")
    assert len(sendgrid.delivered) == 1


def test_a_mail_being_sent_by_a_live_worker_is_not_sent_again_by_another(sendgrid):
    outbound = _receipt()
    OutboundEmail.objects.filter(pk=outbound.pk).update(
        status=OutboundStatus.SENDING, lease_until=timezone.now() + datetime.timedelta(minutes=2)
    )
    run_worker()
    assert sendgrid.requests == []
    assert OutboundEmail.objects.get().status == OutboundStatus.SENDING


# --- 2. a timeout is "unknown": the same key, and a confirmation window before any resend ---------


@pytest.fixture
def slow_first_reply(sendgrid, settings):
    """SendGrid accepts the first request but answers after the client stopped waiting."""
    settings.SENDGRID_TIMEOUT_SECONDS = 0.5
    sendgrid.script = [{"status": 202, "delay": 1.5}]
    return sendgrid


def test_a_reply_slower_than_the_timeout_is_delivered_once_when_the_webhook_confirms(
    slow_first_reply, client, signing_key
):
    _receipt()
    run_worker()
    outbound = OutboundEmail.objects.get()
    assert outbound.status == OutboundStatus.UNKNOWN
    assert len(slow_first_reply.requests) == 1  # no immediate resend
    assert post_events(client, signing_key, _processed("receipt-1")).status_code == 200
    outbound.refresh_from_db()
    assert outbound.status == OutboundStatus.SENT and "pin" not in outbound.context
    _time_passes()
    run_worker()
    assert len(slow_first_reply.delivered) == 1


def test_a_reply_slower_than_the_timeout_is_sent_at_most_twice_when_the_webhook_never_confirms(
    slow_first_reply, settings
):
    _receipt()
    run_worker()
    run_worker()
    assert len(slow_first_reply.requests) == 1  # waiting out the confirmation window
    [job] = DBTaskResult.objects.filter(status="READY")
    window = job.run_after - timezone.now()
    assert datetime.timedelta(minutes=9) < window <= datetime.timedelta(seconds=settings.NOTIFY_CONFIRM_WINDOW_SECONDS)
    _time_passes()
    run_worker()
    _time_passes()
    run_worker()
    assert len(slow_first_reply.delivered) == 2
    keys = [r["json"]["headers"]["X-CG-Key"] for r in slow_first_reply.requests]
    assert keys == ["receipt-1", "receipt-1"]
    assert [r["json"]["custom_args"] for r in slow_first_reply.requests] == [{"cg_key": "receipt-1"}] * 2
    assert OutboundEmail.objects.get().status == OutboundStatus.SENT


def test_replies_that_never_come_and_no_webhook_give_at_most_two_copies(sendgrid, settings):
    settings.SENDGRID_TIMEOUT_SECONDS = 0.5
    sendgrid.script = [{"status": 202, "delay": 1.5}] * 5  # SendGrid accepts each try, always too slowly
    _receipt()
    for _ in range(4):
        run_worker()
        _time_passes()
        email_sweep.call()
    assert len(sendgrid.requests) == 2
    outbound = OutboundEmail.objects.get()
    assert (outbound.status, outbound.next_attempt_at) == (OutboundStatus.UNKNOWN, None)
    assert outbound.can_resend  # left for a person to judge, on the delivery page


def test_a_worker_killed_mid_send_leaves_the_mail_unconfirmed_then_the_sweep_finishes_it(sendgrid):
    outbound = _receipt()
    DBTaskResult.objects.all().delete()  # the job died with its worker
    OutboundEmail.objects.filter(pk=outbound.pk).update(
        status=OutboundStatus.SENDING, attempts=1, lease_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert email_sweep.call() == 1
    assert email_sweep.call() == 0  # idempotent: the job it made is waiting
    run_worker()
    outbound.refresh_from_db()
    assert outbound.status == OutboundStatus.UNKNOWN and sendgrid.requests == []
    _time_passes()
    run_worker()
    outbound.refresh_from_db()
    assert outbound.status == OutboundStatus.SENT and len(sendgrid.delivered) == 1


# --- 3. Retry-After, 72 hours for essential mail, a capped interval ------------------------------


def test_retry_after_from_sendgrid_is_honoured(sendgrid):
    sendgrid.script = [{"status": 429, "headers": {"Retry-After": "120"}}]
    _receipt()
    run_worker()
    assert len(sendgrid.requests) == 1  # not retried at once, though the backoff base is 0
    outbound = OutboundEmail.objects.get()
    assert outbound.status == OutboundStatus.RETRYING
    wait = outbound.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=100) < wait <= datetime.timedelta(seconds=120)
    [job] = DBTaskResult.objects.filter(status="READY")
    assert job.run_after == outbound.next_attempt_at


def test_a_503_with_a_retry_after_date_is_honoured(sendgrid):
    from email.utils import format_datetime

    later = format_datetime(timezone.now() + datetime.timedelta(minutes=5), usegmt=True)
    sendgrid.script = [{"status": 503, "headers": {"Retry-After": later}}]
    _receipt()
    run_worker()
    wait = OutboundEmail.objects.get().next_attempt_at - timezone.now()
    assert datetime.timedelta(minutes=4) < wait <= datetime.timedelta(minutes=5)


def test_essential_mail_keeps_trying_past_the_attempt_limit_and_other_mail_does_not(sendgrid, settings):
    settings.NOTIFY_MAX_ATTEMPTS = 2
    sendgrid.script = [503, 503, 503, 503, 503, 503]
    _receipt()
    run_worker()
    assert OutboundEmail.objects.get(key="receipt-1").status == OutboundStatus.SENT
    assert len(sendgrid.requests) == 7
    sendgrid.requests.clear()
    sendgrid.script = [503, 503, 503]
    _status_mail()
    run_worker()
    assert OutboundEmail.objects.get(key="status-1").status == OutboundStatus.FAILED
    assert len(sendgrid.requests) == 2


def test_essential_mail_gives_up_after_72_hours_of_trying(sendgrid):
    outbound = _receipt()
    OutboundEmail.objects.filter(pk=outbound.pk).update(
        retry_since=timezone.now() - datetime.timedelta(hours=72, minutes=1)
    )
    sendgrid.script = [503]
    run_worker()
    outbound.refresh_from_db()
    assert outbound.status == OutboundStatus.FAILED and len(sendgrid.requests) == 1


def test_a_long_outage_retries_essential_mail_at_least_every_30_minutes(sendgrid, settings):
    settings.NOTIFY_RETRY_BASE_SECONDS = 60
    outbound = _receipt()
    OutboundEmail.objects.filter(pk=outbound.pk).update(attempts=12)
    sendgrid.script = [503]
    run_worker()
    outbound.refresh_from_db()
    assert outbound.status == OutboundStatus.RETRYING
    assert outbound.next_attempt_at - timezone.now() <= datetime.timedelta(minutes=30)


# --- 4. the sweep gives a job back to mail that lost it -----------------------------------------


def test_mail_left_queued_without_a_job_is_sent_after_the_sweep(sendgrid):
    outbound = _receipt()
    DBTaskResult.objects.all().delete()
    OutboundEmail.objects.filter(pk=outbound.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    run_worker()
    assert sendgrid.requests == []
    assert email_sweep.call() == 1
    assert email_sweep.call() == 0
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    email_sweep.call()
    run_worker()
    assert len(sendgrid.delivered) == 1
    assert OutboundEmail.objects.get().status == OutboundStatus.SENT


def test_the_sweep_keeps_a_retry_waiting_for_its_time(sendgrid):
    sendgrid.script = [{"status": 429, "headers": {"Retry-After": "600"}}]
    _receipt()
    run_worker()
    DBTaskResult.objects.filter(status="READY").delete()
    assert email_sweep.call() == 1
    [job] = DBTaskResult.objects.filter(status="READY")
    assert job.run_after == OutboundEmail.objects.get().next_attempt_at
    run_worker()
    assert len(sendgrid.requests) == 1


def test_sendgrid_unreachable_is_retried_at_once_not_held_for_confirmation(sendgrid, settings):
    settings.SENDGRID_API_HOST = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    settings.NOTIFY_RETRY_BASE_SECONDS = 60
    _receipt()
    run_worker()
    outbound = OutboundEmail.objects.get()
    assert outbound.status == OutboundStatus.RETRYING  # the request never left: no copy can exist
    assert "URLError" in outbound.last_error
    assert outbound.next_attempt_at - timezone.now() <= datetime.timedelta(seconds=60)


def test_a_backlog_of_mail_waiting_for_retries_does_not_hide_newer_mail_that_lost_its_job(sendgrid, monkeypatch):
    from notifications import services

    monkeypatch.setattr(services, "SWEEP_BATCH", 2)
    for n in range(3):
        _receipt(key=f"backlog-{n}")  # each has its job waiting
    lost = _receipt(key="lost")
    DBTaskResult.objects.filter(args_kwargs__args__0=lost.pk).delete()
    OutboundEmail.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    OutboundEmail.objects.filter(pk=lost.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=4))
    assert email_sweep.call() == 1
    assert DBTaskResult.objects.filter(args_kwargs__args__0=lost.pk, status="READY").exists()


def test_a_late_event_for_an_unanswered_try_stops_a_retry_that_would_be_a_second_copy(
    sendgrid, settings, client, signing_key
):
    settings.SENDGRID_TIMEOUT_SECONDS = 0.5
    sendgrid.script = [{"status": 202, "delay": 1.5}, {"status": 503, "headers": {"Retry-After": "60"}}]
    _receipt()
    run_worker()  # try 1: accepted, but the reply never came
    _time_passes()
    run_worker()  # try 2 (after the window): 503, waits to retry
    assert OutboundEmail.objects.get().status == OutboundStatus.RETRYING
    post_events(client, signing_key, _processed("receipt-1"))  # SendGrid reports try 1, late
    outbound = OutboundEmail.objects.get()
    assert outbound.status == OutboundStatus.SENT and "pin" not in outbound.context
    _time_passes()
    run_worker()
    assert len(sendgrid.delivered) == 1


def test_mail_marked_failed_after_an_unanswered_try_shows_sent_when_sendgrid_reports_that_try(
    sendgrid, settings, client, signing_key
):
    settings.SENDGRID_TIMEOUT_SECONDS = 0.5
    sendgrid.script = [{"status": 202, "delay": 1.5}, 400]
    _receipt()
    run_worker()
    _time_passes()
    run_worker()
    assert OutboundEmail.objects.get().status == OutboundStatus.FAILED
    post_events(client, signing_key, _processed("receipt-1"))
    outbound = OutboundEmail.objects.get()
    assert outbound.status == OutboundStatus.SENT and not outbound.can_resend


def test_an_unreadable_or_huge_retry_after_falls_back_to_the_usual_wait(sendgrid, settings):
    settings.NOTIFY_RETRY_BASE_SECONDS = 60
    sendgrid.script = [{"status": 503, "headers": {"Retry-After": "soon-ish"}}]
    _receipt(key="garbage")
    sendgrid.script.append({"status": 429, "headers": {"Retry-After": str(30 * 24 * 3600)}})
    _receipt(key="huge")
    run_worker()
    waits = {o.key: o.next_attempt_at - timezone.now() for o in OutboundEmail.objects.all()}
    assert datetime.timedelta(seconds=50) < waits["garbage"] <= datetime.timedelta(seconds=60)
    assert datetime.timedelta(hours=5) < waits["huge"] <= datetime.timedelta(hours=6)  # capped, not a month
