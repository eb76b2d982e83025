"""System checks for mail settings that would quietly break a delivery guarantee."""

from django.conf import settings
from django.core.checks import Warning, register


@register("notifications")
def send_lease_outlasts_a_send(app_configs, **kwargs):
    """A lease shorter than a slow send lets a second worker take over a mail still being sent."""
    timeout, lease = settings.SENDGRID_TIMEOUT_SECONDS, settings.NOTIFY_SEND_LEASE_SECONDS
    if lease >= 3 * timeout:
        return []
    return [
        Warning(
            f"NOTIFY_SEND_LEASE_SECONDS ({lease}) is under three times "
            f"SENDGRID_TIMEOUT_SECONDS ({timeout}): a slow send can outlive its lease and be sent twice.",
            hint=f"Set NOTIFY_SEND_LEASE_SECONDS to at least {3 * timeout}.",
            id="notifications.W001",
        )
    ]
