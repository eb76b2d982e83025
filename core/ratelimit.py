"""Fixed-window rate limits on Django's cache (the shared database cache, so a
limit holds across every web process)."""

import hashlib
import time

from django.core.cache import cache

from core.clientip import client_ip

__all__ = ["client_ip", "hit"]


def hit(key: str, *, limit: int, period_seconds: int) -> bool:
    """Counts one attempt for ``key`` and returns True when the caller is now
    over ``limit`` attempts in the current window of ``period_seconds``."""
    window = int(time.time() // period_seconds)
    cache_key = "rl:" + hashlib.sha256(f"{key}:{window}".encode()).hexdigest()
    if cache.add(cache_key, 1, timeout=period_seconds + 1):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period_seconds + 1)
        count = 1
    return count > limit
