"""Rates per 1,000 and risk ratios by subgroup, checked against figures worked out by hand."""

import pytest

from activity.models import EnforcementEvent, Enrolment, EnrolmentDimension
from activity.services.rates import rate_per_1000, risk_ratio, subgroup_rates
from tests.activity.builders import build_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(world):
    return world.a_school


@pytest.fixture
def events_of(world, school):
    officer = world.a_roster.officer

    def make(count: int, **fields):
        for _ in range(count):
            build_event(officer, school, **fields)

    return make


def enrol(school, dimension, **counts):
    for value, count in counts.items():
        Enrolment.objects.create(school=school, school_year=2026, dimension=dimension, value=value, count=count)


def rates(dimension):
    events, enrolments = EnforcementEvent.objects.all(), Enrolment.objects.all()
    return subgroup_rates(events=events, enrolments=enrolments, dimension=dimension)


def rows_by_value(dimension):
    return {row.value: row for row in rates(dimension)}


@pytest.fixture
def race_figures(school, events_of):
    # Black 100 students, 6 events; White 300, 6; Hispanic 100, 2; 3 events with race not known.
    enrol(school, EnrolmentDimension.RACE, black=100, white=300, hispanic=100)
    events_of(6, student_race="black")
    events_of(6, student_race="white")
    events_of(2, student_race="hispanic")
    events_of(3, student_race="")


def test_each_groups_rate_per_1000_is_its_events_over_its_enrolment(race_figures):
    rows = rows_by_value(EnrolmentDimension.RACE)
    # 6/100 → 60.0; 6/300 → 20.0; 2/100 → 20.0
    assert (rows["black"].rate_per_1000, rows["white"].rate_per_1000, rows["hispanic"].rate_per_1000) == (
        60.0,
        20.0,
        20.0,
    )
    assert (rows["black"].events, rows["black"].enrolled) == (6, 100)


def test_the_risk_ratio_sets_a_group_against_all_other_known_students(race_figures):
    rows = rows_by_value(EnrolmentDimension.RACE)
    # Black: 0.06 / (8/400 = 0.02) = 3.0; White: 0.02 / (8/200 = 0.04) = 0.5; Hispanic: 0.02 / (12/400) = 0.67
    assert rows["black"].risk_ratio == 3.0
    assert rows["white"].risk_ratio == 0.5
    assert rows["hispanic"].risk_ratio == 0.67


def test_events_whose_race_is_not_known_are_counted_apart_with_no_rate(race_figures):
    rows = rates(EnrolmentDimension.RACE)
    unknown = rows[-1]
    assert (unknown.unknown, unknown.events, unknown.enrolled, unknown.rate_per_1000, unknown.risk_ratio) == (
        True,
        3,
        None,
        None,
        None,
    )
    assert sum(row.events for row in rows if not row.unknown) == 14
    assert str(unknown.label) == "Not known"


def test_groups_are_listed_in_the_federal_order_with_their_names(race_figures):
    rows = rates(EnrolmentDimension.RACE)
    assert [row.value for row in rows] == ["hispanic", "black", "white", ""]
    assert str(rows[1].label) == "Black or African American"


def test_a_group_with_no_enrolment_figure_has_no_rate_rather_than_zero_and_leaves_the_others_alone(
    race_figures, school, events_of
):
    enrol(school, EnrolmentDimension.RACE, asian=0)
    events_of(1, student_race="asian")
    events_of(2, student_race="pacific")  # no enrolment row at all
    rows = rows_by_value(EnrolmentDimension.RACE)
    assert (rows["asian"].events, rows["asian"].rate_per_1000, rows["asian"].risk_ratio) == (1, None, None)
    assert (rows["pacific"].enrolled, rows["pacific"].rate_per_1000, rows["pacific"].risk_ratio) == (None, None, None)
    # Black against White + Hispanic + Asian (0 students, 1 event): 0.06 / (9/400) = 2.67
    assert rows["black"].risk_ratio == 2.67


def test_a_group_with_no_events_has_a_rate_of_zero_and_others_with_none_give_no_ratio(school, events_of):
    enrol(school, EnrolmentDimension.GENDER, female=200, male=250)
    events_of(5, student_gender="female")
    rows = rows_by_value(EnrolmentDimension.GENDER)
    assert (rows["male"].events, rows["male"].rate_per_1000, rows["male"].risk_ratio) == (0, 0.0, 0.0)
    # Everyone else's risk is zero: a ratio against zero is not a number.
    assert (rows["female"].rate_per_1000, rows["female"].risk_ratio) == (25.0, None)
    assert "" not in rows


def test_enrolment_is_summed_over_the_schools_given(world, school, events_of):
    enrol(school, EnrolmentDimension.DISABILITY, iep=50, none=450)
    enrol(world.a_other_school, EnrolmentDimension.DISABILITY, iep=50, none=450)
    events_of(4, student_disability="iep")
    events_of(9, student_disability="none")
    rows = rows_by_value(EnrolmentDimension.DISABILITY)
    # IEP: 4/100 = 40.0; none: 9/900 = 10.0; ratio 0.04/0.01 = 4.0
    assert (rows["iep"].enrolled, rows["iep"].rate_per_1000, rows["iep"].risk_ratio) == (100, 40.0, 4.0)
    assert rows["none"].risk_ratio == 0.25


def test_all_students_is_every_event_against_the_whole_enrolment(school, events_of):
    enrol(school, EnrolmentDimension.ALL, **{"": 800})
    events_of(3, student_race="black")
    events_of(3)
    [row] = rates(EnrolmentDimension.ALL)
    assert (row.events, row.enrolled, row.rate_per_1000, row.risk_ratio) == (6, 800, 7.5, None)


def test_english_learners_are_named_as_such(school, events_of):
    enrol(school, EnrolmentDimension.ENGLISH_LEARNER, yes=40, no=360)
    events_of(2, student_english_learner="yes")
    rows = rows_by_value(EnrolmentDimension.ENGLISH_LEARNER)
    assert str(rows["yes"].label) == "English learners"
    assert (rows["yes"].rate_per_1000, rows["no"].rate_per_1000, rows["yes"].risk_ratio) == (50.0, 0.0, None)


def test_no_students_and_no_one_else_give_none_never_zero():
    assert rate_per_1000(3, 0) is None
    assert rate_per_1000(3, None) is None
    assert risk_ratio(events=3, enrolled=100, other_events=0, other_enrolled=0) is None
    assert risk_ratio(events=3, enrolled=0, other_events=2, other_enrolled=100) is None
    assert risk_ratio(events=0, enrolled=100, other_events=2, other_enrolled=100) == 0.0
