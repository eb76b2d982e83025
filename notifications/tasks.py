"""Delivering queued mail (run by `manage.py db_worker`), with retries."""

import datetime
import logging
import socket
from urllib.error import URLError

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from python_http_client.exceptions import HTTPError

logger = logging.getLogger(__name__)

TRANSIENT_STATUS = {408, 429, 500, 502, 503, 504}


def _is_transient(error: Exception) -> bool:
    if isinstance(error, HTTPError):
        return getattr(error, "status_code", 500) in TRANSIENT_STATUS
    return isinstance(error, URLError | socket.timeout | TimeoutError | ConnectionError | OSError)


def _backoff(attempts: int) -> datetime.timedelta:
    seconds = settings.NOTIFY_RETRY_BASE_SECONDS * (2 ** (attempts - 1))
    return datetime.timedelta(seconds=min(seconds, 3600))


@task()
def email_deliver(outbound_id: int) -> None:
    """Sends one queued mail; a transient failure (SendGrid 429/5xx, timeouts)
    schedules another try with exponential backoff, a permanent one is recorded
    for the coordinator. A mail already sent is never sent again."""
    from notifications.models import OutboundEmail, OutboundStatus
    from notifications.rendering import render_email
    from notifications.services import unsubscribe_url

    with transaction.atomic():
        outbound = OutboundEmail.objects.select_for_update().filter(pk=outbound_id).first()
        if outbound is None or outbound.status != OutboundStatus.QUEUED:
            return
        link = "" if outbound.essential else unsubscribe_url(outbound.to_email, outbound.template)
        subject, text, html = render_email(outbound, unsubscribe_url=link)
        message = EmailMultiAlternatives(subject, text, None, [outbound.to_email], headers={"X-CG-Key": outbound.key})
        message.attach_alternative(html, "text/html")
        outbound.attempts += 1
        try:
            message.send()
        except Exception as error:  # classified below; nothing may escape and lose the mail
            outbound.last_error = f"{type(error).__name__}: {error}"[:2000]
            if _is_transient(error) and outbound.attempts < settings.NOTIFY_MAX_ATTEMPTS:
                email_deliver.using(run_after=timezone.now() + _backoff(outbound.attempts)).enqueue(outbound.pk)
            else:
                outbound.status = OutboundStatus.FAILED
                logger.error("Email %s failed for good: %s", outbound.key, outbound.last_error)
            outbound.save(update_fields=["attempts", "last_error", "status"])
            return
        outbound.status = OutboundStatus.SENT
        outbound.sent_at = timezone.now()
        # A sent PIN is not kept: the receipt is the only place it ever travels.
        outbound.context = {k: v for k, v in outbound.context.items() if k != "pin"}
        outbound.save(update_fields=["attempts", "status", "sent_at", "context", "last_error"])
