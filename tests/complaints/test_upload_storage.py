"""Files never outlive a transaction that rolled back, and a full or read-only
disk answers a clear page that keeps what was typed (issue 10 #3)."""

import datetime
import errno
import io
import os
import random
import time

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from complaints.models import Attachment, Complaint, Draft, Message
from complaints.services.attachments import (
    PreparedFile,
    attachment_orphans_purge,
    attachment_store,
    files_removed_on_rollback,
)
from tests.complaints.helpers import CONTACT, file_complaint, school_with_officer
from tests.complaints.media_files import pdf_with_author
from tests.factories import AttachmentFactory, ComplaintFactory

pytestmark = pytest.mark.django_db


class DiskFullStorage(FileSystemStorage):
    """The upload folder as it behaves when the disk fills up: the file is
    created, half of it written, then the write fails with ENOSPC."""

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as partial:
            partial.write(content.read()[: max(1, content.size // 2)])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


class FillsUpOnSecondFileStorage(FileSystemStorage):
    """Takes one file, then the disk is full."""

    saved = 0

    def _save(self, name, content):
        type(self).saved += 1
        if type(self).saved > 1:
            return DiskFullStorage._save(self, name, content)
        return super()._save(name, content)


class ReadOnlyStorage(FileSystemStorage):
    """A disk remounted read-only after an error."""

    def _save(self, name, content):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), self.path(name))


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def _use_storage(settings, backend: type) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.{backend.__name__}"}}


def _files_in(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _pdfs(count: int):
    data = pdf_with_author()
    return [SimpleUploadedFile(f"letter{n}.pdf", data) for n in range(count)]


def test_a_full_disk_answers_a_page_that_keeps_the_answers_and_asks_for_the_files_again(client, settings, uploads):
    _use_storage(settings, DiskFullStorage)
    school, _ = school_with_officer()

    response = file_complaint(client, school, files=_pdfs(2))

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Your files could not be saved" in page
    assert "Your answers are saved in your draft. Your complaint has not been sent yet." in page
    assert "Please attach the files again" in page
    draft = Draft.objects.get()
    assert f"/complaints/new/{draft.token}/contact/" in page
    assert draft.data["contact"]["contact_email"] == [CONTACT["contact_email"]]
    assert not Complaint.objects.exists()
    assert _files_in(uploads) == []  # the half-written file is gone too

    # Once the disk has room again, the saved draft is sent with the files attached again.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    again = client.get(f"/complaints/new/{draft.token}/contact/")
    assert CONTACT["contact_email"] in again.content.decode()
    sent = client.post(f"/complaints/new/{draft.token}/contact/", {**CONTACT, "attachments": _pdfs(1)})
    assert sent.status_code == 302
    assert Complaint.objects.get().attachments.count() == 1


def test_files_written_before_the_disk_filled_are_removed_when_the_submission_rolls_back(client, settings, uploads):
    FillsUpOnSecondFileStorage.saved = 0
    _use_storage(settings, FillsUpOnSecondFileStorage)
    school, _ = school_with_officer()

    response = file_complaint(client, school, files=_pdfs(3))

    assert response.status_code == 503
    assert FillsUpOnSecondFileStorage.saved == 2  # the first file was written in full
    assert not Complaint.objects.exists() and not Attachment.objects.exists()
    assert _files_in(uploads) == []


def test_a_read_only_disk_keeps_the_reply_text_and_asks_for_the_files_again(client, settings, uploads):
    school, _ = school_with_officer()
    filed = file_complaint(client, school)
    client.get(filed.url)
    complaint = Complaint.objects.get()
    _use_storage(settings, ReadOnlyStorage)

    response = client.post(
        f"/complaints/track/{complaint.tracking_code}/",
        {"body": "The officer came back the next day.", "attachments": _pdfs(1)},
    )

    page = response.content.decode()
    assert response.status_code == 503
    assert "Your complaint is safe, and the message you wrote is still here below." in page
    assert "The officer came back the next day." in page  # in the form, ready to send again
    assert f'action="/complaints/track/{complaint.tracking_code}/"' in page
    assert not Message.objects.filter(from_complainant=True).exists()
    assert _files_in(uploads) == []


def test_the_disk_full_page_is_in_spanish(client, settings, uploads):
    _use_storage(settings, DiskFullStorage)
    client.cookies["django_language"] = "es"
    school, _ = school_with_officer()
    page = file_complaint(client, school, files=_pdfs(1)).content.decode()
    assert "No pudimos guardar sus archivos" in page
    assert "Sus respuestas están guardadas en su borrador." in page


@pytest.mark.real_clock  # compares file times, which a moved clock does not move, with the time now
def test_files_left_by_a_killed_process_are_purged_and_attached_files_kept(uploads):
    kept = AttachmentFactory()
    folder = uploads / "complaints" / str(kept.complaint_id)
    orphan, fresh = folder / "orphan", folder / "fresh-orphan"
    orphan.write_bytes(b"half a fi")
    fresh.write_bytes(b"being written")
    an_hour_ago = time.time() - 2 * 3600
    os.utime(orphan, (an_hour_ago, an_hour_ago))
    os.utime(uploads / kept.file.name, (an_hour_ago, an_hour_ago))

    assert attachment_orphans_purge(older_than=datetime.timedelta(hours=1), batch_size=1) == 1

    assert not orphan.exists()
    assert fresh.exists()  # may belong to a transaction still running
    assert (uploads / kept.file.name).exists()


@files_removed_on_rollback
@transaction.atomic
def _store(*, complaint, then=None):
    attachment_store(
        complaint=complaint,
        prepared=PreparedFile(name="note.pdf", content_type="application/pdf", data=b"%PDF-1.7 ..."),
        from_complainant=True,
    )
    if then:
        then()


@pytest.mark.django_db(transaction=True)
def test_files_follow_their_transaction_removed_on_rollback_kept_once_committed(uploads):
    complaint = ComplaintFactory()

    def fail():
        raise RuntimeError("the mail could not be queued")

    with pytest.raises(RuntimeError):
        _store(complaint=complaint, then=fail)  # rolls back
    assert _files_in(uploads) == [] and not Attachment.objects.exists()

    with pytest.raises(RuntimeError):
        # Committed, then a hook run after the commit fails: the attachment exists, so must its file.
        _store(complaint=complaint, then=lambda: transaction.on_commit(fail))
    attachment = Attachment.objects.get()
    assert _files_in(uploads) == [uploads / attachment.file.name]


def test_a_full_temporary_folder_does_not_break_an_upload_of_several_megabytes(client, settings, uploads, tmp_path):
    """Django spools uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary
    file; with /tmp full that failed before any page could answer."""
    blocked = tmp_path / "tmp-is-full"
    blocked.write_text("not a folder")
    settings.FILE_UPLOAD_TEMP_DIR = str(blocked)
    photo = io.BytesIO()
    pixels = random.Random(1).randbytes(1100 * 1000 * 3)
    Image.frombytes("RGB", (1100, 1000), pixels).save(photo, format="PNG")
    assert len(photo.getvalue()) > 3 * 1024 * 1024
    school, _ = school_with_officer()

    response = file_complaint(client, school, files=[SimpleUploadedFile("noise.png", photo.getvalue())])

    assert response.status_code == 302
    assert Complaint.objects.get().attachments.count() == 1
