"""Rate-limit counters (core.ratelimit): per key, per window, never forgotten
while their window lasts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import RateCounter
from core.ratelimit import hit, hit_any, ratecounter_prune
from tests.race import at_once

pytestmark = pytest.mark.django_db


def test_a_key_goes_over_the_limit_only_after_limit_hits():
    assert [hit("k", limit=2, period_seconds=60) for _ in range(3)] == [False, False, True]
    assert hit("other", limit=2, period_seconds=60) is False


def test_a_flood_of_other_visitors_does_not_make_the_site_forget_a_limited_one():
    for _ in range(3):
        hit("tracking:ip:198.51.100.1", limit=2, period_seconds=3600)
    for n in range(1000):
        hit(f"tracking:ip:203.0.{n // 256}.{n % 256}", limit=2, period_seconds=3600)
    assert hit("tracking:ip:198.51.100.1", limit=2, period_seconds=3600) is True


def test_the_same_key_with_another_period_is_counted_apart():
    assert [hit("k", limit=1, period_seconds=60) for _ in range(2)] == [False, True]
    assert hit("k", limit=1, period_seconds=3600) is False


def test_counting_an_attempt_takes_one_statement_and_stores_no_address():
    hit("warm-up", limit=5, period_seconds=60)  # content types, savepoint names
    with CaptureQueriesContext(connection) as queries:
        hit("tracking:ip:198.51.100.1", limit=5, period_seconds=60)
    writes = [q["sql"] for q in queries.captured_queries if "ratecounter" in q["sql"].lower()]
    assert len(writes) == 1
    assert not RateCounter.objects.filter(key__contains="198.51.100.1").exists()


def test_counting_now_and_then_deletes_the_counters_of_windows_that_have_ended(settings):
    settings.RATE_COUNTER_PRUNE_ONE_IN = 1  # every time, for the test
    now = timezone.now()
    RateCounter.objects.create(key="ended", window_start=now - dt.timedelta(hours=2), expires_at=now, count=3)

    hit("tracking:ip:198.51.100.1", limit=5, period_seconds=60)

    assert not RateCounter.objects.filter(key="ended").exists()
    assert RateCounter.objects.count() == 1


def test_pruning_removes_only_windows_that_have_ended():
    now = timezone.now()
    for key, ends_in in (("ended", -1), ("running", 1)):
        RateCounter.objects.create(
            key=key, window_start=now - dt.timedelta(hours=1), expires_at=now + dt.timedelta(seconds=ends_in), count=3
        )
    assert ratecounter_prune(now=now) == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["running"]


def test_a_flood_of_other_visitors_does_not_reset_a_sign_in_lockout(client):
    from django.core.cache import cache
    from django.urls import reverse

    from tests.factories import TEST_PASSWORD, UserFactory

    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
    # What a thousand new visitors leave in the shared cache (allauth's counters, sessions of forms).
    for n in range(1000):
        cache.set(f"visitor-{n}", [n], 300)
    right = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert "Too many failed login attempts" in right.content.decode()


@pytest.mark.django_db(transaction=True)
def test_attempts_counted_at_the_same_moment_by_several_processes_are_all_counted():
    if connection.vendor == "sqlite":
        # SQLite's in-memory test database locks whole tables between threads
        # (no busy timeout), unlike the WAL file the site runs on.
        pytest.skip("needs PostgreSQL (run with DATABASE_URL)")

    def attempts():
        for _ in range(25):
            hit("tracking:ip:198.51.100.1", limit=1000, period_seconds=3600)

    at_once(*[attempts] * 4)
    assert RateCounter.objects.get().count == 100


def test_an_address_and_a_session_are_counted_in_one_statement_and_either_can_go_over():
    hit_any(["filing:ip:a"], limit=2, period_seconds=60)
    hit_any(["filing:ip:a"], limit=2, period_seconds=60)
    with CaptureQueriesContext(connection) as queries:
        # The session is new, the address has used its two attempts: the request is over the limit.
        assert hit_any(["filing:ip:a", "filing:session:s1"], limit=2, period_seconds=60) is True
    assert len([q for q in queries.captured_queries if "ratecounter" in q["sql"].lower()]) == 1
    assert hit_any(["filing:ip:b", "filing:session:s1"], limit=2, period_seconds=60) is False
    assert hit_any(["filing:ip:c", "filing:session:s1"], limit=2, period_seconds=60) is True
