"""The one way code sends mail: enqueue it here, inside the transaction that caused it."""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from core.crypto import encrypt
from notifications.catalogue import CATALOGUE, SECRET_KEYS, is_essential
from notifications.models import OutboundEmail, OutboundStatus, Unsubscribe
from notifications.tasks import email_deliver

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def _muted(to: str, template: str) -> bool:
    return Unsubscribe.objects.filter(email__iexact=to, template=template).exists()


@transaction.atomic
def email_enqueue(
    *,
    template: str,
    to: str,
    language: str,
    context: dict,
    key: str,
    essential: bool | None = None,
    user=None,
    district=None,
) -> OutboundEmail | None:
    """Queues one templated email (see notifications.catalogue for names and
    context). ``to=""`` does nothing. The same ``key`` twice sends once. Mails
    the recipient turned off are recorded as suppressed and not sent;
    essential mails (receipts, outcomes, emergencies) always go."""
    if not to:
        return None
    if template not in CATALOGUE:
        raise ValueError(f"Unknown email template {template!r}")
    essential = is_essential(template) if essential is None else essential
    stored = {k: (encrypt(str(v)) if k in SECRET_KEYS and v else v) for k, v in context.items()}
    outbound, created = OutboundEmail.objects.get_or_create(
        key=key,
        defaults={
            "template": template,
            "to_email": to.strip().lower(),
            "language": language[:2],
            "context": stored,
            "essential": essential,
            "user": user,
            "district": district,
        },
    )
    if not created:
        return outbound
    if not essential and _muted(to, template):
        outbound.status = OutboundStatus.SUPPRESSED
        outbound.save(update_fields=["status"])
        return outbound
    email_deliver.enqueue(outbound.pk)
    return outbound


def unsubscribe_url(email: str, template: str) -> str:
    token = signing.dumps({"e": email, "t": template}, salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])


def unsubscribe_target(token: str) -> tuple[str, str] | None:
    """(email, template) from an unsubscribe link, or None if it was tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=datetime.timedelta(days=365))
    except signing.BadSignature:
        return None
    if data.get("t") not in CATALOGUE or is_essential(data["t"]):
        return None
    return data["e"], data["t"]


@transaction.atomic
def unsubscribe(*, email: str, template: str) -> None:
    Unsubscribe.objects.get_or_create(email=email.lower(), template=template)


@transaction.atomic
def preferences_save(*, user, muted: set[str]) -> None:
    """Sets which optional mails ``user`` does not want."""
    optional = {name for name, entry in CATALOGUE.items() if not entry[0]}
    Unsubscribe.objects.filter(email=user.email.lower(), template__in=optional - muted).delete()
    for template in muted & optional:
        Unsubscribe.objects.get_or_create(email=user.email.lower(), template=template)
