"""Hostile or unlucky input gets a clear answer, never a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from complaints.models import Complaint, Draft
from tests.complaints.helpers import file_complaint, school_with_officer
from tests.factories import TEST_PIN, ComplaintFactory, DraftFactory

pytestmark = pytest.mark.django_db


def _to_contact_step(client):
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
    return client.post(step1.url, {"officer": "unknown", "allegations": ["search"], "description": "x"}).url


def test_an_upload_too_large_to_read_is_refused_with_a_413_and_a_reason(client, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_BYTES = 1024
    settings.COMPLAINT_ATTACHMENT_MAX_COUNT = 1
    contact = _to_contact_step(client)
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 3 * 1024 * 1024, content_type="application/pdf")
    response = client.post(contact, {"contact_preference": "none", "attachments": [big]})
    assert response.status_code == 413
    assert "too large to send together" in response.content.decode()


def test_a_reply_too_large_to_read_is_refused_with_a_413(client, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_BYTES = 1024
    complaint = ComplaintFactory()
    detail = client.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": TEST_PIN}).url
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 8 * 1024 * 1024, content_type="application/pdf")
    assert client.post(detail, {"body": "x", "attachments": [big]}).status_code == 413


@pytest.mark.parametrize("code", ["%00%FF", "CG-\x00AAA-BBBB", "../../etc", "x" * 300])
def test_odd_tracking_addresses_answer_404(client, code):
    assert client.get(f"/complaints/track/{code}/").status_code == 404
    assert client.get(f"/complaints/track/{code}/appeal/").status_code == 404


def test_a_second_click_on_send_shows_the_receipt_not_an_error(client):
    school, _ = school_with_officer()
    first = file_complaint(client, school)
    second = client.post(first.url.replace("/done/", "/contact/"), {"contact_preference": "none"})
    assert second.status_code == 302 and second.url == first.url
    assert Complaint.objects.count() == 1
    assert 'id="tracking-pin"' in client.get(second.url).content.decode()


def test_a_decompression_bomb_photo_is_refused_with_a_reason(client, settings):
    image = Image.new("1", (9000, 9000))
    out = io.BytesIO()
    image.save(out, format="PNG")
    bomb = SimpleUploadedFile("huge.png", out.getvalue(), content_type="image/png")
    school, _ = school_with_officer()
    response = file_complaint(client, school, files=[bomb])
    assert response.status_code == 200
    assert "“huge.png” is a 81-megapixel picture; photos can be at most 40 megapixels." in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_draft_keeps_what_was_typed_without_nul_characters(client):
    contact = _to_contact_step(client)
    saved = client.post(contact, {"contact_name": "Ana\x00Maria", "save_later": "1"})
    assert saved.status_code == 302
    assert Draft.objects.get().data["contact"]["contact_name"] == ["AnaMaria"]


def test_expired_drafts_are_purged(db):
    DraftFactory(expires_at=timezone.now() - timezone.timedelta(days=1))
    keep = DraftFactory()
    call_command("purge_complaint_drafts", verbosity=0)
    assert list(Draft.objects.all()) == [keep]


def test_replies_are_rate_limited_per_connection(client, settings):
    settings.COMPLAINT_REPLIES_PER_HOUR = 2
    complaint = ComplaintFactory()
    detail = client.post("/complaints/track/", {"tracking_code": complaint.tracking_code, "pin": TEST_PIN}).url
    statuses = [client.post(detail, {"body": f"message {n}"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
