"""Files attached to complaints: checked by content, limited, stripped, private."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from complaints.models import Attachment, Complaint
from tests.complaints.helpers import file_complaint, school_with_officer

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


PDF = _pdf()


def _photo_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0)}  # GPS info
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_a_photo_is_stored_privately_without_its_location_metadata(client, settings):
    school, _ = school_with_officer()
    photo = SimpleUploadedFile("hallway.jpg", _photo_with_gps(), content_type="image/jpeg")
    assert b"PhoneMaker" in photo.read()
    photo.seek(0)
    file_complaint(client, school, files=[photo])
    attachment = Attachment.objects.get()
    stored = attachment.file.read()
    assert attachment.content_type == "image/jpeg" and attachment.original_name == "hallway.jpg"
    assert b"PhoneMaker" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif().get(0x8825)
    assert str(settings.MEDIA_ROOT) in attachment.file.path
    assert "hallway" not in attachment.file.name


def test_a_file_that_only_pretends_to_be_a_pdf_is_refused_with_the_reason(client):
    school, _ = school_with_officer()
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is really a program", content_type="application/pdf")
    response = file_complaint(client, school, files=[fake])
    page = response.content.decode()
    assert response.status_code == 200
    assert "“report.pdf” is not a photo, PDF, video or audio file we can accept" in page
    assert "family@example.org" in page  # what was typed is still there
    assert not Complaint.objects.exists()


def test_a_file_over_the_size_limit_is_refused_with_the_limit(client, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_BYTES = 1024
    school, _ = school_with_officer()
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    page = file_complaint(client, school, files=[big]).content.decode()
    assert "files can be at most 1.0\xa0KB" in page


def test_too_many_files_are_refused(client, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_COUNT = 1
    school, _ = school_with_officer()
    files = [SimpleUploadedFile(f"{n}.pdf", PDF, content_type="application/pdf") for n in range(2)]
    assert "You can attach at most 1 file." in file_complaint(client, school, files=files).content.decode()


def test_the_complainant_downloads_their_file_through_the_tracking_page_only(client):
    school, _ = school_with_officer()
    filed = file_complaint(
        client, school, files=[SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")]
    )
    client.get(filed.url)  # the receipt page opens the tracking page for this browser
    attachment = Attachment.objects.get()
    url = f"/complaints/track/{attachment.complaint.tracking_code}/files/{attachment.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    with pikepdf.open(io.BytesIO(b"".join(response.streaming_content))) as downloaded:
        assert len(downloaded.pages) == 1
    assert response["Content-Disposition"].startswith("attachment")
    assert client.__class__().get(url).status_code == 404
