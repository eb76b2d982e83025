"""The SRO's quick log on a 360 px phone, and the coordinator's flagged list; axe-clean."""

import re

import pytest

from accounts.models import Role
from activity.models import EnforcementEvent
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import RosterAssignmentFactory, member

pytestmark = pytest.mark.browser


def test_an_sro_logs_a_citation_on_a_small_phone(browser, live_server, transactional_db, sign_in_staff, page):
    roster = RosterAssignmentFactory(school__name="Lincoln High")
    sro = member(Role.SRO, agency=roster.officer.agency)
    roster.officer.user = sro
    roster.officer.save()
    sign_in_staff(sro)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/staff/activity/log/event/")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Type").select_option(label="Citation, ticket or summons")
    page.get_by_role("button", name="Save the event").click()  # no offence: the error sits by the field
    assert page.locator("#id_offence_error").is_visible()
    assert_accessible(page)
    page.get_by_label("Offence").select_option(label="Loitering or trespass")
    page.get_by_label("student's age").fill("15")
    page.get_by_role("button", name="Save the event").click()
    page.wait_for_url(re.compile(r".*/staff/activity/log/event/$"))
    assert "The event is saved" in page.inner_text("body")
    screenshot(page, "activity-quick-log-phone")
    event = EnforcementEvent.objects.get()
    assert (event.school.name, event.student_age) == ("Lincoln High", 15)

    page.goto("/staff/activity/?flagged=on")
    assert "Item 7" in page.inner_text("body")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"\d{4}")).first.click()
    page.wait_for_url(re.compile(r".*/staff/activity/events/\d+/$"))
    assert "The student, as they were then" in page.inner_text("body")
    assert_accessible(page)

    page.goto("/staff/activity/log/outreach/")
    page.get_by_label("Kind").select_option(label="Presentation")
    page.get_by_label("Minutes").fill("45")
    page.get_by_role("button", name="Save the activity").click()
    page.wait_for_url(re.compile(r".*/staff/activity/log/outreach/$"))
    page.goto("/staff/activity/outreach/")
    assert "Presentation" in page.inner_text("body")
    assert_accessible(page)
