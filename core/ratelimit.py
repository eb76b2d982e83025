"""Fixed-window rate limits, counted in their own database table (RateCounter).

The table is shared by every web process on every machine, and unlike a
cache it never drops a live counter to make room: expired windows are the
only rows removed.
"""

import datetime as dt
import hashlib
import random

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core.clientip import client_key
from core.models import RateCounter

__all__ = ["client_over_limit", "hit", "hit_any", "ratecounter_prune"]


def _upsert_sql(rows: int = 1) -> str:
    q = connection.ops.quote_name
    table, key, start, expires, count = (
        q(name) for name in (RateCounter._meta.db_table, "key", "window_start", "expires_at", "count")
    )
    # One statement, atomic on PostgreSQL and SQLite (3.35+): the counter is
    # created or incremented and the new count returned, with no window for
    # two processes to both insert or to lose an increment. (Django's
    # bulk_create(update_conflicts=True) can only overwrite, not add one.)
    # Only quoted names from the model are formatted in; values go as parameters.
    return (
        f"INSERT INTO {table} ({key}, {start}, {expires}, {count}) "  # noqa: S608
        f"VALUES {', '.join(['(%s, %s, %s, 1)'] * rows)} "
        f"ON CONFLICT ({key}, {start}) DO UPDATE SET {count} = {table}.{count} + 1 "
        f"RETURNING {count}"
    )


def hit(key: str, *, limit: int, period_seconds: int) -> bool:
    """Counts one attempt for ``key`` and returns True when the caller is now
    over ``limit`` attempts in the current window of ``period_seconds``."""
    return hit_any([key], limit=limit, period_seconds=period_seconds)


def hit_any(keys: list[str], *, limit: int, period_seconds: int) -> bool:
    """Counts one attempt for each of ``keys`` (e.g. the client's address and
    its session) in one statement; True when any of them is now over
    ``limit`` in the current window of ``period_seconds``."""
    now = timezone.now()
    epoch = int(now.timestamp())
    window_start = dt.datetime.fromtimestamp(epoch - epoch % period_seconds, tz=dt.UTC)
    expires_at = window_start + dt.timedelta(seconds=period_seconds)
    field = RateCounter._meta.get_field("window_start")
    window = [field.get_db_prep_value(window_start, connection), field.get_db_prep_value(expires_at, connection)]
    # Sorted and distinct: two processes counting the same keys lock them in the same order.
    digests = sorted({hashlib.sha256(f"{period_seconds}:{key}".encode()).hexdigest() for key in keys})
    params = [value for digest in digests for value in (digest, *window)]
    # One statement is atomic by itself: no transaction around it (in autocommit that would add BEGIN and COMMIT,
    # two round trips on every limited request; inside a caller's transaction it would add a savepoint).
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(len(digests)), params)
        counts = [count for (count,) in cursor.fetchall()]
    # About one hit in RATE_COUNTER_PRUNE_ONE_IN also removes ended counters (the index on expires_at: dead rows only).
    one_in = settings.RATE_COUNTER_PRUNE_ONE_IN
    if one_in and random.randrange(one_in) == 0:  # noqa: S311 - not security-relevant
        ratecounter_prune(now=now)
    return max(counts) > limit


def client_over_limit(request, scope: str, per_hour: int, *, session: bool = False) -> bool:
    """The one per-client hourly limit of the public forms: counts this request for the real client (its address
    behind the trusted proxies) and, with ``session``, for its session too (creating the session: later steps need
    its key), in one statement; True when either is now over ``per_hour``."""
    keys = [f"{scope}:ip:{client_key(request)}"]
    if session and not request.session.session_key:
        request.session.create()  # its row is written with the response (core.sessions)
    if session and request.session.session_key:
        keys.append(f"{scope}:session:{request.session.session_key}")
    return hit_any(keys, limit=per_hour, period_seconds=3600)


@transaction.atomic
def ratecounter_prune(*, now: dt.datetime | None = None) -> int:
    """Deletes the counters of windows that have ended; returns how many."""
    deleted, _ = RateCounter.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
