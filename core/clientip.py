"""The address a request came from, as seen by the first proxy we run.

Behind ``TRUSTED_PROXY_COUNT`` proxies of our own, each one appends the
address it received the request from to X-Forwarded-For, so the N-th entry
from the right is the one our outermost proxy wrote: the client. Anything to
its left came from the client and may be forged, so it is never read.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The client's IP address: the ``TRUSTED_PROXY_COUNT``-th X-Forwarded-For
    entry from the right, or REMOTE_ADDR when no proxy is trusted, the header is
    missing or shorter than that, or the entry is not an IP address."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count < 1:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # Our own proxy wrote this entry; if it is not an address the proxy
        # setup is wrong, and the proxy's address is the safe answer.
        return remote
