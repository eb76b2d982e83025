"""Hostile and random input never breaks the intake form (no 500) and never
stores HTML outside the allow-list."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form

from complaints.forms import AboutForm
from complaints.models import Complaint, Message
from core.models import RateCounter
from core.sanitize import sanitize_html
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
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"}


def _only_allowed_html(html: str) -> bool:
    import re

    return all(tag.lower() in ALLOWED_TAGS for tag in re.findall(r"</?\s*([a-zA-Z0-9]+)", html))


@pytest.mark.django_db
@FUZZ
@given(description=TEXT, location=TEXT, witnesses=TEXT, outcome=TEXT, name=TEXT, phone=TEXT)
def test_the_intake_form_never_fails_and_never_stores_unsanitised_html(
    client, description, location, witnesses, outcome, name, phone
):
    RateCounter.objects.all().delete()  # the per-connection filing limit is tested elsewhere
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
    step2 = client.post(
        step1.url,
        {
            "officer": "unknown",
            "allegations": ["other"],
            "description": description,
            "location": location,
            "witnesses": witnesses,
            "desired_outcome": outcome,
        },
    )
    assert step2.status_code in (200, 302)
    if step2.status_code == 302:
        step3 = client.post(step2.url, {"contact_preference": "phone", "contact_name": name, "contact_phone": phone})
        assert step3.status_code in (200, 302)
    for complaint in Complaint.objects.all():
        assert _only_allowed_html(complaint.description)
        assert complaint.description == sanitize_html(complaint.description)


@pytest.mark.django_db
@FUZZ
@given(data=from_form(AboutForm, school=st.just(None)))
def test_the_first_step_answers_every_generated_form_without_error(client, data):
    RateCounter.objects.all().delete()
    response = client.post("/complaints/new/", {k: v for k, v in data.data.items() if v is not None})
    assert response.status_code in (200, 302)


@pytest.mark.django_db
@FUZZ
@given(code=TEXT, pin=TEXT, body=TEXT)
def test_tracking_and_replies_never_fail_on_hostile_input(client, code, pin, body):
    from tests.factories import TEST_PIN, ComplaintFactory

    RateCounter.objects.all().delete()
    assert client.post("/complaints/track/", {"tracking_code": code, "pin": pin}).status_code in (200, 429)
    complaint = ComplaintFactory()
    detail = client.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": TEST_PIN}).url
    assert client.post(detail, {"body": body}).status_code in (200, 302)
    for message in Message.objects.filter(complaint=complaint):
        assert _only_allowed_html(message.body)
