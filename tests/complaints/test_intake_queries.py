"""Filing costs a small, fixed number of queries per step, and the hourly limit
counts a complaint once, when it is sent."""

import pytest

from complaints.models import Complaint
from complaints.services import intake
from tests.complaints.helpers import ABOUT, CONTACT, INCIDENT, file_complaint, school_with_officer
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

# Pinned (issue 10 #10; 138 queries over the three steps at first, then 21 + 7 + 64). The first step makes no session
# (the draft link carries on) and counts both limits in one statement; saving a step is one statement (an INSERT,
# then an UPDATE guarded by the draft's updated_at) that keeps the values the step's form accepted, so the next steps
# and the filing do not check it again (the incident step reads only the roster); the filing queues the review start
# as a job instead of starting ComplaintFlow in the request. The contact step: the draft, its school (for the mail),
# the rate-limit counters (1), the filing's transaction (complaint, allegations, review job, receipt mail inside a
# savepoint and its job, the draft: no lock on the draft and no savepoint around the complaint, whose unique
# submission token and tracking code are dealt with after a failed transaction) and the session made for the
# receipt, written once with the response (here inside the test's transaction, so with a savepoint: 3; a real
# request has 1). 26 before the last three changes, 20 before the last one, 16 before the receipt mail went in without
# a savepoint (its key names the complaint just inserted). The incident step reads the roster only to show it: an
# answer is checked alone, "I don't know" with no query (3 before), an officer with one look-up.
ABOUT_QUERIES, INCIDENT_QUERIES, CONTACT_QUERIES, RECEIPT_QUERIES = 3, 2, 14, 6
INCIDENT_NAMING_AN_OFFICER_QUERIES = 3


def test_each_step_of_the_form_costs_a_fixed_small_number_of_queries(client, django_assert_num_queries):
    school, _ = school_with_officer()
    client.get("/complaints/new/")
    with django_assert_num_queries(ABOUT_QUERIES):
        step1 = client.post("/complaints/new/", {**ABOUT, "school": school.pk})
    with django_assert_num_queries(INCIDENT_QUERIES):
        step2 = client.post(step1.url, INCIDENT)
    with django_assert_num_queries(CONTACT_QUERIES):
        step3 = client.post(step2.url, CONTACT)
    with django_assert_num_queries(RECEIPT_QUERIES):
        receipt = client.get(step3.url)
    assert Complaint.objects.get().tracking_code in receipt.content.decode()


def test_naming_the_officer_costs_one_look_up_of_the_roster(client, django_assert_num_queries):
    school, officer = school_with_officer()
    step1 = client.post("/complaints/new/", {**ABOUT, "school": school.pk})
    with django_assert_num_queries(INCIDENT_NAMING_AN_OFFICER_QUERIES):
        step2 = client.post(step1.url, {**INCIDENT, "officer": str(officer.pk)})
    assert step2.status_code == 302


def test_a_complaint_counts_once_against_the_hourly_filing_limit(client, settings):
    settings.COMPLAINT_FILINGS_PER_HOUR = 2
    school, _ = school_with_officer()
    for _ in range(2):
        assert file_complaint(client, school).status_code == 302  # three steps each, one complaint each
    third = file_complaint(client, school, contact={"contact_name": "Third Filer"})
    assert third.status_code == 429
    page = third.content.decode()
    assert "try again in an hour" in page and "Third Filer" in page  # nothing typed is lost
    assert Complaint.objects.count() == 2


def test_new_drafts_have_their_own_hourly_limit(client, settings):
    settings.COMPLAINT_DRAFTS_PER_HOUR = 2
    school, _ = school_with_officer()
    for _ in range(2):
        assert client.post("/complaints/new/", {**ABOUT, "school": school.pk}).status_code == 302
    limited = client.post("/complaints/new/", {**ABOUT, "school": school.pk, "filer_role": "community"})
    assert limited.status_code == 429
    assert 'value="community"' in limited.content.decode() and "checked" in limited.content.decode()


def test_a_clash_of_tracking_codes_still_files_the_complaint(client, monkeypatch):
    ComplaintFactory(tracking_code="CG-AAAA-AAAA")
    codes = iter(["CG-AAAA-AAAA", "CG-BBBB-BBBB"])
    monkeypatch.setattr(intake, "tracking_code_generate", lambda: next(codes))
    school, _ = school_with_officer()
    assert file_complaint(client, school).status_code == 302
    assert Complaint.objects.filter(tracking_code="CG-BBBB-BBBB").exists()


def test_only_the_step_with_files_makes_the_browser_send_a_multipart_body(client):
    """A browser sends a form as multipart/form-data only when the form says so, and parsing multipart costs the
    server several times a plain form body: the two steps without files are plain forms, the contact step (files)
    is multipart."""
    school, _ = school_with_officer()
    first = client.get("/complaints/new/").content.decode()
    step1 = client.post("/complaints/new/", {**ABOUT, "school": school.pk})
    second = client.get(step1.url).content.decode()
    step2 = client.post(step1.url, INCIDENT)
    third = client.get(step2.url).content.decode()
    assert "multipart/form-data" not in first and "multipart/form-data" not in second
    assert 'enctype="multipart/form-data"' in third and 'type="file"' in third
