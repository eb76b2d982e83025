"""School-day arithmetic (workflows.calendar)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from tests.factories import DeadlinePolicyFactory, DistrictFactory, SchoolCalendarClosureFactory
from workflows.calendar import (
    add_school_days,
    deadline_for,
    deadline_policy_for,
    is_school_day,
    school_days_between,
    weekdays_between,
)
from workflows.models import DeadlineStep

pytestmark = pytest.mark.django_db

D = dt.date
MONDAY = D(2025, 3, 3)
FRIDAY = D(2025, 3, 7)


@pytest.fixture
def district():
    return DistrictFactory()


def closure(district, first, last=None, kind="holiday"):
    return SchoolCalendarClosureFactory(district=district, starts_on=first, ends_on=last or first, kind=kind)


def test_the_start_day_does_not_count(district):
    assert add_school_days(district, MONDAY, 1) == D(2025, 3, 4)
    assert add_school_days(district, MONDAY, 2) == D(2025, 3, 5)


def test_weekends_never_count(district):
    assert add_school_days(district, FRIDAY, 1) == D(2025, 3, 10)
    assert add_school_days(district, D(2025, 3, 8), 1) == D(2025, 3, 10)  # from a Saturday
    assert add_school_days(district, MONDAY, 5) == D(2025, 3, 10)
    assert add_school_days(district, MONDAY, 10) == D(2025, 3, 17)


def test_a_holiday_is_skipped(district):
    closure(district, D(2025, 3, 5))
    assert add_school_days(district, MONDAY, 2) == D(2025, 3, 6)
    assert not is_school_day(district, D(2025, 3, 5))
    assert is_school_day(district, D(2025, 3, 6))
    assert not is_school_day(district, D(2025, 3, 8))


def test_a_two_week_break_is_skipped(district):
    closure(district, D(2025, 3, 17), D(2025, 3, 28), kind="break")
    # Fri 14 March + 1 school day jumps the break to Monday 31 March.
    assert add_school_days(district, D(2025, 3, 14), 1) == D(2025, 3, 31)
    assert add_school_days(district, MONDAY, 10) == D(2025, 3, 31)
    assert add_school_days(district, MONDAY, 11) == D(2025, 4, 1)


def test_summer_break_and_a_thirty_day_review(district):
    closure(district, D(2025, 6, 2), D(2025, 8, 15), kind="break")
    # 30 May (Fri) + 30 school days: summer closed, school resumes Mon 18 Aug.
    assert add_school_days(district, D(2025, 5, 30), 30) == D(2025, 9, 26)
    assert school_days_between(district, D(2025, 5, 30), D(2025, 9, 26)) == 30


def test_a_deadline_crosses_the_year_end_and_winter_break(district):
    closure(district, D(2025, 12, 22), D(2026, 1, 2), kind="break")
    closure(district, D(2026, 1, 19))  # Martin Luther King Jr. Day
    # Thu 18 Dec + 2 school days: Fri 19 Dec, then Mon 5 Jan after the break.
    assert add_school_days(district, D(2025, 12, 18), 2) == D(2026, 1, 5)
    assert add_school_days(district, D(2025, 12, 18), 15) == D(2026, 1, 23)


def test_overlapping_and_adjacent_closures_count_once(district):
    closure(district, D(2025, 3, 4), D(2025, 3, 6))
    closure(district, D(2025, 3, 5), D(2025, 3, 7))
    closure(district, D(2025, 3, 8), D(2025, 3, 10))
    assert add_school_days(district, MONDAY, 1) == D(2025, 3, 11)
    assert school_days_between(district, MONDAY, D(2025, 3, 11)) == 1


def test_another_districts_closure_does_not_count(district):
    closure(DistrictFactory(), D(2025, 3, 4), D(2025, 3, 14))
    assert add_school_days(district, MONDAY, 2) == D(2025, 3, 5)
    assert is_school_day(district, D(2025, 3, 4))


@pytest.mark.parametrize("days", [0, -1, -30])
def test_zero_or_negative_days_are_rejected(district, days):
    with pytest.raises(ValueError):
        add_school_days(district, MONDAY, days)


def test_school_days_between_is_signed_and_inverse_of_add(district):
    closure(district, D(2025, 3, 5))
    assert school_days_between(district, MONDAY, MONDAY) == 0
    assert school_days_between(district, MONDAY, D(2025, 3, 7)) == 3
    assert school_days_between(district, D(2025, 3, 7), MONDAY) == -3
    for days in (1, 2, 7, 30, 180):
        assert school_days_between(district, MONDAY, add_school_days(district, MONDAY, days)) == days


def test_weekday_count_matches_counting_day_by_day():
    start = D(2024, 12, 25)
    for span in range(0, 40):
        end = start + dt.timedelta(days=span)
        expected = sum(1 for i in range(1, span + 1) if (start + dt.timedelta(days=i)).weekday() < 5)
        assert weekdays_between(start, end) == expected


def test_arithmetic_uses_one_query_whatever_the_length(district, django_assert_num_queries):
    for week in range(40):
        closure(district, MONDAY + dt.timedelta(weeks=week, days=2))
    closure(district, D(2025, 6, 2), D(2025, 8, 15), kind="break")
    with django_assert_num_queries(1):
        add_school_days(district, MONDAY, 180)
    with django_assert_num_queries(1):
        school_days_between(district, MONDAY, D(2026, 6, 1))


def test_a_calendar_closed_longer_than_the_horizon_still_finishes(district):
    closure(district, D(2025, 3, 4), D(2027, 3, 31), kind="other")
    assert add_school_days(district, MONDAY, 1) == D(2027, 4, 1)


@override_settings(TIME_ZONE="America/Chicago", WORKFLOW_DEADLINE_DEFAULTS={**dict.fromkeys(DeadlineStep.values, 2)})
def test_deadline_is_the_end_of_the_school_day_in_the_local_time_zone(district):
    chicago = ZoneInfo("America/Chicago")
    # 03:30 UTC on Saturday 8 March is still Friday evening in Chicago.
    start = dt.datetime(2025, 3, 8, 3, 30, tzinfo=dt.UTC)
    due = deadline_for(district, DeadlineStep.TRIAGE, start)
    assert due == dt.datetime(2025, 3, 11, 23, 59, 59, 999999, tzinfo=chicago)


@override_settings(WORKFLOW_DEADLINE_DEFAULTS={**dict.fromkeys(DeadlineStep.values, 10), "triage": 3})
def test_deadline_numbers_come_from_the_district_policy_or_the_settings(district):
    assert deadline_policy_for(district).days_for(DeadlineStep.TRIAGE) == 3
    start = dt.datetime(2025, 3, 3, 9, tzinfo=ZoneInfo("America/Chicago"))
    assert deadline_for(district, DeadlineStep.TRIAGE, start).date() == D(2025, 3, 6)
    DeadlinePolicyFactory(district=district, triage_days=5)
    assert deadline_for(district, DeadlineStep.TRIAGE, start).date() == D(2025, 3, 10)
    with pytest.raises(ValueError):
        deadline_for(district, "lunch", start)
