"""The demo district's monthly reviews: one accepted and locked month, one waiting for the principal, with or
without SRO records, made once however often the command runs, and removed by the purge."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from accounts.demo import demo_district_create
from accounts.models import Officer, School
from activity.models import FlagResolution, LockedMonth
from tests.activity.builders import build_event, offence
from workflows.monthly.demo import demo_monthly_create, demo_monthly_purge
from workflows.monthly.models import MonthlyReview
from workflows.monthly.selectors import open_tasks

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def district(db):
    demo_district_create(today=TODAY)
    return School.objects.get(slug="lincoln-high").district


def _step(review):
    task = open_tasks(review).first()
    return task.flow_task.name if task else None


def test_with_no_records_the_demo_has_an_accepted_empty_month_and_one_waiting_for_the_principal(district):
    made = demo_monthly_create(today=TODAY)
    assert (made.accepted.month, _step(made.accepted)) == (dt.date(2026, 9, 1), None)
    assert made.accepted.accepted_at is not None
    assert LockedMonth.objects.filter(school=made.accepted.school, month=dt.date(2026, 9, 1)).exists()
    assert (made.pending.month, _step(made.pending)) == (dt.date(2026, 10, 1), "school_review")
    assert MonthlyReview.objects.filter(month=dt.date(2026, 10, 1)).count() == 4  # every rostered school


def test_flagged_demo_records_of_the_accepted_month_get_resolutions_and_running_again_changes_nothing(district):
    officer = Officer.objects.get(badge_number="1041")
    school = School.objects.get(slug="lincoln-high")
    build_event(officer, school, date=dt.date(2026, 9, 14), type="citation", offence=offence(district, "loitering"))
    demo_monthly_create(today=TODAY)
    assert FlagResolution.objects.count() == 1
    demo_monthly_create(today=TODAY)
    assert MonthlyReview.objects.count() == 5 and FlagResolution.objects.count() == 1


def test_the_purge_removes_the_demo_reviews_and_locks(district):
    demo_monthly_create(today=TODAY)
    assert demo_monthly_purge() == 5  # September at Lincoln High, October at all four
    assert not MonthlyReview.objects.exists() and not LockedMonth.objects.exists()


def test_the_demo_command_needs_demo_mode(district, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE"):
        call_command("seed_demo_monthly")
