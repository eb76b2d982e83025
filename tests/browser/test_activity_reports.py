"""The coordinator's SRO activity reports, in English and Spanish: figures, chart, quarterly view, state templates;
axe-clean."""

import pytest
from django.utils import timezone

from accounts.models import Role, SchoolLevel
from activity.models import Enrolment, EnrolmentDimension, EventType
from tests.activity.builders import build_event, offence
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import RosterAssignmentFactory, member

pytestmark = pytest.mark.browser


def _figures():
    roster = RosterAssignmentFactory(school__name="Lincoln High", school__level=SchoolLevel.HIGH)
    school, officer = roster.school, roster.officer
    loitering = offence(school.district, "loitering")
    today = timezone.localdate()
    for race, count in (("black", 4), ("white", 3), ("", 1)):
        for _ in range(count):
            build_event(officer, school, date=today, student_race=race, type=EventType.CITATION, offence=loitering)
    for value, count in (("black", 200), ("white", 600)):
        Enrolment.objects.create(
            school=school,
            school_year=2026 if today.month >= 8 else 2025,
            dimension=EnrolmentDimension.RACE,
            value=value,
            count=count,
        )
    return school.district


def test_the_coordinator_reads_the_reports_in_english_and_spanish(live_server, transactional_db, sign_in_staff, page):
    district = _figures()
    sign_in_staff(member(Role.COORDINATOR, district=district))
    page.goto("/staff/activity/reports/")
    body = page.inner_text("body")
    assert "Rates and risk ratios by race or ethnicity" in body and "Black or African American" in body
    assert page.locator("svg[role=img]").count() == 1
    assert_accessible(page)
    screenshot(page, "activity-reports")
    page.goto("/staff/activity/reports/?month=soon")  # an old browser's text box sends anything
    assert "Enter a month as YYYY-MM." in page.inner_text("body")
    assert_accessible(page)

    page.goto("/staff/activity/reports/quarterly/")
    assert "High, quarter" in page.inner_text("body")
    assert_accessible(page)
    page.goto("/staff/activity/reports/state/")
    assert "RCW 28A.320.1241" in page.inner_text("body")
    assert_accessible(page)

    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change language").click()
    page.goto("/staff/activity/reports/")
    assert page.get_by_role("heading", level=1).inner_text() == "Informes de actividad de los SRO"
    assert "Razón de riesgo" in page.inner_text("body")
    assert_accessible(page)
    page.goto("/staff/activity/reports/quarterly/")
    assert page.get_by_role("heading", level=1).inner_text() == "Vista trimestral por nivel escolar"
    assert_accessible(page)
