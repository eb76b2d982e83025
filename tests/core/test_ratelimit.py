from core.ratelimit import hit


def test_a_key_goes_over_the_limit_only_after_limit_hits(db):
    assert [hit("k", limit=2, period_seconds=60) for _ in range(3)] == [False, False, True]
    assert hit("other", limit=2, period_seconds=60) is False
