"""The public training and "you said, we did" pages in English and Spanish on a phone, and the coordinator's training
pages: axe-clean, nothing wider than the screen."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.models import Role
from assessment.models import CommitmentStatus, CommitmentUpdate
from tests.assessment.test_commitments import entry
from tests.assessment.training_builders import attend, event, require
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import RosterAssignmentFactory, SchoolFactory, member

pytestmark = pytest.mark.browser


def _records(world_school):
    district = world_school.district
    officer = RosterAssignmentFactory(school=world_school, officer__agency__district=district).officer
    held = event(district, "2026-08-13", "6", "mou-roles", "implicit-bias", title="August summit",
                 title_es="Cumbre de agosto", joint_with_school_staff=True)  # fmt: skip
    attend(held, officer=officer)
    event(district, (timezone.localdate() + datetime.timedelta(days=30)).isoformat(), "3", "de-escalation",
          title="Guidance session", title_es="Sesión de orientación")  # fmt: skip
    require(district, "8")
    require(district, "2", "implicit-bias")
    done = entry(district, published=True, status=CommitmentStatus.DONE, concern_es="Queremos saber con quién hablar.",
                 action_es="Carteles en cada escuela.")  # fmt: skip
    CommitmentUpdate.objects.create(
        commitment=done, date=datetime.date(2026, 10, 1), text_en="Posters up.", text_es="Carteles colocados."
    )
    return district


@pytest.mark.parametrize("locale", ["en-US", "es-MX"])
def test_the_public_pages_read_on_a_phone_in_both_languages(browser, live_server, transactional_db, locale):
    _records(SchoolFactory(name="Lincoln High"))
    context = browser.new_context(base_url=live_server.url, locale=locale, viewport={"width": 360, "height": 740})
    page = context.new_page()
    spanish = locale.startswith("es")
    page.goto("/dashboard/training/")
    assert page.locator("html").get_attribute("lang") == locale[:2]
    assert ("Cumbre de agosto" if spanish else "August summit") in page.inner_text("body")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    screenshot(page, f"training-public-{locale[:2]}")
    page.goto("/dashboard/you-said-we-did/")
    assert ("Carteles colocados." if spanish else "Posters up.") in page.inner_text("body")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    screenshot(page, f"you-said-we-did-{locale[:2]}")
    context.close()


def test_the_coordinator_adds_an_event_records_attendance_and_reads_compliance(
    browser, live_server, transactional_db, sign_in_staff, page
):
    district = _records(SchoolFactory(name="Lincoln High"))
    coordinator = member(Role.COORDINATOR, district=district)
    sign_in_staff(coordinator)
    page.goto("/staff/assessment/training/add/")
    assert_accessible(page)
    page.get_by_role("button", name="Save the training event").click()
    assert page.locator("#id_title_en_error").is_visible()
    assert_accessible(page)
    page.get_by_label("Title (English)").fill("Restorative practices")
    page.get_by_label("Date").fill("2026-09-10")
    page.locator("#id_hours").fill("2")
    page.get_by_label("Restorative practices").check()
    page.get_by_label("School resource officer").check()
    page.get_by_role("button", name="Save the training event").click()
    page.wait_for_url(re.compile(r".*/staff/assessment/training/\d+/$"))
    assert_accessible(page)
    page.locator("input[name=officers]").first.check()
    page.get_by_role("button", name="Save attendance").click()
    assert "Attendance is saved" in page.inner_text("body")
    page.goto("/staff/assessment/training/compliance/?school_year=2026")
    assert "8 of 8" in page.inner_text("body")
    assert_accessible(page)
    screenshot(page, "training-compliance")
    page.goto("/staff/assessment/you-said-we-did/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("who to talk to")).click()
    assert_accessible(page)
