"""A coordinator imports an agency's CSV: upload, dry run with its row errors, import of the valid rows; the pages
are axe-clean in English and in Spanish."""

import re

import pytest

from accounts.models import Role
from activity.models import EnforcementEvent
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import RosterAssignmentFactory, member

pytestmark = pytest.mark.browser


def _csv(school: str) -> bytes:
    return (
        "Report No,Date,School,Badge,Action,Offense,Age\n"
        f"R-1,2026-10-05,{school},B-17,Citation,disturbance,15\n"
        f"R-2,2026-10-06,{school},B-17,Call for service,,\n"
        f"R-3,not a date,{school},B-17,Search,,\n"
    ).encode()


def _upload(page, school: str, button: str):
    page.get_by_label(re.compile("^(File|Archivo)")).set_input_files(
        {"name": "october.csv", "mimeType": "text/csv", "buffer": _csv(school)}
    )
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r".*/staff/activity/imports/\d+/$"))


def test_a_coordinator_checks_then_imports_the_valid_rows_in_english_and_spanish(
    browser, live_server, transactional_db, sign_in_staff, page
):
    roster = RosterAssignmentFactory(school__name="Lincoln High", officer__badge_number="B-17")
    coordinator = member(Role.COORDINATOR, district=roster.school.district, mfa=True)
    sign_in_staff(coordinator)
    page.goto("/staff/activity/imports/")
    assert_accessible(page)
    _upload(page, "Lincoln High", "Check the file")
    body = page.inner_text("body")
    assert "What the dry run found" in body and "“not a date” is not a date" in body
    assert_accessible(page)
    screenshot(page, "activity-import-dry-run")
    page.get_by_role("button", name="Import the file").click()  # refused: a row has an error
    assert "choose to import the valid rows only" in page.inner_text("body")
    assert not EnforcementEvent.objects.exists()
    page.get_by_label("Import the valid rows only").check()
    page.get_by_role("button", name="Import the file").click()
    page.wait_for_url(re.compile(r".*/staff/activity/imports/\d+/$"))
    assert "Imported: 2 new" in page.inner_text("body")
    assert EnforcementEvent.objects.count() == 2

    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change language").click()
    page.goto("/staff/activity/imports/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page)
    _upload(page, "Lincoln High", "Comprobar el archivo")
    body = page.inner_text("body")
    assert "«not a date» no es una fecha" in body and "El mismo archivo se importó" in body
    assert_accessible(page)
    page.goto("/staff/activity/imports/coverage/")
    assert "Cobertura de los registros de SRO" in page.inner_text("body")
    assert_accessible(page)
