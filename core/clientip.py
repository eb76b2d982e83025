"""The address a request came from, as seen by the first proxy we run.

Behind ``TRUSTED_PROXY_COUNT`` proxies of our own, each one appends the
address it received the request from to X-Forwarded-For, so the N-th entry
from the right is the one our outermost proxy wrote: the client. Anything to
its left came from the client and may be forged, so it is never read.
"""

import functools
import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The client's IP address: the ``TRUSTED_PROXY_COUNT``-th X-Forwarded-For
    entry from the right, or REMOTE_ADDR when no proxy is trusted, the header is
    missing or shorter than that, or the entry is not an IP address."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count < 1:
        if "HTTP_X_FORWARDED_FOR" in request.META:
            _warn_once_about_proxy()
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    # Our own proxy wrote this entry; if it is not an address the proxy setup
    # is wrong, and the proxy's address is the safe answer.
    return _address(forwarded[-count]) or remote


@functools.cache
def _warn_once_about_proxy() -> None:
    # Behind a proxy with the default of 0, every visitor shares the proxy's
    # address: the limits throttle everyone at once. Say so once per process.
    logger.warning(
        "Requests carry X-Forwarded-For but TRUSTED_PROXY_COUNT is 0: every visitor is counted as the proxy. "
        "Set TRUSTED_PROXY_COUNT to the number of proxies in front of the site (README, Production deployment)."
    )


def _address(entry: str) -> str:
    """``entry`` as a canonical IP address, without the port some proxies add
    (``198.51.100.1:4711``, ``[2001:db8::1]:4711``); "" when it is none."""
    if entry.startswith("[") and "]" in entry:
        entry = entry[1 : entry.index("]")]
    elif entry.count(":") == 1:
        entry = entry.split(":")[0]
    try:
        return str(ipaddress.ip_address(entry))
    except ValueError:
        return ""


# One person's IPv6 connection usually owns a whole /64 and can pick any
# address in it, so limits count per /64 (as allauth's do by default).
IPV6_LIMIT_PREFIX = 64


def client_key(request) -> str:
    """The client for rate limits and lockouts: its IPv4 address, or the /64
    network of its IPv6 address (``2001:db8:1:2::/64``)."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/{IPV6_LIMIT_PREFIX}", strict=False))
