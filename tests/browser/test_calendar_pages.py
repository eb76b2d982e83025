"""A coordinator keeps the school calendar and reads the audit log in a real browser."""

import datetime as dt

from accounts.models import Role
from core.models import AuditAction, AuditEvent
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import SchoolCalendarClosureFactory, member
from workflows.models import SchoolCalendarClosure


def test_coordinator_adds_edits_and_removes_a_closure_then_reads_the_audit_log(page, sign_in_staff, world):
    SchoolCalendarClosureFactory(district=world.a, name="Thanksgiving", starts_on=dt.date(2025, 11, 27))
    sign_in_staff(member(Role.COORDINATOR, district=world.a, mfa=True))

    page.get_by_role("link", name="School calendar").click()
    page.wait_for_url(f"**/staff/calendar/{world.a.pk}/")
    assert page.get_by_role("heading", name="School calendar: District A").is_visible()
    assert_accessible(page)
    screenshot(page, "staff-school-calendar")

    # An end before the start is refused next to the field, keeping the input.
    page.get_by_role("link", name="Add a closure").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Spring break")
    page.get_by_label("Kind").select_option("break")
    page.get_by_label("First day closed").fill("2026-03-20")
    page.get_by_label("Last day closed").fill("2026-03-16")
    page.get_by_role("button", name="Save").click()
    assert page.locator("#id_ends_on_error").is_visible()
    assert page.get_by_label("Name").input_value() == "Spring break"
    assert_accessible(page)

    page.get_by_label("First day closed").fill("2026-03-16")
    page.get_by_label("Last day closed").fill("2026-03-20")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/staff/calendar/{world.a.pk}/")
    assert page.get_by_role("cell", name="Spring break", exact=True).is_visible()

    page.get_by_role("link", name="Edit Spring break").click()
    page.get_by_label("Last day closed").fill("2026-03-23")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/staff/calendar/{world.a.pk}/")
    assert SchoolCalendarClosure.objects.get(name="Spring break").ends_on == dt.date(2026, 3, 23)

    page.get_by_role("link", name="Remove Thanksgiving").click()
    assert_accessible(page)
    page.get_by_role("button", name="Remove").click()
    page.wait_for_url(f"**/staff/calendar/{world.a.pk}/")
    assert not SchoolCalendarClosure.objects.filter(name="Thanksgiving").exists()

    page.get_by_role("link", name="Change the deadlines").click()
    assert_accessible(page)
    page.get_by_label("Triage").fill("0")
    page.get_by_role("button", name="Save").click()
    assert page.locator("#id_triage_days_error").is_visible()
    assert_accessible(page)
    page.get_by_label("Triage").fill("4")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/staff/calendar/{world.a.pk}/")

    page.get_by_role("link", name="Audit log").click()
    page.wait_for_url("**/staff/audit/")
    assert page.get_by_role("heading", name="Audit log").is_visible()
    assert page.get_by_role("cell", name="Deleted", exact=True).is_visible()
    assert_accessible(page)
    page.get_by_label("Action").select_option("changed")
    page.get_by_role("button", name="Filter").click()
    assert page.get_by_role("cell", name="Changed", exact=True).first.is_visible()
    assert page.get_by_role("cell", name="Deleted", exact=True).count() == 0
    assert_accessible(page)
    screenshot(page, "staff-audit-log")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these entries (CSV)").click()
    assert download.value.suggested_filename.startswith("audit-log-")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.CREATED, AuditAction.CHANGED, AuditAction.DELETED, AuditAction.EXPORTED} <= actions
