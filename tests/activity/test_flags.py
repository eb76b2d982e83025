"""The MOU checks: each rule raises its flag, and its exception clears it."""

import pytest

from activity.models import EnforcementEvent, EventType
from activity.services.flags import event_flags, flagged_q
from tests.activity.builders import build_event, offence

pytestmark = pytest.mark.django_db


def codes(event):
    return {check.code for check in event_flags(event)}


@pytest.fixture
def log(world):
    officer = world.a_roster.officer

    def make(**fields):
        return build_event(officer, world.a_school, **fields)

    return make


def test_a_citation_for_loitering_without_a_threat_is_flagged_under_item_7(world, log):
    event = log(type=EventType.CITATION, offence=offence(world.a, "loitering"))
    assert codes(event) == {"public_order_without_threat"}
    assert event_flags(event)[0].item == 7


def test_a_petition_for_a_public_order_offence_is_flagged_too(world, log):
    assert codes(log(type=EventType.PETITION, offence=offence(world.a, "profanity"))) == {"public_order_without_threat"}


def test_a_public_order_citation_with_a_real_and_immediate_threat_is_not_flagged(world, log):
    assert codes(log(type=EventType.CITATION, offence=offence(world.a, "fighting"), real_threat=True)) == set()


def test_a_citation_for_an_offence_that_is_not_public_order_is_not_flagged(world, log):
    assert codes(log(type=EventType.CITATION, offence=offence(world.a, "weapon"))) == set()


def test_custody_without_warrant_or_threat_is_flagged_under_item_8(world, log):
    event = log(
        type=EventType.ARREST, offence=offence(world.a, "theft"), principal_consulted=True, guardian_notified=True
    )
    assert codes(event) == {"custody_without_warrant_or_threat"}


def test_custody_under_a_warrant_with_principal_and_guardian_told_is_not_flagged(world, log):
    event = log(
        type=EventType.ARREST,
        offence=offence(world.a, "theft"),
        warrant=True,
        principal_consulted=True,
        guardian_notified=True,
    )
    assert codes(event) == set()


def test_custody_with_a_real_threat_needs_no_warrant(world, log):
    event = log(
        type=EventType.ARREST,
        offence=offence(world.a, "assault"),
        real_threat=True,
        principal_consulted=True,
        guardian_notified=True,
    )
    assert codes(event) == set()


@pytest.mark.parametrize("missing", ["principal_consulted", "guardian_notified"])
def test_custody_without_the_principal_consulted_or_the_guardian_notified_is_flagged(world, log, missing):
    told = {"principal_consulted": True, "guardian_notified": True, missing: False}
    event = log(type=EventType.ARREST, offence=offence(world.a, "theft"), warrant=True, **told)
    assert codes(event) == {"custody_without_principal_or_guardian"}


def test_an_event_enforcing_school_discipline_is_flagged_under_item_2(world, log):
    event = log(type=EventType.QUESTIONING, school_discipline=True)
    assert codes(event) == {"school_discipline"}
    assert event_flags(event)[0].item == 2


def test_an_ordinary_call_for_service_raises_no_flag(log):
    assert codes(log()) == set()


def test_the_flagged_filter_finds_exactly_the_flagged_events(world, log):
    flagged = log(school_discipline=True)
    log()
    assert list(EnforcementEvent.objects.filter(flagged_q())) == [flagged]


def test_every_new_district_gets_the_public_order_offences(world):
    public = set(world.b.offences.filter(public_order=True).values_list("code", flat=True))
    assert public == {"disturbance", "loitering", "profanity", "fighting"}
