"""Files stored before every type was cleaned (videos, audio, PDFs kept as
they came) are cleaned by `manage.py clean_attachment_metadata`."""

import hashlib
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from complaints.models import Attachment
from tests.complaints.media_files import AUTHOR, GPS, av_sample, pdf_with_author
from tests.factories import AttachmentFactory


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.mark.django_db(transaction=True)
def test_the_command_cleans_stored_recordings_and_pdfs_and_lists_what_it_cannot(tmp_path):
    video = av_sample(tmp_path, "mov")
    raw_video = AttachmentFactory(file=ContentFile(video, "upload"), content_type="video/quicktime", size=len(video))
    pdf = pdf_with_author()
    raw_pdf = AttachmentFactory(file=ContentFile(pdf, "upload"), content_type="application/pdf", size=len(pdf))
    broken = AttachmentFactory(file=ContentFile(b"not a pdf at all", "upload"), content_type="application/pdf")
    old_video_path = raw_video.file.path
    out, err = io.StringIO(), io.StringIO()

    call_command("clean_attachment_metadata", stdout=out, stderr=err)

    assert "2 attachment(s) cleaned" in out.getvalue()
    assert f"(ids: {broken.pk})" in err.getvalue()
    for attachment in (raw_video, raw_pdf):
        attachment.refresh_from_db()
        stored = attachment.file.read()
        assert GPS.encode() not in stored and AUTHOR.encode() not in stored
        assert attachment.size == len(stored) and attachment.sha256 == hashlib.sha256(stored).hexdigest()
    assert not os.path.exists(old_video_path)  # the old file is gone once committed
    broken.refresh_from_db()
    assert broken.file.read() == b"not a pdf at all"
    assert Attachment.objects.count() == 3
