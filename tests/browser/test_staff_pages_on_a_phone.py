"""Staff pages with wide tables on a 360 px phone: only the table's own region scrolls sideways, never the page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.workflows.conftest import Case
from workflows.review.start import review_start

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/staff/reviews/", "/staff/audit/"])
def test_a_coordinator_on_a_phone_scrolls_only_the_table_not_the_page(page, sign_in_staff, path):
    case = Case()
    review_start(case.complaint)
    sign_in_staff(case.coordinator)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path)
    region = page.locator(".table-scroll[role=region]", has=page.locator("table")).first
    expect(region).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # the table is wider: its region scrolls
    assert_accessible(page)
