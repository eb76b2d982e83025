"""Signed links in mail: the one-click unsubscribe."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from notifications.catalogue import CATALOGUE, is_essential

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


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
