"""Filing a complaint in a real browser, as a visitor and as a signed-in parent."""

import re

from playwright.sync_api import expect

from complaints.models import Complaint
from tests.browser.conftest import assert_accessible, screenshot
from tests.complaints.helpers import school_with_officer
from tests.factories import TEST_PASSWORD, UserFactory


def _step_one(page, school_name="Lincoln High"):
    page.get_by_label("A complaint about an officer or the program").check()
    page.get_by_label("Parent or guardian").check()
    page.get_by_label("Which school?").select_option(label=school_name)
    page.get_by_label("When did it happen?").fill("2026-11-02")
    page.get_by_role("button", name="Save and continue").click()


def _step_two(page, description="The officer searched my son's backpack without asking."):
    page.get_by_label("Search").check()
    page.get_by_label("Where did it happen?").fill("Front entrance")
    page.get_by_label("What happened?").fill(description)


def test_a_visitor_files_anonymously_and_sees_the_tracking_code_and_pin(page):
    school_with_officer()
    page.goto("/complaints/new/")
    assert_accessible(page)
    screenshot(page, "complaint-step-1")
    _step_one(page)
    assert_accessible(page)
    expect(page.get_by_label("Which officer was involved?")).to_contain_text("Morgan Reyes")
    _step_two(page)
    screenshot(page, "complaint-step-2")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Do not contact me (anonymous)").check()
    assert_accessible(page)
    screenshot(page, "complaint-step-3")
    page.get_by_role("button", name="Send my complaint").click()
    page.wait_for_url(re.compile(r".*/done/$"))
    assert_accessible(page)
    screenshot(page, "complaint-receipt")
    complaint = Complaint.objects.get()
    expect(page.locator("#tracking-code")).to_have_text(complaint.tracking_code)
    expect(page.locator("#tracking-pin")).to_have_text(re.compile(r"^\d{6}$"))
    assert complaint.is_anonymous


def test_a_signed_in_parent_has_their_details_prefilled_and_finds_the_complaint_later(page):
    school_with_officer()
    UserFactory(email="parent@example.org", full_name="Ana Parent")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("parent@example.org")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/complaints/new/")
    _step_one(page)
    _step_two(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_label("Email address")).to_have_value("parent@example.org")
    expect(page.get_by_label("Your name (optional)")).to_have_value("Ana Parent")
    page.get_by_role("button", name="Send my complaint").click()
    page.wait_for_url(re.compile(r".*/done/$"))
    page.goto("/complaints/mine/")
    assert_accessible(page)
    expect(page.get_by_role("link", name=Complaint.objects.get().tracking_code)).to_be_visible()


def test_a_failed_step_keeps_what_was_typed_and_points_at_the_problem(page):
    school_with_officer()
    page.goto("/complaints/new/")
    _step_one(page)
    page.get_by_label("Where did it happen?").fill("Cafeteria")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Everything you typed has been kept")
    expect(page.get_by_label("Where did it happen?")).to_have_value("Cafeteria")
    expect(page.locator("#id_description_error")).to_contain_text("This field is required.")
    assert_accessible(page)
    screenshot(page, "complaint-validation")


def test_a_draft_is_saved_and_resumed_from_its_private_link(page, browser, live_server):
    school_with_officer()
    page.goto("/complaints/new/")
    _step_one(page)
    page.get_by_label("What happened?").fill("I will finish this tonight.")
    page.get_by_role("button", name="Save and finish later").click()
    link = page.get_by_label("Your private link").input_value()
    assert_accessible(page)
    screenshot(page, "complaint-draft-saved")
    other = browser.new_context(base_url=live_server.url).new_page()
    other.goto(link)
    other.get_by_role("button", name="Save and continue").click()
    expect(other.get_by_label("What happened?")).to_have_value("I will finish this tonight.")
    other.context.close()


def test_an_attachment_that_is_not_allowed_is_refused_with_a_reason(page, tmp_path):
    school_with_officer()
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"#!/bin/sh\necho this is not a photo\n")
    page.goto("/complaints/new/")
    _step_one(page)
    _step_two(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Do not contact me (anonymous)").check()
    page.get_by_label("Photos, documents, video or audio (optional)").set_input_files(str(fake))
    page.get_by_role("button", name="Send my complaint").click()
    refused = "“photo.jpg” is not a photo, PDF, video or audio file"
    expect(page.locator("#id_attachments_error")).to_contain_text(refused)
    assert not Complaint.objects.exists()
    assert_accessible(page)
    screenshot(page, "complaint-attachment-refused")


def test_quick_exit_is_the_first_thing_a_keyboard_reaches_after_the_skip_link(page):
    page.goto("/complaints/new/")
    exit_link = page.get_by_role("link", name=re.compile("Quick exit"))
    expect(exit_link).to_be_visible()
    assert exit_link.get_attribute("href") == "/complaints/exit/"  # the server ends the session, then leaves
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Tab")
    expect(exit_link).to_be_focused()


def test_a_receipt_lost_in_transit_is_reloaded_with_the_pin_until_it_is_written_down(page):
    school_with_officer()
    page.goto("/complaints/new/")
    _step_one(page)
    _step_two(page)
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Do not contact me (anonymous)").check()
    page.get_by_role("button", name="Send my complaint").click()
    page.wait_for_url(re.compile(r".*/done/$"))
    pin = page.locator("#tracking-pin").inner_text()
    page.reload()  # the first answer never arrived, or the tab was refreshed
    expect(page.locator("#tracking-pin")).to_have_text(pin)
    page.get_by_role("button", name="I have written it down").click()
    expect(page.locator("#tracking-pin")).to_have_count(0)
    expect(page.get_by_text("Your PIN was shown when you sent the complaint and is not shown again.")).to_be_visible()
    assert_accessible(page)
