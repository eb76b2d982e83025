"""The dashboard's cache of published pages: the shared cache (``django.core.cache``) and, in front of it, a small
memory of this process. Every key carries the publication generation (``dashboard_generation``), read once per
request from the shared cache, so a publication reaches every process at its next request; a frozen release's own
files (CSV) need no generation. The process memory holds at most ``LOCAL_ENTRIES`` values, oldest dropped first.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.core.cache import cache

CACHE_SECONDS = 24 * 3600
LOCAL_ENTRIES = 256

_local: OrderedDict = OrderedDict()
_lock = threading.Lock()


def cached(key: str, make: Callable[[], object]):
    """The value cached under ``key``, made (and kept in both caches) when missing."""
    with _lock:
        if key in _local:
            _local.move_to_end(key)
            return _local[key]
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, CACHE_SECONDS)
    with _lock:
        _local[key] = value
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return value


def local_forget() -> None:
    """Empties this process's memory (tests; the shared cache's generation does it in production)."""
    with _lock:
        _local.clear()
