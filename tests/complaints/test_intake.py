"""Filing a complaint through the public form."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from complaints.models import Complaint, Draft, PublicStatus
from tests.complaints.helpers import file_complaint, school_with_officer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anyone_can_file_and_gets_a_tracking_code_and_a_pin(client):
    school, _ = school_with_officer()
    response = file_complaint(client, school)
    receipt = client.get(response.url)
    complaint = Complaint.objects.get()
    page = receipt.content.decode()
    assert complaint.tracking_code in page
    assert 'id="tracking-pin"' in page
    assert complaint.public_status == PublicStatus.RECEIVED
    assert sorted(complaint.allegations.values_list("category", flat=True)) == ["conduct", "search"]


@pytest.mark.django_db(transaction=True)
def test_the_receipt_email_is_queued_with_the_complaint_and_sent_by_the_worker(client):
    school, _ = school_with_officer()
    file_complaint(client, school, about={"preferred_language": "es"}, start_review=False)
    assert DBTaskResult.objects.filter(queue_name="mail").count() == 1
    call_command("db_worker", "--batch", "--queue-name", "default,mail", verbosity=0)
    complaint = Complaint.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["family@example.org"]
    assert complaint.tracking_code in message.body
    assert "Su código de seguimiento" in message.body
    pin = re.search(r"PIN: (\d{6})", message.body).group(1)
    assert pin not in str(DBTaskResult.objects.filter(queue_name="mail").get().args_kwargs)  # the PIN waited encrypted


def test_an_anonymous_complaint_keeps_no_contact_details_and_sends_no_mail(client):
    school, _ = school_with_officer()
    file_complaint(client, school, contact={"contact_preference": "none", "contact_email": "x@example.org"})
    complaint = Complaint.objects.get()
    assert (complaint.contact_email, complaint.contact_name, complaint.contact_phone) == ("", "", "")
    assert complaint.is_anonymous
    assert not DBTaskResult.objects.filter(queue_name="mail").exists()


def test_submitting_the_same_form_twice_files_one_complaint(client):
    school, _ = school_with_officer()
    response = file_complaint(client, school)
    token = response.url.split("/")[3]
    resend = client.post(f"/complaints/new/{token}/contact/", {"contact_preference": "none"})
    assert resend.status_code == 302 and resend.url == response.url  # back to the receipt
    assert Complaint.objects.count() == 1


def test_the_description_is_kept_exactly_as_typed_tags_and_all(client):
    # Plain text: kept as evidence, escaped wherever it is shown (tests/complaints/test_typed_text.py).
    school, _ = school_with_officer()
    file_complaint(client, school, incident={"description": '<p onclick="x()">Hi</p><script>alert(1)</script>'})
    assert Complaint.objects.get().description == '<p onclick="x()">Hi</p><script>alert(1)</script>'


def test_the_officer_list_shows_only_officers_rostered_at_that_school_on_that_day(client):
    school, officer = school_with_officer()
    from tests.factories import RosterAssignmentFactory

    RosterAssignmentFactory(officer__agency=officer.agency, officer__full_name="Elsewhere Officer")
    step1 = client.post(
        "/complaints/new/",
        {
            "kind": "complaint",
            "filer_role": "student",
            "school": school.pk,
            "occurred_on": "2026-11-02",
            "preferred_language": "en",
        },
    )
    page = client.get(step1.url).content.decode()
    assert "Morgan Reyes" in page and "Elsewhere Officer" not in page
    early = client.post(
        "/complaints/new/",
        {
            "kind": "complaint",
            "filer_role": "student",
            "school": school.pk,
            "occurred_on": "2019-01-02",
            "preferred_language": "en",
        },
    )
    assert "Morgan Reyes" not in client.get(early.url).content.decode()


@pytest.mark.parametrize("answer", ["elsewhere", "99999999999999999999", "12abc", ""])
def test_an_officer_who_is_not_on_the_schools_roster_that_day_is_refused_next_to_the_question(client, answer):
    school, officer = school_with_officer()
    from tests.factories import RosterAssignmentFactory

    elsewhere = RosterAssignmentFactory(officer__agency=officer.agency, officer__full_name="Elsewhere Officer")
    about = {"kind": "complaint", "filer_role": "student", "occurred_on": "2026-11-02", "preferred_language": "en"}
    step1 = client.post("/complaints/new/", {**about, "school": school.pk})
    posted = str(elsewhere.officer.pk) if answer == "elsewhere" else answer

    page = client.post(step1.url, {"officer": posted, "allegations": ["search"], "description": "My bag."})

    assert page.status_code == 200
    text = page.content.decode()
    assert "Select a valid choice." in text or "This field is required." in text
    assert "Morgan Reyes" in text and "Elsewhere Officer" not in text  # the question is shown again with its list
    assert "My bag." in text  # nothing typed is lost
    chosen = client.post(step1.url, {"officer": str(officer.pk), "allegations": ["search"], "description": "My bag."})
    assert chosen.status_code == 302
    assert Draft.objects.get().data["checked"]["incident"]["officer"] == officer.pk


def test_a_failed_step_keeps_everything_typed_and_says_what_is_wrong(client):
    school, _ = school_with_officer()
    step1 = client.post(
        "/complaints/new/",
        {
            "kind": "complaint",
            "filer_role": "student",
            "school": school.pk,
            "occurred_on": "2026-11-02",
            "preferred_language": "en",
        },
    )
    response = client.post(
        step1.url, {"officer": "unknown", "description": "", "location": "Gym door", "witnesses": "My friend Jo"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gym door" in page and "My friend Jo" in page
    assert "This field is required." in page
    assert not Complaint.objects.exists()


def test_a_future_date_is_refused_next_to_the_field(client):
    school, _ = school_with_officer()
    response = client.post(
        "/complaints/new/",
        {
            "kind": "complaint",
            "filer_role": "student",
            "school": school.pk,
            "occurred_on": "2099-01-01",
            "preferred_language": "en",
        },
    )
    assert "The date cannot be in the future." in response.content.decode()


def test_a_draft_can_be_saved_and_resumed_from_its_private_link(client):
    school, _ = school_with_officer()
    step1 = client.post(
        "/complaints/new/",
        {
            "kind": "complaint",
            "filer_role": "guardian",
            "school": school.pk,
            "occurred_on": "2026-11-02",
            "preferred_language": "en",
        },
    )
    saved = client.post(step1.url, {"officer": "unknown", "description": "Half a story", "save_later": "1"})
    assert saved.status_code == 302 and saved.url.endswith("/saved/")
    token = Draft.objects.get().token
    other_browser = client.__class__()
    resumed = other_browser.get(f"/complaints/new/{token}/incident/").content.decode()
    assert "Half a story" in resumed


def test_changing_the_school_sends_the_family_back_to_the_officer_question_before_filing(client):
    school, officer = school_with_officer()
    other_school, _ = school_with_officer()
    about = {"kind": "complaint", "filer_role": "guardian", "occurred_on": "2026-11-02", "preferred_language": "en"}
    step1 = client.post("/complaints/new/", {**about, "school": school.pk})
    incident = {"officer": str(officer.pk), "allegations": ["search"], "description": "My bag was searched."}
    step2 = client.post(step1.url, incident)
    token = Draft.objects.get().token
    # Back to the first step: another school, whose roster does not have that officer.
    client.post(f"/complaints/new/{token}/about/", {**about, "school": other_school.pk})
    contact = {"contact_preference": "email", "contact_email": "family@example.org"}

    sent = client.post(step2.url, {**contact, "submit": "1"})

    assert sent.status_code == 302 and sent.url.endswith(f"/{token}/incident/")
    assert "Please check this step again." in client.get(sent.url).content.decode()
    assert not Complaint.objects.exists()
    assert Draft.objects.get().data["contact"]["contact_email"] == ["family@example.org"]  # nothing typed is lost


def test_a_step_saved_for_later_unfinished_is_asked_again_before_filing(client):
    school, _ = school_with_officer()
    about = {"kind": "complaint", "filer_role": "guardian", "occurred_on": "2026-11-02", "preferred_language": "en"}
    step1 = client.post("/complaints/new/", {**about, "school": school.pk})
    client.post(step1.url, {"officer": "unknown", "description": "", "save_later": "1"})  # no concern, no story
    token = Draft.objects.get().token
    contact = {"contact_preference": "none", "submit": "1"}

    sent = client.post(f"/complaints/new/{token}/contact/", contact)

    assert sent.status_code == 302 and sent.url.endswith(f"/{token}/incident/")
    assert not Complaint.objects.exists()


def test_an_expired_or_unknown_draft_link_answers_404(client):
    assert client.get("/complaints/new/not-a-real-token/incident/").status_code == 404


def test_a_signed_in_person_finds_the_complaint_in_my_complaints(client):
    user = UserFactory(email="parent@example.org")
    client.force_login(user)
    school, _ = school_with_officer()
    file_complaint(client, school, contact={"contact_email": user.email})
    complaint = Complaint.objects.get()
    assert complaint.submitted_by == user
    assert complaint.tracking_code in client.get("/complaints/mine/").content.decode()
    assert client.get(f"/complaints/track/{complaint.tracking_code}/").status_code == 200


def test_a_compliment_is_recorded_as_feedback_without_concerns(client):
    school, _ = school_with_officer()
    file_complaint(client, school, about={"kind": "compliment"}, incident={"allegations": []})
    complaint = Complaint.objects.get()
    assert complaint.kind == "compliment" and not complaint.allegations.exists()


def test_a_complaint_needs_at_least_one_kind_of_concern(client):
    school, _ = school_with_officer()
    step1 = client.post(
        "/complaints/new/",
        {
            "kind": "complaint",
            "filer_role": "student",
            "school": school.pk,
            "occurred_on": "2026-11-02",
            "preferred_language": "en",
        },
    )
    response = client.post(step1.url, {"officer": "unknown", "description": "x"})
    assert response.status_code == 200 and not Complaint.objects.exists()


def test_the_honeypot_quietly_files_nothing(client):
    school, _ = school_with_officer()
    response = file_complaint(client, school, contact={"website": "http://spam.example"})
    assert response.status_code == 200
    assert not Complaint.objects.exists()


def test_the_blank_form_may_be_found_by_search_engines_but_a_draft_never_and_neither_is_cached(client):
    response = client.get("/complaints/new/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "X-Robots-Tag" not in response and 'name="robots"' not in response.content.decode()
    assert '<meta name="description" content="File a complaint' in response.content.decode()
    school, _ = school_with_officer()
    data = {"kind": "complaint", "filer_role": "guardian", "school": school.pk, "occurred_on": "2026-11-02"}
    draft = client.get(client.post("/complaints/new/", {**data, "preferred_language": "en"}).url)
    assert draft["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in draft.content.decode()


def test_the_step_titles_are_in_spanish_on_the_spanish_form(client):
    page = client.get("/complaints/new/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Sobre usted y la escuela" in page and "About you and the school" not in page


def test_a_phone_number_without_digits_is_refused_next_to_the_field_and_kept(client):
    school, _ = school_with_officer()
    response = file_complaint(
        client, school, contact={"contact_preference": "phone", "contact_phone": "abc"}, start_review=False
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Enter a valid phone number") == 1  # and not also "Give a phone number"
    assert "Give a phone number" not in page
    assert re.search(r'<input type="tel" name="contact_phone" value="abc"[^>]*inputmode="tel"', page)
    assert 'autocomplete="tel"' in page
    assert not Complaint.objects.exists()
