"""axe-core finds no violation on the notification, canned-response and appeal pages."""

from accounts.models import Role
from notifications.links import unsubscribe_url
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, TEST_PIN, UserFactory, member
from tests.workflows.conftest import Case


def test_email_choices_and_unsubscribe_pages_are_accessible(page, live_server):
    UserFactory(email="parent@example.org")
    page.goto(unsubscribe_url("family@example.org", "status_changed").replace("http://127.0.0.1:8000", live_server.url))
    assert_accessible(page)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("parent@example.org")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/notifications/preferences/")
    page.get_by_label("Status of my complaint changed").uncheck()
    page.get_by_role("button", name="Save").click()
    assert "Your email choices are saved." in page.content()
    assert_accessible(page)


def test_coordinator_pages_for_delivery_and_canned_responses_are_accessible(page, sign_in_staff):
    coordinator = member(Role.COORDINATOR, mfa=True)
    sign_in_staff(coordinator)
    page.goto("/staff/delivery/")
    assert_accessible(page)
    page.goto("/staff/reviews/canned/")
    page.get_by_label("Title").fill("Still reviewing")
    page.get_by_label("Text").fill("We are still reviewing your complaint.")
    page.get_by_role("button", name="Add").click()
    assert_accessible(page)
    page.get_by_role("link", name="Still reviewing").click()
    assert_accessible(page)


def test_the_appeal_page_is_accessible(page):
    case = Case()
    case.take_to("outcome_written", letter="Unfounded.")
    page.goto("/complaints/track/")
    page.get_by_label("Tracking code").fill(case.complaint.tracking_code)
    page.get_by_label("PIN").fill(TEST_PIN)
    page.get_by_role("button", name="Open my complaint").click()
    assert_accessible(page)
    page.get_by_role("link", name="Appeal the outcome").click()
    assert_accessible(page)
