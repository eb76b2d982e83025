"""Following a complaint in a real browser: a wrong PIN, the right PIN, a reply."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import TEST_PIN, ComplaintFactory, MessageFactory


def test_a_complainant_tries_a_wrong_pin_then_the_right_one_and_replies(page):
    complaint = ComplaintFactory(tracking_code="CG-7KQ4-M2XD")
    MessageFactory(complaint=complaint, body="<p>Thank you. We have asked the school for the hallway video.</p>")
    page.goto("/complaints/track/")
    assert_accessible(page)
    page.get_by_label("Tracking code").fill("cg-7kq4-m2xd")
    page.get_by_label("PIN").fill("000000")
    page.get_by_role("button", name="Open my complaint").click()
    expect(page.get_by_role("alert")).to_contain_text("That tracking code and PIN do not match")
    expect(page.get_by_label("Tracking code")).to_have_value("cg-7kq4-m2xd")
    assert_accessible(page)
    screenshot(page, "complaint-track-wrong-pin")

    page.get_by_label("PIN").fill(TEST_PIN)
    page.get_by_role("button", name="Open my complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint CG-7KQ4-M2XD")
    expect(page.locator(".status")).to_have_text("Received")
    expect(page.get_by_text("We have asked the school for the hallway video.")).to_be_visible()
    assert_accessible(page)

    reply = "My friend Jo also saw it and is willing to talk."
    page.get_by_role("textbox", name="Add information or reply").fill(reply)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text(reply)).to_be_visible()
    screenshot(page, "complaint-track-page")
    assert complaint.messages.filter(from_complainant=True).count() == 1
