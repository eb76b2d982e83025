"""Each SRO's training hours in a school year against the district's requirements, computed by hand."""

import datetime
from decimal import Decimal

import pytest

from accounts.models import Role
from assessment.services.training import training_compliance
from tests.assessment.training_builders import attend, event, require
from tests.factories import RosterAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def year(world):
    """School year 2025–26 in district A: officer X (with an account) rostered all year, officer Y whose posting
    ended in October, officer Z who left before the year began, and B's officer."""
    x = world.a_roster.officer
    x.user = UserFactory()
    x.save()
    y = RosterAssignmentFactory(
        officer__agency=world.a_agency,
        school=world.a_other_school,
        starts_on=datetime.date(2024, 8, 1),
        ends_on=datetime.date(2025, 10, 31),
    ).officer
    z = RosterAssignmentFactory(
        officer__agency=world.a_agency,
        school=world.a_school,
        starts_on=datetime.date(2023, 8, 1),
        ends_on=datetime.date(2025, 7, 31),
    ).officer
    summit = event(world.a, "2025-08-12", "6", "de-escalation", "mental-health", "implicit-bias", title="Summit")
    guidance = event(world.a, "2026-01-15", "3", "mou-roles", title="Guidance")
    refresher = event(world.a, "2026-03-01", "2", "de-escalation", "privacy-ferpa", title="Refresher")
    last_year = event(world.a, "2025-07-20", "4", "de-escalation", title="Last year")
    attend(summit, officer=x)
    attend(guidance, user=x.user)
    attend(refresher, officer=x)
    attend(refresher, user=x.user)  # recorded twice, once through the account: counts once
    attend(last_year, officer=x)
    attend(summit, officer=y)
    attend(summit, officer=z)
    require(world.a, "10")
    require(world.a, "4", "de-escalation")
    require(world.a, "2", "mental-health")
    require(world.a, "6", role=Role.SCHOOL_ADMIN)
    require(world.b, "40")
    return world, x, y, z


def _by_officer(rows):
    return {row.officer.pk: row for row in rows}


def test_an_sros_hours_are_the_held_events_of_the_year_they_attended(year):
    world, x, y, z = year
    rows = _by_officer(training_compliance(district=world.a, school_year=2025))
    # 6 (summit) + 3 (guidance, through the account) + 2 (refresher, once); last year's 4 hours do not count.
    assert rows[x.pk].hours_done == D("11.00")
    assert rows[x.pk].events == 3
    assert rows[x.pk].hours_required == D("10")
    assert rows[x.pk].overall_met


def test_each_required_topic_gets_an_even_share_of_each_events_hours(year):
    world, x, y, z = year
    topics = {
        t.topic.code: t for t in _by_officer(training_compliance(district=world.a, school_year=2025))[x.pk].topics
    }
    # De-escalation: summit 6 / 3 topics = 2, refresher 2 / 2 topics = 1 -> 3 of 4 required.
    assert (topics["de-escalation"].done, topics["de-escalation"].required) == (D("3.00"), D("4"))
    assert topics["de-escalation"].missing == D("1.00")
    assert (topics["mental-health"].done, topics["mental-health"].met) == (D("2.00"), True)
    assert list(topics) == ["de-escalation", "mental-health"]


def test_an_sro_short_of_one_topic_is_not_compliant_even_with_enough_hours(year):
    world, x, y, z = year
    row = _by_officer(training_compliance(district=world.a, school_year=2025))[x.pk]
    assert row.overall_met and not row.compliant


def test_only_officers_rostered_in_the_district_during_the_year_are_listed(year):
    world, x, y, z = year
    rows = _by_officer(training_compliance(district=world.a, school_year=2025))
    assert set(rows) == {x.pk, y.pk}
    assert rows[y.pk].hours_done == D("6.00")
    assert rows[y.pk].missing == D("4.00")
    assert not rows[y.pk].compliant


def test_events_not_yet_held_do_not_count(year):
    world, x, y, z = year
    rows = _by_officer(training_compliance(district=world.a, school_year=2025, as_of=datetime.date(2026, 2, 1)))
    assert rows[x.pk].hours_done == D("9.00")


def test_a_district_without_requirements_asks_for_no_hours(world):
    officer = world.a_roster.officer
    attend(event(world.a, "2025-09-01", "1", "de-escalation", "mental-health", "implicit-bias"), officer=officer)
    (row,) = training_compliance(district=world.a, school_year=2025)
    assert (row.hours_done, row.hours_required, row.topics, row.compliant) == (D("1.00"), D("0"), (), True)


def test_a_third_of_an_hour_is_rounded_to_hundredths(world):
    officer = world.a_roster.officer
    attend(event(world.a, "2025-09-01", "1", "de-escalation", "mental-health", "implicit-bias"), officer=officer)
    require(world.a, "0.5", "implicit-bias")
    (row,) = training_compliance(district=world.a, school_year=2025)
    assert row.topics[0].done == D("0.33")
    assert row.as_dict()["topics"][0] == {
        "code": "implicit-bias",
        "name_en": "Implicit bias",
        "name_es": "Sesgo implícito",
        "done": "0.33",
        "required": "0.50",
        "met": False,
    }


def test_narrowing_to_one_agencys_officers(year):
    world, x, y, z = year
    rows = training_compliance(district=world.a, school_year=2025, officers=x.__class__.objects.filter(pk=x.pk))
    assert [row.officer.pk for row in rows] == [x.pk]


def test_compliance_takes_a_fixed_number_of_queries(year, django_assert_num_queries):
    world, *_ = year
    with django_assert_num_queries(5):
        training_compliance(district=world.a, school_year=2025)
