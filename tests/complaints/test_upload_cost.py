"""Upload cost is bounded (issue 10 #4): photo pixels per upload are read from
the headers and refused before any decoding, big photos are decoded small,
and each complaint has a cap on files and bytes across intake and replies."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from complaints.models import Attachment, Complaint
from complaints.services.attachments import AttachmentLimitReached, PreparedFile
from complaints.services.tracking import complaint_reply
from tests.complaints.helpers import ABOUT, INCIDENT, file_complaint, school_with_officer
from tests.complaints.media_files import large_jpeg, pdf_with_author, transparent_png
from tests.factories import AttachmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(scope="module")
def bomb_png():
    return transparent_png(7681, 7681)  # 59 megapixels, about 1 MB


def _contact_step(client, school) -> str:
    """Walks the first two steps and returns the contact step's address."""
    step1 = client.post("/complaints/new/", {**ABOUT, "school": school.pk})
    return client.post(step1.url, INCIDENT).url


def test_five_59_megapixel_transparent_pngs_are_refused_quickly_without_decoding(client, bomb_png):
    assert 900_000 < len(bomb_png) < 1_200_000
    school, _ = school_with_officer()
    contact = _contact_step(client, school)
    files = [SimpleUploadedFile(f"wall{n}.png", bomb_png) for n in range(5)]
    data = {"contact_preference": "email", "contact_email": "family@example.org", "attachments": files}

    started = time.process_time()
    response = client.post(contact, data)
    cpu = time.process_time() - started

    page = response.content.decode()
    assert response.status_code == 200
    assert "“wall0.png” is a 59-megapixel picture; photos can be at most 40 megapixels." in page
    assert "“wall4.png” is a 59-megapixel picture" in page
    assert "family@example.org" in page  # what was typed is kept
    assert not Complaint.objects.exists()
    # Decoding one of them alone costs seconds and 230 MB; reading five headers costs next to nothing.
    assert cpu < 5, f"the refusal took {cpu:.1f} s of CPU"


def test_photos_that_together_exceed_the_pixel_budget_are_refused_next_to_the_field(client):
    school, _ = school_with_officer()
    photos = [SimpleUploadedFile(f"p{n}.png", transparent_png(3873, 3873)) for n in range(3)]  # 15 MP each
    response = file_complaint(client, school, files=photos)
    page = response.content.decode()
    assert "These photos add up to 45 megapixels; one upload can hold at most 40." in page
    assert not Complaint.objects.exists()


def test_a_large_photo_is_decoded_small_and_stored_at_most_4096_pixels_wide(client):
    school, _ = school_with_officer()
    photo = SimpleUploadedFile("yard.jpg", large_jpeg(8000, 4000))  # 32 MP: accepted
    started = time.process_time()
    filed = file_complaint(client, school, files=[photo])
    cpu = time.process_time() - started
    assert filed.status_code == 302
    stored = Image.open(io.BytesIO(Attachment.objects.get().file.read()))
    assert stored.size == (4096, 2048)
    assert cpu < 5


def _reply(client, complaint, files, body="More details"):
    return client.post(f"/complaints/track/{complaint.tracking_code}/", {"body": body, "attachments": files})


def _pdfs(count: int, prefix="doc"):
    data = pdf_with_author()
    return [SimpleUploadedFile(f"{prefix}{n}.pdf", data) for n in range(count)]


def test_replies_cannot_take_a_complaint_past_its_file_cap(client, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_FILES_PER_COMPLAINT = 3
    school, _ = school_with_officer()
    filed = file_complaint(client, school, files=_pdfs(2))
    client.get(filed.url)
    complaint = Complaint.objects.get()

    refused = _reply(client, complaint, _pdfs(2, "more"))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "A complaint can have at most 3 files, and this one has 2 already." in page
    assert "More details" in page  # the message typed is kept
    assert complaint.attachments.count() == 2

    assert _reply(client, complaint, _pdfs(1, "last")).status_code == 302
    assert complaint.attachments.count() == 3


def test_replies_cannot_take_a_complaint_past_its_byte_cap(client, settings):
    school, _ = school_with_officer()
    filed = file_complaint(client, school, files=_pdfs(1))
    client.get(filed.url)
    complaint = Complaint.objects.get()
    settings.COMPLAINT_ATTACHMENT_MAX_BYTES_PER_COMPLAINT = complaint.attachments.get().size + 1000

    refused = _reply(client, complaint, _pdfs(1, "more"))
    assert "The files of a complaint can add up to at most" in refused.content.decode()
    assert complaint.attachments.count() == 1


def test_the_caps_are_explained_in_spanish(client, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_FILES_PER_COMPLAINT = 3
    client.cookies["django_language"] = "es"
    school, _ = school_with_officer()
    response = file_complaint(client, school, files=_pdfs(4))
    assert "Una queja puede tener como máximo 3 archivos." in response.content.decode()


def test_replies_racing_past_the_form_check_cannot_exceed_the_cap(settings):
    """Two replies validated at the same moment both see room for their files;
    storing checks again under the complaint's lock, so the second is refused."""
    settings.COMPLAINT_ATTACHMENT_MAX_FILES_PER_COMPLAINT = 2
    existing = AttachmentFactory()
    complaint = existing.complaint
    first = [PreparedFile(name="a.pdf", content_type="application/pdf", data=b"%PDF-1.7 a")]
    second = [PreparedFile(name="b.pdf", content_type="application/pdf", data=b"%PDF-1.7 b")]

    complaint_reply(complaint=complaint, body="first", files=first)
    with translation.override("en"), pytest.raises(AttachmentLimitReached) as refused:
        complaint_reply(complaint=complaint, body="second", files=second)

    assert "A complaint can have at most 2 files, and this one has 2 already." in refused.value.messages
    assert complaint.attachments.count() == 2
    assert not complaint.messages.filter(body__contains="second").exists()


def test_a_photo_that_grows_when_cleaned_is_held_to_the_cap_next_to_the_field(client, settings):
    """A photo saved at low quality is larger once saved again: the cap counts
    what is stored, and the form says so instead of failing later."""
    out = io.BytesIO()
    Image.effect_noise((600, 400), 80).convert("RGB").save(out, format="JPEG", quality=20)
    small = out.getvalue()
    settings.COMPLAINT_ATTACHMENT_MAX_BYTES_PER_COMPLAINT = len(small) + 1000
    school, _ = school_with_officer()

    response = file_complaint(client, school, files=[SimpleUploadedFile("noisy.jpg", small)])

    assert response.status_code == 200
    assert "The files of a complaint can add up to at most" in response.content.decode()
    assert not Complaint.objects.exists()
