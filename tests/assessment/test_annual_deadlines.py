"""Deadlines of the annual assessment's steps are counted in school days; a step due soon is
reminded once to whoever may do it, and an overdue step escalates to the coordinators without
closing it."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.timers import fire_due_timers

from assessment.models import AnnualTaskDue
from assessment.services.annual_reminders import annual_due_soon_remind
from assessment.services.annual_steps import STEP_DAYS, annual_deadline
from notifications.models import OutboundEmail
from tests.assessment.annual_world import AnnualWorld
from tests.factories import SchoolCalendarClosureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def annual_world(db):
    return AnnualWorld()


def test_a_step_is_due_after_its_school_days_skipping_weekends_and_closures(annual_world):
    district = annual_world.district
    SchoolCalendarClosureFactory(district=district, starts_on=dt.date(2026, 4, 6), ends_on=dt.date(2026, 4, 10))
    start = timezone.make_aware(dt.datetime(2026, 4, 1, 9))  # a Wednesday
    # 10 school days from Wed 1 Apr: Thu 2, Fri 3, (break 6–10), 13–17 Apr, Mon 20, Tue 21, Wed 22.
    assert STEP_DAYS["reconcile"] == 10
    assert annual_deadline(district, "reconcile", start).date() == dt.date(2026, 4, 22)


def test_steps_due_soon_are_reminded_once_to_whoever_may_do_them(annual_world):
    w = annual_world
    assessment = w.open()
    AnnualTaskDue.objects.filter(task__process=assessment).update(due_at=timezone.now() + dt.timedelta(days=1))
    assert annual_due_soon_remind() == 2
    assert annual_due_soon_remind() == 0
    mailed = set(OutboundEmail.objects.filter(template="annual_task_due_soon").values_list("to_email", flat=True))
    assert mailed == {w.coordinator.email, w.agency_head.email, w.police_reviewer.email}
    assert "assessment.tasks_annual.annual_reminders_send" in settings.PERIODIC_TASKS


def test_an_overdue_step_escalates_to_the_coordinators_and_stays_open(annual_world):
    w = annual_world
    assessment = w.open()
    Task.objects.filter(process=assessment, flow_task_type="TIMER").update(scheduled=timezone.now() - dt.timedelta(1))
    fire_due_timers()
    assert AnnualTaskDue.objects.filter(task__process=assessment, escalated_at__isnull=False).count() == 2
    mailed = set(OutboundEmail.objects.filter(template="annual_task_overdue").values_list("to_email", flat=True))
    assert mailed == {w.coordinator.email}
    assert w.task(assessment, "district_score") is not None
