"""Every accepted file type loses its location, device and author metadata
before anyone can download it (issue 9 #10). The files are real ones made by
ffmpeg and pikepdf; what is checked is what a reviewer downloads."""

import io
import json
import subprocess

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import Attachment, Complaint
from tests.complaints.helpers import file_complaint, school_with_officer
from tests.complaints.media_files import (
    AUTHOR,
    AV_SAMPLES,
    DEVICE,
    GPS,
    av_sample,
    pdf_with_author,
    pdf_with_comment_and_attachment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def _file_and_download(client, name: str, data: bytes) -> tuple[Attachment, bytes]:
    school, _ = school_with_officer()
    filed = file_complaint(client, school, files=[SimpleUploadedFile(name, data)])
    assert filed.status_code == 302, filed.content.decode()[:3000]
    client.get(filed.url)  # the receipt opens the tracking page for this browser
    attachment = Attachment.objects.get()
    response = client.get(f"/complaints/track/{attachment.complaint.tracking_code}/files/{attachment.pk}/")
    assert response.status_code == 200
    return attachment, b"".join(response.streaming_content)


def _probe(tmp_path, data: bytes) -> dict:
    path = tmp_path / "downloaded"
    path.write_bytes(data)
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-of", "json", "-show_format", "-show_streams", str(path)],
        check=True,
        capture_output=True,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("extension", sorted(AV_SAMPLES))
def test_a_recording_downloads_without_its_gps_position_author_or_device(client, tmp_path, extension):
    original = av_sample(tmp_path, extension)
    assert AUTHOR.encode() in original  # the phone's tags are really there before

    attachment, downloaded = _file_and_download(client, f"recording.{extension}", original)

    assert attachment.content_type == AV_SAMPLES[extension][1]
    for secret in (GPS, "40.7128", AUTHOR, DEVICE):
        assert secret.encode() not in downloaded
    assert b"\xa9xyz" not in downloaded  # the QuickTime/MP4 location box
    report = _probe(tmp_path, downloaded)
    tags = [report["format"].get("tags", {})] + [s.get("tags", {}) for s in report["streams"]]
    assert not any(key.lower() in {"location", "artist", "comment"} for t in tags for key in t)
    # Still the same recording: same streams, same length, nothing re-encoded away.
    kind = "video" if extension in {"mov", "mp4", "webm"} else "audio"
    assert [s["codec_type"] for s in report["streams"]] == [kind]
    assert float(report["format"]["duration"]) == pytest.approx(1.0, abs=0.2)


def test_a_pdf_downloads_without_author_xmp_or_the_photo_location_inside(client, tmp_path):
    original = pdf_with_author()
    attachment, downloaded = _file_and_download(client, "statement.pdf", original)

    assert attachment.content_type == "application/pdf"
    for secret in (AUTHOR, DEVICE, GPS):
        assert secret.encode() not in downloaded
    with pikepdf.open(io.BytesIO(downloaded)) as pdf:
        assert "/Info" not in pdf.trailer
        assert "/Metadata" not in pdf.Root
        assert len(pdf.pages) == 1
        image = pdf.pages[0].Resources.XObject.Im0
        jpeg = image.read_raw_bytes()
        assert jpeg.startswith(b"\xff\xd8") and b"Exif" not in jpeg
        assert not any("/Metadata" in obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary))


def test_a_recording_ffmpeg_cannot_read_is_refused_and_never_stored(client, tmp_path):
    broken = av_sample(tmp_path, "mp4")[:600]  # the header survives, the rest is cut off
    school, _ = school_with_officer()
    response = file_complaint(client, school, files=[SimpleUploadedFile("cut.mp4", broken)])
    page = response.content.decode()
    assert response.status_code == 200
    assert "“cut.mp4” could not be cleaned of its location and device details" in page
    assert "family@example.org" in page  # what was typed is kept
    assert not Complaint.objects.exists()
    assert not (tmp_path / "uploads").exists() or not list((tmp_path / "uploads").rglob("*"))


def test_without_ffmpeg_recordings_are_refused_with_a_message_not_stored_raw(client, tmp_path, settings):
    settings.FFMPEG_BINARY = str(tmp_path / "no-ffmpeg-here")
    school, _ = school_with_officer()
    response = file_complaint(client, school, files=[SimpleUploadedFile("clip.mov", av_sample(tmp_path, "mov"))])
    assert "“clip.mov” could not be cleaned of its location and device details" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_pdf_that_cannot_be_rewritten_is_refused_with_the_reason(client):
    school, _ = school_with_officer()
    response = file_complaint(client, school, files=[SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"\x00" * 64)])
    assert "“scan.pdf” could not be cleaned of its author and location details" in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_refusal_is_in_spanish_on_the_spanish_form(client, tmp_path, settings):
    settings.FFMPEG_BINARY = str(tmp_path / "no-ffmpeg-here")
    client.cookies["django_language"] = "es"
    school, _ = school_with_officer()
    response = file_complaint(client, school, files=[SimpleUploadedFile("clip.mov", av_sample(tmp_path, "mov"))])
    assert "“clip.mov” no se pudo limpiar" in response.content.decode()


def test_a_pdf_comment_keeps_its_text_but_not_its_author(client):
    _attachment, downloaded = _file_and_download(client, "notes.pdf", pdf_with_comment_and_attachment(attach=False))
    with pikepdf.open(io.BytesIO(downloaded)) as pdf:
        note = pdf.pages[0].Annots[0]
        assert str(note.Contents) == "Seen in the hallway"
        assert "/T" not in note and "/M" not in note
    assert AUTHOR.encode() not in downloaded


def test_a_pdf_carrying_other_files_inside_is_refused(client):
    school, _ = school_with_officer()
    carrying = SimpleUploadedFile("bundle.pdf", pdf_with_comment_and_attachment(attach=True))
    response = file_complaint(client, school, files=[carrying])
    assert "“bundle.pdf” could not be cleaned of its author and location details" in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_operator_is_warned_by_manage_py_check_when_ffmpeg_is_missing(settings, tmp_path):
    from django.core.checks import run_checks

    assert not [m for m in run_checks() if m.id == "complaints.W001"]
    settings.FFPROBE_BINARY = str(tmp_path / "no-ffprobe-here")
    warnings = [m for m in run_checks() if m.id == "complaints.W001"]
    assert len(warnings) == 1 and "no-ffprobe-here" in warnings[0].msg
