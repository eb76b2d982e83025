"""A full disk in a real browser: the family is told their answers are saved,
attaches the file again once there is room, and the complaint is filed."""

import re

import pytest
from playwright.sync_api import expect

from complaints.models import Complaint
from tests.browser.conftest import assert_accessible, screenshot
from tests.complaints.helpers import school_with_officer
from tests.complaints.media_files import pdf_with_author

FULL_DISK = "tests.complaints.test_upload_storage.DiskFullStorage"
READ_ONLY_DISK = "tests.complaints.test_upload_storage.ReadOnlyStorage"
PLAIN_DISK = "django.core.files.storage.FileSystemStorage"


@pytest.fixture(autouse=True)
def _no_filing_limit(settings):
    # The rate limiter's counters live in the cache table, which is not emptied between browser tests: by the end of
    # the browser suite, 127.0.0.1 has used up the hourly filing limit.
    settings.COMPLAINT_FILINGS_PER_HOUR = 10_000
    settings.COMPLAINT_REPLIES_PER_HOUR = 10_000


def _to_contact_step(page):
    page.goto("/complaints/new/")
    page.get_by_label("A complaint about an officer or the program").check()
    page.get_by_label("Parent or guardian").check()
    page.get_by_label("Which school?").select_option(label="Lincoln High")
    page.get_by_label("When did it happen?").fill("2026-11-02")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Search").check()
    page.get_by_label("What happened?").fill("The officer searched my son's backpack without asking.")
    page.get_by_role("button", name="Save and continue").click()


def test_a_full_disk_keeps_the_answers_and_the_file_is_attached_again_later(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": FULL_DISK}}
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(pdf_with_author())
    school_with_officer()
    _to_contact_step(page)
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address").fill("family@example.org")
    page.get_by_label("Photos, documents, video or audio (optional)").set_input_files(str(letter))
    page.get_by_role("button", name="Send my complaint").click()

    expect(page.get_by_role("heading", name="Your files could not be saved")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Your answers are saved in your draft.")
    assert not Complaint.objects.exists()
    assert_accessible(page)
    screenshot(page, "complaint-upload-failed")

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": PLAIN_DISK}}
    page.get_by_role("link", name="Back to your draft to attach the files again").click()
    expect(page.get_by_label("Email address")).to_have_value("family@example.org")
    page.get_by_label("Photos, documents, video or audio (optional)").set_input_files(str(letter))
    page.get_by_role("button", name="Send my complaint").click()
    page.wait_for_url(re.compile(r".*/done/$"))
    assert Complaint.objects.get().attachments.count() == 1


def test_a_read_only_disk_keeps_the_reply_and_it_is_sent_again_without_the_file(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(pdf_with_author())
    school_with_officer()
    _to_contact_step(page)
    page.get_by_label("Do not contact me (anonymous)").check()
    page.get_by_role("button", name="Send my complaint").click()
    page.wait_for_url(re.compile(r".*/done/$"))
    page.get_by_role("link", name="Open the tracking page").click()
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": READ_ONLY_DISK}}

    page.get_by_role("textbox", name="Add information or reply").fill("He came back the next day.")
    page.get_by_label("Add files (optional)").set_input_files(str(letter))
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("alert")).to_contain_text("the message you wrote is still here below")
    expect(page.get_by_role("textbox", name="Add information or reply")).to_have_value("He came back the next day.")
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()  # without the file this time
    expect(page.get_by_text("He came back the next day.")).to_be_visible()
    assert Complaint.objects.get().messages.filter(from_complainant=True).count() == 1
