"""Hostile and random input, as a person (or a bot) could type it: the form never
answers with a server error, a refused answer is explained next to its field with
everything typed still there, and an accepted answer is kept exactly as typed
(surrounding spaces aside) and shown escaped."""

import re

import pytest
from django.test import override_settings
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form

from complaints.forms import AboutForm
from complaints.models import Complaint, Draft, Message
from tests.complaints.helpers import school_with_officer

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "'; DROP TABLE complaints_complaint; --",
        "Robert'); DELETE FROM auth_user;--",
        "\u202egnp.exe",
        "\x00\x01\x02",
        "𝕳𝖊𝖑𝖑𝖔 👋🏽 ا‎ 中文 \u200b",
        "A" * 30000,
        '<a href="javascript:alert(1)">x</a><style>*{}</style>',
        "{{ settings.SECRET_KEY }} {% debug %}",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(max_size=300))
FUZZ = hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
# The hourly limits are tested elsewhere; here every example must reach the form.
NO_LIMITS = override_settings(
    COMPLAINT_FILINGS_PER_HOUR=100_000,
    COMPLAINT_DRAFTS_PER_HOUR=100_000,
    COMPLAINT_TRACKING_ATTEMPTS_PER_HOUR=100_000,
    COMPLAINT_REPLIES_PER_HOUR=100_000,
)
ABOUT = {"kind": "complaint", "filer_role": "student", "occurred_on": "2026-11-02", "preferred_language": "en"}


def _assert_refusal_explained_and_nothing_lost(response, typed: dict[str, str]) -> None:
    """A refused step: 200 (never a 500), each error next to the field it is about, every answer still in the form."""
    assert response.status_code == 200
    page = response.content.decode()
    fields_with_errors = set(re.findall(r'<ul class="errorlist" id="id_(\w+)_error">', page))
    assert fields_with_errors, "a refused step says which field to fix"
    assert fields_with_errors <= set(typed) | {"allegations", "officer", "contact_preference"}
    for name, value in typed.items():
        assert escape(value) in page, f"what was typed in {name!r} is still in the form"


@pytest.mark.django_db
@NO_LIMITS
@FUZZ
@given(description=TEXT, location=TEXT, witnesses=TEXT, outcome=TEXT, name=TEXT, phone=TEXT)
def test_whatever_is_typed_the_form_is_either_kept_or_explained_next_to_the_field(
    client, description, location, witnesses, outcome, name, phone
):
    filed_before = Complaint.objects.count()
    school, _ = school_with_officer()
    step1 = client.post("/complaints/new/", {**ABOUT, "school": school.pk})
    incident = {"description": description, "location": location, "witnesses": witnesses, "desired_outcome": outcome}
    step2 = client.post(step1.url, {"officer": "unknown", "allegations": ["other"], **incident})
    if step2.status_code != 302:
        _assert_refusal_explained_and_nothing_lost(step2, incident)
        assert Complaint.objects.count() == filed_before
        return
    contact = {"contact_name": name, "contact_phone": phone}
    step3 = client.post(step2.url, {"contact_preference": "phone", **contact})
    if step3.status_code != 302:
        _assert_refusal_explained_and_nothing_lost(step3, contact)
        assert Complaint.objects.count() == filed_before
        token = step2.url.split("/")[3]
        assert Draft.objects.get(token=token).data["incident"]["location"] == [location]  # earlier steps are kept too
        return
    complaint = Complaint.objects.latest("pk")
    assert client.get(step3.url).status_code == 200  # the receipt
    # Every answer is kept as typed (surrounding spaces aside), HTML-looking text included.
    assert (complaint.location, complaint.witnesses, complaint.desired_outcome) == (
        location.strip(),
        witnesses.strip(),
        outcome.strip(),
    )
    assert (complaint.contact_name, complaint.contact_phone) == (name.strip(), phone.strip())
    assert complaint.description == description.strip()


@pytest.mark.django_db
@NO_LIMITS
@FUZZ
@given(data=from_form(AboutForm, school=st.just(None)))
def test_any_first_step_either_moves_on_or_says_what_to_fix_next_to_the_field(client, data):
    response = client.post("/complaints/new/", {k: v for k, v in data.data.items() if v is not None})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        page = response.content.decode()
        assert re.search(r'<ul class="errorlist" id="id_\w+_error">', page)
        assert "Everything you typed has been kept." in page


@pytest.mark.django_db
@NO_LIMITS
@FUZZ
@given(code=TEXT, pin=TEXT, body=TEXT)
def test_hostile_tracking_input_gets_a_plain_refusal_and_a_reply_is_kept_or_explained(client, code, pin, body):
    from tests.factories import TEST_PIN, ComplaintFactory

    real_code = "CG-FZZZ-ZZZZ"
    real = Complaint.objects.filter(tracking_code=real_code).first() or ComplaintFactory(tracking_code=real_code)
    for tried in (code, real.tracking_code):  # an invented code, and a real one under a hostile PIN: the same answer
        refused = client.post("/complaints/track/", {"tracking_code": tried, "pin": pin})
        assert refused.status_code == 200
        page = refused.content.decode()
        assert "That tracking code and PIN do not match." in page or re.search(r'id="id_\w+_error"', page)
    complaint = ComplaintFactory()
    detail = client.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": TEST_PIN}).url
    reply = client.post(detail, {"body": body})
    if reply.status_code == 302:
        message = Message.objects.get(complaint=complaint)
        assert message.body == body.strip()
        shown = client.get(detail)
        assert shown.status_code == 200
        assert "<script>alert" not in shown.content.decode() and "<img src=x" not in shown.content.decode()
    else:
        assert reply.status_code == 200
        shown = reply.content.decode()
        assert "Write a message or choose a file to add." in shown or 'id="id_body_error"' in shown
        assert escape(body) in shown
        assert not Message.objects.filter(complaint=complaint).exists()
