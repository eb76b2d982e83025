"""`seed_demo` adds a year of SRO records to every demo school, once; `purge_demo` removes them."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import School
from activity.models import EnforcementEvent, Enrolment, EnrolmentDimension, OutreachActivity
from activity.services.flags import flagged_q

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo_seeded, settings):
    settings.DEMO_MODE = True
    return School.objects.filter(district__slug="riverside")


def test_every_demo_school_has_events_outreach_and_enrolment_for_two_school_years(seeded):
    for school in seeded:
        assert EnforcementEvent.objects.filter(school=school).count() > 5, school
        assert OutreachActivity.objects.filter(school=school).exists(), school
        years = set(
            Enrolment.objects.filter(school=school, dimension=EnrolmentDimension.RACE).values_list(
                "school_year", flat=True
            )
        )
        assert len(years) == 2, school


def test_some_demo_events_raise_mou_flags_and_some_lack_demographics(seeded):
    assert EnforcementEvent.objects.filter(flagged_q()).exists()
    assert EnforcementEvent.objects.filter(student_race="").exists()


def test_seeding_again_the_same_day_adds_nothing(seeded):
    counts = (EnforcementEvent.objects.count(), OutreachActivity.objects.count(), Enrolment.objects.count())
    out = StringIO()
    call_command("seed_demo_activity", stdout=out)
    assert (EnforcementEvent.objects.count(), OutreachActivity.objects.count(), Enrolment.objects.count()) == counts
    assert "0 events and 0 outreach activities added" in out.getvalue()


def test_purge_demo_removes_the_demo_records(seeded):
    call_command("purge_demo", "--yes", stdout=StringIO())
    assert not EnforcementEvent.objects.exists()
    assert not OutreachActivity.objects.exists()
    assert not Enrolment.objects.exists()
