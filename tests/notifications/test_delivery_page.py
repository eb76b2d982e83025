"""Coordinators see every mail not sent within 15 minutes and can send failed mail again;
operators can do the same from the command line."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from core.models import AuditEvent
from notifications.models import OutboundEmail, OutboundStatus
from tests.factories import member

pytestmark = pytest.mark.django_db

PAGE = "staff:delivery:index"


def _mail(district, *, status, minutes_ago, to="family@example.org", key=None, template="complaint_received"):
    outbound = OutboundEmail.objects.create(
        key=key or f"{to}-{status}-{minutes_ago}",
        template=template,
        to_email=to,
        status=status,
        district=district,
        essential=True,
        attempts=3,
        last_error="ServiceUnavailableError: HTTP Error 503",
    )
    OutboundEmail.objects.filter(pk=outbound.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    outbound.refresh_from_db()
    return outbound


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


def test_mail_retrying_for_more_than_15_minutes_is_listed_and_the_page_never_says_every_mail_was_sent(
    client, world, coordinator
):
    _mail(world.a, status=OutboundStatus.RETRYING, minutes_ago=20, to="waiting@example.org")
    _mail(world.a, status=OutboundStatus.UNKNOWN, minutes_ago=40, to="unconfirmed@example.org")
    _mail(world.a, status=OutboundStatus.QUEUED, minutes_ago=16, to="stuck@example.org")
    client.force_login(coordinator)
    page = client.get(reverse(PAGE)).content.decode()
    assert "Mail not sent within 15 minutes" in page
    assert "waiting@example.org" in page and "Waiting to try again" in page
    assert "unconfirmed@example.org" in page and "Sent, not yet confirmed" in page
    assert "stuck@example.org" in page
    assert "Receipt for a complaint" in page and "complaint_received" not in page
    assert "Every mail was sent." not in page


def test_mail_retrying_for_a_few_minutes_is_counted_as_on_its_way(client, world, coordinator):
    _mail(world.a, status=OutboundStatus.RETRYING, minutes_ago=3, to="soon@example.org")
    _mail(world.a, status=OutboundStatus.SENT, minutes_ago=60, to="done@example.org")
    client.force_login(coordinator)
    page = client.get(reverse(PAGE)).content.decode()
    assert "1 mail queued in the last few minutes is on its way." in page
    assert "Every mail was sent." not in page and "done@example.org" not in page


def test_every_mail_was_sent_only_when_it_is_true(client, world, coordinator):
    _mail(world.a, status=OutboundStatus.SENT, minutes_ago=60)
    _mail(world.b, status=OutboundStatus.RETRYING, minutes_ago=60, to="other-district@example.org")
    client.force_login(coordinator)
    page = client.get(reverse(PAGE)).content.decode()
    assert "Every mail was sent." in page and "other-district@example.org" not in page


def test_the_page_is_in_spanish_for_a_spanish_reader(client, world, coordinator):
    _mail(world.a, status=OutboundStatus.FAILED, minutes_ago=60)
    client.force_login(coordinator)
    client.cookies["django_language"] = "es"
    page = client.get(reverse(PAGE)).content.decode()
    assert "Correo no enviado en 15 minutos" in page and "Enviar de nuevo" in page


# --- resend action -------------------------------------------------------------------------------


def test_a_coordinator_sends_failed_mail_again_and_it_is_audited(client, world, coordinator):
    failed = _mail(world.a, status=OutboundStatus.FAILED, minutes_ago=4000)
    client.force_login(coordinator)
    assert "Send again" in client.get(reverse(PAGE)).content.decode()
    response = client.post(reverse("staff:delivery:resend", args=[failed.pk]), follow=True)
    assert "The mail to family@example.org will be sent again." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (OutboundStatus.QUEUED, 0)
    assert timezone.now() - failed.retry_since < datetime.timedelta(minutes=1)  # a fresh 72-hour window
    [job] = DBTaskResult.objects.filter(status="READY")
    assert job.args_kwargs["args"] == [failed.pk] and job.queue_name == "mail"
    event = AuditEvent.objects.get(kind="mail_resent", object_id=str(failed.pk))
    assert event.actor == coordinator and event.district_id == world.a.pk


def test_mail_already_sent_on_its_way_or_awaiting_confirmation_is_not_sent_again(client, world, coordinator):
    sent = _mail(world.a, status=OutboundStatus.SENT, minutes_ago=60)
    retrying = _mail(world.a, status=OutboundStatus.RETRYING, minutes_ago=60, to="r@example.org")
    waiting = _mail(world.a, status=OutboundStatus.UNKNOWN, minutes_ago=20, to="w@example.org")
    OutboundEmail.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now() + datetime.timedelta(minutes=5))
    client.force_login(coordinator)
    assert "Send again" not in client.get(reverse(PAGE)).content.decode()
    for outbound in (sent, retrying, waiting):
        response = client.post(reverse("staff:delivery:resend", args=[outbound.pk]), follow=True)
        assert "it was not sent again" in response.content.decode()
    assert not DBTaskResult.objects.exists() and not AuditEvent.objects.filter(kind="mail_resent").exists()


def test_a_coordinator_of_another_district_gets_404_and_changes_nothing(client, world):
    failed = _mail(world.a, status=OutboundStatus.FAILED, minutes_ago=60)
    client.force_login(member(Role.COORDINATOR, district=world.b))
    assert client.post(reverse("staff:delivery:resend", args=[failed.pk])).status_code == 404
    failed.refresh_from_db()
    assert failed.status == OutboundStatus.FAILED and not DBTaskResult.objects.exists()


@pytest.mark.parametrize("role", [Role.ADVISORY, Role.FACILITATOR])
def test_other_staff_of_the_district_cannot_resend(client, world, role):
    failed = _mail(world.a, status=OutboundStatus.FAILED, minutes_ago=60)
    client.force_login(member(role, district=world.a))
    assert client.post(reverse("staff:delivery:resend", args=[failed.pk])).status_code in (403, 404)
    failed.refresh_from_db()
    assert failed.status == OutboundStatus.FAILED


def test_resend_needs_a_post(client, world, coordinator):
    failed = _mail(world.a, status=OutboundStatus.FAILED, minutes_ago=60)
    client.force_login(coordinator)
    assert client.get(reverse("staff:delivery:resend", args=[failed.pk])).status_code == 405
    failed.refresh_from_db()
    assert failed.status == OutboundStatus.FAILED


def test_after_an_outage_a_coordinator_sends_every_failed_mail_of_their_districts_again(client, world, coordinator):
    mine = [_mail(world.a, status=OutboundStatus.FAILED, minutes_ago=60 * 80, to=f"f{n}@example.org") for n in range(3)]
    sent = _mail(world.a, status=OutboundStatus.SENT, minutes_ago=60, to="ok@example.org")
    theirs = _mail(world.b, status=OutboundStatus.FAILED, minutes_ago=60, to="b@example.org")
    client.force_login(coordinator)
    assert "Send the 3 failed mails again" in client.get(reverse(PAGE)).content.decode()
    response = client.post(reverse("staff:delivery:resend_all"), follow=True)
    assert "3 mails will be sent again." in response.content.decode()
    assert {m.status for m in OutboundEmail.objects.filter(pk__in=[m.pk for m in mine])} == {OutboundStatus.QUEUED}
    theirs.refresh_from_db()
    sent.refresh_from_db()
    assert (theirs.status, sent.status) == (OutboundStatus.FAILED, OutboundStatus.SENT)
    assert DBTaskResult.objects.filter(status="READY").count() == 3
    assert AuditEvent.objects.filter(actor=coordinator, kind="mail_resent").count() == 3
    again = client.post(reverse("staff:delivery:resend_all"), follow=True).content.decode()
    assert "No mail needed sending again." in again and "Send the" not in again


def test_other_staff_cannot_send_every_failed_mail_again(client, world):
    failed = _mail(world.a, status=OutboundStatus.FAILED, minutes_ago=60)
    client.force_login(member(Role.ADVISORY, district=world.a))
    assert client.post(reverse("staff:delivery:resend_all")).status_code in (403, 404)
    failed.refresh_from_db()
    assert failed.status == OutboundStatus.FAILED


# --- manage.py resend_mail ------------------------------------------------------------------------


def test_the_resend_mail_command_requeues_failed_mail_since_a_date(world, capsys):
    recent = _mail(world.a, status=OutboundStatus.FAILED, minutes_ago=60, to="recent@example.org")
    old = _mail(world.a, status=OutboundStatus.FAILED, minutes_ago=60 * 24 * 10, to="old@example.org")
    unknown = _mail(world.a, status=OutboundStatus.UNKNOWN, minutes_ago=60, to="unknown@example.org")
    since = (timezone.now() - datetime.timedelta(days=2)).date().isoformat()
    call_command("resend_mail", "--failed", "--since", since, "--dry-run")
    assert "1 mail would be sent again." in capsys.readouterr().out
    assert not DBTaskResult.objects.exists()
    call_command("resend_mail", "--failed", "--since", since)
    assert "1 mail queued to be sent again." in capsys.readouterr().out
    statuses = dict(OutboundEmail.objects.values_list("to_email", "status"))
    assert statuses == {"recent@example.org": "queued", "old@example.org": "failed", "unknown@example.org": "unknown"}
    assert DBTaskResult.objects.get().args_kwargs["args"] == [recent.pk]
    assert AuditEvent.objects.filter(object_id=str(recent.pk), actor=None).exists()
    call_command("resend_mail", "--unknown", "--since", since)
    unknown.refresh_from_db()
    old.refresh_from_db()
    assert unknown.status == OutboundStatus.QUEUED and old.status == OutboundStatus.FAILED


def test_the_resend_mail_command_refuses_unclear_requests(world):
    with pytest.raises(CommandError, match="--failed, --unknown"):
        call_command("resend_mail", "--since", "2026-11-01")
    with pytest.raises(CommandError, match="not a date"):
        call_command("resend_mail", "--failed", "--since", "last week")


def test_addresses_that_do_not_get_mail_say_why_in_the_readers_language(client, world, coordinator):
    from notifications.models import AddressProblem
    from notifications.selectors import address_problem_label

    _mail(world.a, status=OutboundStatus.SENT, minutes_ago=60, to="angry@example.org")
    AddressProblem.objects.create(email="angry@example.org", event="spamreport", since=timezone.now())
    client.force_login(coordinator)
    page = client.get(reverse(PAGE)).content.decode()
    assert "angry@example.org — reported as spam" in page and "spamreport" not in page
    client.cookies["django_language"] = "es"
    assert "angry@example.org — marcado como spam" in client.get(reverse(PAGE)).content.decode()
    with translation.override("en"):
        assert address_problem_label("Angry@example.org") == "reported as spam"
    assert address_problem_label("fine@example.org") is None


def test_sending_everything_again_goes_in_batches_that_keep_the_request_short(client, world, coordinator, monkeypatch):
    from notifications import views

    monkeypatch.setattr(views, "RESEND_ALL_BATCH", 2)
    for n in range(3):
        _mail(world.a, status=OutboundStatus.FAILED, minutes_ago=60 + n, to=f"f{n}@example.org")
    client.force_login(coordinator)
    page = client.post(reverse("staff:delivery:resend_all"), follow=True).content.decode()
    assert "2 mails will be sent again." in page and "Send the 1 failed mail again" in page
    page = client.post(reverse("staff:delivery:resend_all"), follow=True).content.decode()
    assert "1 mail will be sent again." in page
    assert not OutboundEmail.objects.filter(status=OutboundStatus.FAILED).exists()
