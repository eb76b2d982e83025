"""`manage.py check` warns an operator whose settings would let a mail be sent twice."""

from django.core.management import call_command


def test_a_send_lease_shorter_than_a_slow_send_is_reported_by_check(settings, capsys):
    settings.SENDGRID_TIMEOUT_SECONDS = 30
    settings.NOTIFY_SEND_LEASE_SECONDS = 45
    call_command("check", "--tag", "notifications")
    assert "notifications.W001" in capsys.readouterr().err


def test_the_default_lease_passes_the_check(capsys):
    call_command("check", "--tag", "notifications")
    assert "notifications.W001" not in capsys.readouterr().err
