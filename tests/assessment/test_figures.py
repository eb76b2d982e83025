"""The published tables against numbers worked out by hand, and the suppression every count goes through."""

import datetime

from assessment.figures.base import ALL, SUPPRESSED, TOTAL
from assessment.services.releases import snapshot_compute
from tests.assessment.builders_dashboard import complaints
from tests.factories import DeadlinePolicyFactory

MONDAY = datetime.date(2026, 9, 14)


def _table(snapshot: dict, key: str) -> dict:
    return next(table for table in snapshot["tables"] if table["key"] == key)


def _cell(table: dict, row: str, scope: str = ALL, column: int = 0):
    return next(r for r in table["rows"] if r["key"] == row)["cells"][scope][column]


def _snapshot(world):
    return snapshot_compute(district=world.a, school_year=2026)


def test_complaints_received_counts_each_kind_by_school_and_district(world):
    complaints(world.a_school, 12)
    complaints(world.a_school, 11, kind="concern")
    complaints(world.a_other_school, 14)
    complaints(world.a_other_school, 20, filed=datetime.date(2026, 7, 31))  # the year before
    complaints(world.b_school, 30)  # another district
    table = _table(_snapshot(world), "complaints_received")
    high, middle = str(world.a_school.pk), str(world.a_other_school.pk)
    assert _cell(table, "complaint") == 26
    assert _cell(table, "concern") == 11
    assert _cell(table, TOTAL) == 37
    assert _cell(table, "complaint", high) == 12
    assert _cell(table, TOTAL, middle) == 14
    assert table["hidden"] == []
    by_school = _table(_snapshot(world), "complaints_by_school")
    assert [(row["label"]["en"], row["cells"][ALL][0]) for row in by_school["rows"]] == [
        ("A High", 23),
        ("A Middle", 14),
        ("District", 37),
    ]


def test_a_small_count_and_the_counts_that_would_give_it_away_are_suppressed(world):
    complaints(world.a_school, 12)
    complaints(world.a_school, 3, kind="concern")
    complaints(world.a_other_school, 15)
    table = _table(_snapshot(world), "complaints_received")
    high, middle = str(world.a_school.pk), str(world.a_other_school.pk)
    assert _cell(table, "concern", high) == SUPPRESSED  # 3 people: primary
    assert _cell(table, "complaint", high) == SUPPRESSED  # else 15 - 12 = 3
    assert _cell(table, "concern") == SUPPRESSED  # 3 in the district too
    assert _cell(table, "complaint") == SUPPRESSED  # else 30 - 27 = 3, and A High's 27 - 15 = 12
    assert _cell(table, "complaint", middle) == 15
    assert _cell(table, TOTAL) == 30
    assert _cell(table, TOTAL, high) == 15
    assert SUPPRESSED not in str(_table(_snapshot(world), "complaints_by_school")["rows"])


def test_allegations_and_outcomes_count_each_concern_once(world):
    complaints(world.a_school, 12, categories=("search", "force"), finding="sustained")
    complaints(world.a_other_school, 10, categories=("search",), finding="not_sustained")
    complaints(world.a_other_school, 10, categories=("search",))  # not decided yet
    snapshot = _snapshot(world)
    allegations = _table(snapshot, "complaints_by_allegation")
    assert _cell(allegations, "search") == 32
    assert _cell(allegations, "force") == 12
    assert _cell(allegations, TOTAL) == 44
    outcomes = _table(snapshot, "complaint_outcomes")
    assert _cell(outcomes, "sustained") == 24
    assert _cell(outcomes, "not_sustained") == 10
    assert _cell(outcomes, TOTAL) == 34


def test_time_to_close_is_counted_in_school_days_against_the_district_deadlines(world):
    DeadlinePolicyFactory(
        district=world.a, triage_days=5, school_review_days=30, police_review_days=20, outcome_days=10
    )
    complaints(world.a_school, 12, filed=MONDAY, closed=MONDAY + datetime.timedelta(days=14))  # 10 school days
    complaints(world.a_school, 10, filed=MONDAY, closed=MONDAY + datetime.timedelta(weeks=13))  # 65, over 45
    complaints(world.a_other_school, 4)  # still open
    table = _table(_snapshot(world), "complaint_timeliness")
    assert _cell(table, "on_time") == 12
    assert _cell(table, "late") == 10
    assert _cell(table, TOTAL) == 22
    assert _cell(table, "median_days") == 10
    assert _cell(table, "on_time_share") == 54.5
    assert "45 school days" in table["notes"]["en"]
    assert "45 días lectivos" in table["notes"]["es"]


def test_the_share_on_time_is_suppressed_when_it_would_give_a_small_count_away(world):
    complaints(world.a_school, 12, filed=MONDAY, closed=MONDAY + datetime.timedelta(days=14))
    complaints(world.a_school, 2, filed=MONDAY, closed=MONDAY + datetime.timedelta(weeks=13))
    table = _table(_snapshot(world), "complaint_timeliness")
    assert _cell(table, "late") == SUPPRESSED
    assert _cell(table, "on_time_share") == SUPPRESSED
    assert _cell(table, "median_days") == 10  # 14 closed: enough people, and the median counts nobody
