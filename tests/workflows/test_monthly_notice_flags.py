"""The district's notification deadlines raise a flag on late or unrecorded notices of an arrest."""

import datetime as dt

import pytest

from activity.models import EventType, FlagResolution, NoticeDeadline
from activity.services.flags import event_flags, unresolved_q
from tests.activity.builders import build_event
from tests.factories import OfficerFactory, SchoolFactory, UserFactory

UTC = dt.UTC


@pytest.fixture
def arrest_at(db):
    school = SchoolFactory()
    officer = OfficerFactory(agency__district=school.district)

    def build(**fields):
        values = {"type": EventType.ARREST, "warrant": True, "principal_consulted": True, "guardian_notified": True}
        return build_event(officer, school, date=dt.date(2026, 10, 5), **{**values, **fields})

    return school, build


def _codes(event):
    return {check.code for check in event_flags(event)}


def test_a_district_without_deadlines_flags_no_late_notice(arrest_at):
    school, build = arrest_at
    assert _codes(build()) == set()


def test_the_principal_told_after_the_districts_24_hours_raises_a_flag(arrest_at):
    school, build = arrest_at
    NoticeDeadline.objects.create(district=school.district, principal_within=dt.timedelta(hours=24))
    in_time = build(principal_notified_at=dt.datetime(2026, 10, 6, 12, tzinfo=UTC))
    late = build(principal_notified_at=dt.datetime(2026, 10, 7, 1, tzinfo=UTC))
    never = build()
    assert "principal_told_late" not in _codes(in_time)
    assert "principal_told_late" in _codes(late)
    assert "principal_told_late" in _codes(never)
    assert "guardian_told_late" not in _codes(never)


def test_a_call_for_service_never_raises_a_notice_flag(arrest_at):
    school, build = arrest_at
    NoticeDeadline.objects.create(district=school.district, guardian_within=dt.timedelta(hours=2))
    assert _codes(build(type=EventType.CALL_FOR_SERVICE)) == set()
    assert "guardian_told_late" in _codes(build())


def test_a_resolved_flag_is_left_out_of_the_unresolved_ones(arrest_at):
    school, build = arrest_at
    event = build(warrant=False)
    FlagResolution.objects.create(
        event=event,
        code="custody_without_warrant_or_threat",
        text="Warrant filed late",
        resolved_by=UserFactory(),
        resolved_at=dt.datetime(2026, 11, 2, tzinfo=UTC),
    )
    assert _codes(event) == {"custody_without_warrant_or_threat"}
    assert event_flags(event, unresolved=True) == []
    assert not type(event).objects.filter(unresolved_q()).exists()
