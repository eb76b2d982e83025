"""The public dashboard on a 360 px phone in English and Spanish, with no sign-in: axe-clean, nothing wider than
the screen, a school chosen through the form (no JavaScript needed), the methodology page."""

import datetime
import os

import pytest
from django.core.cache import cache

from activity.models import EventType, OutreachActivity
from assessment.services.releases import release_publish
from assessment.views.dashboard_cache import local_forget
from tests.activity.builders import build_event
from tests.assessment.builders_dashboard import complaints
from tests.browser.conftest import ROOT, assert_accessible
from tests.factories import DistrictFactory, RosterAssignmentFactory, SchoolFactory

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def published(transactional_db):
    cache.clear()
    local_forget()
    district = DistrictFactory(name="Riverside Unified")
    roster = RosterAssignmentFactory(
        school__district=district, school__name="Lincoln High", officer__agency__district=district
    )
    lincoln = roster.school
    washington = SchoolFactory(district=district, name="Washington Middle")
    complaints(
        lincoln, 14, categories=("search", "conduct"), finding="not_sustained", closed=datetime.date(2026, 10, 5)
    )
    complaints(lincoln, 3, kind="concern", categories=("bias",))
    complaints(washington, 11, categories=("search",), finding="sustained", closed=datetime.date(2026, 12, 14))
    for _ in range(12):
        build_event(roster.officer, lincoln, type=EventType.CITATION)
    OutreachActivity.objects.bulk_create(
        OutreachActivity(
            date=datetime.date(2026, 10, 1),
            school=school,
            officer=roster.officer,
            agency=roster.officer.agency,
            kind="presentation",
            minutes=45,
        )
        for school in (lincoln, washington)
        for _ in range(10)
    )
    return release_publish(district=district, school_year=2026, assessment={"summary": "Goals met."}, by=None)


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_family_reads_the_dashboard_on_a_phone_and_picks_a_school(page, published):
    page.set_viewport_size(PHONE)
    page.goto("/dashboard/")
    assert "Complaints received" in page.inner_text("h2#heading-complaints_received")
    assert "suppressed" in page.inner_text("body")
    assert_accessible(page)
    _fits(page)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":  # the docs' picture: what the phone's screen shows first
        page.screenshot(path=str(ROOT / "docs" / "img" / "dashboard-phone.png"))
    page.locator("#id_school").select_option(label="Washington Middle")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**school=*")
    assert "Washington Middle, school year 2026–27" in page.inner_text("body")
    assert_accessible(page)
    _fits(page)
    page.get_by_role("link", name="Methodology and data dictionary").click()
    page.wait_for_url("**/dashboard/methodology/**")
    assert "Data dictionary" in page.inner_text("body")
    assert_accessible(page)
    _fits(page)


def test_the_dashboard_reads_in_spanish_on_a_phone(browser, live_server, published):
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto("/dashboard/")
    assert page.get_attribute("html", "lang") == "es"
    assert "Quejas recibidas" in page.inner_text("body")
    assert "suprimido" in page.inner_text("body")
    assert_accessible(page)
    _fits(page)
    page.goto("/dashboard/methodology/")
    assert_accessible(page)
    context.close()
