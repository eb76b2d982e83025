"""Checking and storing files people attach: type from the content, limits per
upload and per complaint (count, bytes, photo pixels read from the header
before anything is decoded), metadata removed (see ``media``), and files that
never outlive a transaction that rolled back."""

import contextvars
import datetime
import functools
import hashlib
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import Count, Sum
from django.db.transaction import TransactionManagementError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from complaints.models import Attachment, Complaint
from complaints.services import media

logger = logging.getLogger(__name__)

ALLOWED_TYPES = {*media.IMAGE_FORMATS, "application/pdf", *media.AV_FORMATS}
# A file without an attachment row younger than this may belong to a transaction still running.
ORPHAN_GRACE = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class PreparedFile:
    name: str
    content_type: str
    data: bytes


class AttachmentLimitReached(ValidationError):
    """The complaint has no room left for another file (checked when storing)."""


class AttachmentStorageFailed(Exception):
    """The upload folder could not take the file (disk full, read-only, ...).
    Nothing of the file is left behind; the caller's transaction rolls back."""


def attachments_prepare(
    uploads: list, *, complaint: Complaint | None = None, from_complainant: bool = True
) -> list[PreparedFile]:
    """The uploads checked and cleaned, ready to store; or ValidationError with
    one message per problem. ``complaint`` is the complaint they are added to
    (None for a new one): its existing files from the same side (the family's,
    or staff's with ``from_complainant`` False) count against its limits."""
    _check_counts_and_bytes(uploads, complaint, from_complainant)
    typed, errors = [], []
    for upload in uploads:
        try:
            typed.append((upload, _content_type(upload)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    data = {id(upload): upload.read() for upload, _type in typed}
    _check_pixels(typed, data)
    prepared = []
    for upload, content_type in typed:
        try:
            cleaned = _clean(data[id(upload)], content_type)
        except media.CleaningFailed:
            errors.append(_cleaning_failed_message(upload.name, content_type))
            continue
        prepared.append(PreparedFile(name=os.path.basename(upload.name)[:200], content_type=content_type, data=cleaned))
    if errors:
        raise ValidationError(errors)
    # Cleaning can make a file larger (a photo saved again): the cap counts what will be stored.
    size = sum(len(p.data) for p in prepared)
    errors = _per_complaint_errors(complaint, count=len(prepared), size=size, from_complainant=from_complainant)
    if errors:
        raise ValidationError(errors)
    return prepared


def _check_counts_and_bytes(uploads: list, complaint: Complaint | None, from_complainant: bool) -> None:
    size = sum(upload.size for upload in uploads)
    errors = _per_upload_errors(uploads) + _per_complaint_errors(
        complaint, count=len(uploads), size=size, from_complainant=from_complainant
    )
    if errors:
        raise ValidationError(errors)


def _per_upload_errors(uploads: list) -> list[str]:
    errors = []
    per_request = settings.COMPLAINT_ATTACHMENT_MAX_COUNT
    if len(uploads) > per_request:
        errors.append(
            ngettext("You can attach at most %(count)d file.", "You can attach at most %(count)d files.", per_request)
            % {"count": per_request}
        )
    limit = settings.COMPLAINT_ATTACHMENT_MAX_BYTES
    for upload in uploads:
        if upload.size > limit:
            errors.append(
                _("“%(name)s” is %(size)s; files can be at most %(limit)s.")
                % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
    return errors


def _per_complaint_errors(complaint: Complaint | None, *, count: int, size: int, from_complainant: bool) -> list[str]:
    """What adding ``count`` files of ``size`` bytes to the complaint would
    break: its files so far from the same side count too (the family's at
    intake and in every reply; staff files have a budget of their own, so a
    reviewer's evidence never leaves the family without room)."""
    errors = []
    existing = {"count": 0, "size": 0}
    if complaint is not None and complaint.pk:
        own = Attachment.objects.filter(complaint=complaint, from_complainant=from_complainant)
        existing = own.aggregate(count=Count("id"), size=Sum("size"))
    max_files = settings.COMPLAINT_ATTACHMENT_MAX_FILES_PER_COMPLAINT
    if existing["count"] + count > max_files:
        if existing["count"]:
            text = ngettext(
                "A complaint can have at most %(limit)d file, and this one has %(count)d already.",
                "A complaint can have at most %(limit)d files, and this one has %(count)d already.",
                max_files,
            )
        else:
            text = ngettext(
                "A complaint can have at most %(limit)d file.",
                "A complaint can have at most %(limit)d files.",
                max_files,
            )
        errors.append(text % {"limit": max_files, "count": existing["count"]})
    max_bytes = settings.COMPLAINT_ATTACHMENT_MAX_BYTES_PER_COMPLAINT
    total = (existing["size"] or 0) + size
    if total > max_bytes:
        errors.append(
            _("The files of a complaint can add up to at most %(limit)s; these would bring it to %(size)s.")
            % {"limit": filesizeformat(max_bytes), "size": filesizeformat(total)}
        )
    return errors


def _content_type(upload) -> str:
    """The type read from the file's first bytes, whatever its name says."""
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "“%(name)s” is not a photo, PDF, video or audio file we can accept "
                "(JPEG, PNG, WebP, PDF, MP4, WebM, MOV, MP3, M4A, OGG or WAV)."
            )
            % {"name": upload.name}
        )
    return kind.mime


def _check_pixels(typed: list, data: dict) -> None:
    """Refuses photos whose pixels (read from their headers, nothing decoded)
    add up to more than COMPLAINT_ATTACHMENT_MAX_PIXELS in one upload, so that
    a small file that would decode to a huge picture costs nothing."""
    limit = settings.COMPLAINT_ATTACHMENT_MAX_PIXELS
    errors, total = [], 0
    for upload, content_type in typed:
        if content_type not in media.IMAGE_FORMATS:
            continue
        try:
            pixels = media.image_pixels(data[id(upload)])
        except media.CleaningFailed:
            errors.append(_cleaning_failed_message(upload.name, content_type))
            continue
        if pixels > limit:
            errors.append(
                _("“%(name)s” is a %(pixels)s-megapixel picture; photos can be at most %(limit)s megapixels.")
                % {"name": upload.name, "pixels": _megapixels(pixels), "limit": _megapixels(limit)}
            )
        total += pixels
    if not errors and total > limit:
        errors.append(
            _(
                "These photos add up to %(pixels)s megapixels; one upload can hold at most %(limit)s. "
                "Send some of them now and the rest in a reply from the tracking page."
            )
            % {"pixels": _megapixels(total), "limit": _megapixels(limit)}
        )
    if errors:
        raise ValidationError(errors)


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f}"


def _clean(data: bytes, content_type: str) -> bytes:
    if content_type in media.IMAGE_FORMATS:
        return media.image_clean(data, content_type)
    if content_type == "application/pdf":
        return media.pdf_clean(data)
    return media.av_clean(data, content_type)


def _cleaning_failed_message(name: str, content_type: str) -> str:
    if content_type in media.IMAGE_FORMATS:
        text = _("“%(name)s” could not be read as a photo. Please try another file.")
    elif content_type == "application/pdf":
        text = _(
            "“%(name)s” could not be cleaned of its author and location details, so it was not accepted. "
            "Try saving it again as a PDF, or send a photo of it."
        )
    else:
        text = _(
            "“%(name)s” could not be cleaned of its location and device details, so it was not accepted. "
            "Try another copy of the recording, or describe it in your message."
        )
    return text % {"name": name}


# --- Storing -----------------------------------------------------------------------

# The storage names written by the innermost running `files_removed_on_rollback` call.
_written: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("attachment_files_written", default=None)


def files_removed_on_rollback(service):
    """Decorates a service (placed above its ``@transaction.atomic``): when the
    service raises, its transaction has rolled back, so every attachment file
    it wrote is deleted again. Files written by a nested decorated service are
    handed up to the outer one."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        outer = _written.get()
        written: list[str] = []
        token = _written.set(written)
        try:
            result = service(*args, **kwargs)
        except BaseException:
            _delete_uncommitted(written)
            raise
        finally:
            _written.reset(token)
        if outer is not None:
            outer.extend(written)
        return result

    return wrapper


def attachment_store(*, complaint: Complaint, prepared: PreparedFile, from_complainant: bool) -> Attachment:
    """Saves a prepared upload as a private attachment of ``complaint``.

    Must run inside a service decorated with ``files_removed_on_rollback``.
    Raises AttachmentLimitReached when the complaint has no room left for the file
    (checked again here under the complaint's row lock, so replies sent at the
    same moment cannot together pass the caps the form checked), and
    AttachmentStorageFailed when the disk refuses the file (full, read-only);
    a partly written file is removed first."""
    Complaint.objects.select_for_update().filter(pk=complaint.pk).values_list("pk").first()
    errors = _per_complaint_errors(complaint, count=1, size=len(prepared.data), from_complainant=from_complainant)
    if errors:
        raise AttachmentLimitReached(errors)
    attachment = Attachment(
        complaint=complaint,
        original_name=prepared.name,
        content_type=prepared.content_type,
        size=len(prepared.data),
        sha256=hashlib.sha256(prepared.data).hexdigest(),
        from_complainant=from_complainant,
    )
    attachment.file.name = _write_file(attachment, prepared.data)
    attachment.save()
    return attachment


def _write_file(attachment: Attachment, data: bytes) -> str:
    """Writes ``data`` under a new random name for ``attachment`` and returns
    the name; the running service removes it again if it rolls back."""
    written = _written.get()
    if written is None:
        raise RuntimeError("attachment files must be written inside a @files_removed_on_rollback service")
    storage = attachment.file.storage
    name = storage.get_available_name(attachment.file.field.generate_filename(attachment, "upload"))
    try:
        name = storage.save(name, ContentFile(data))
    except OSError as exc:
        logger.error("could not store an attachment of complaint %s: %s", attachment.complaint_id, exc)
        _delete_quietly([name])
        raise AttachmentStorageFailed(str(exc)) from exc
    written.append(name)
    return name


def _delete_uncommitted(names: list[str]) -> None:
    """Deletes the files whose attachment rows are not in the database: the
    service raised, but the exception may come after its commit (a failing
    on_commit hook), and a committed attachment keeps its file."""
    if not names:
        return
    try:
        committed = set(Attachment.objects.filter(file__in=names).values_list("file", flat=True))
    except (DatabaseError, TransactionManagementError) as exc:
        # Cannot tell; attachment_orphans_purge removes the files later if no row points to them.
        logger.warning("could not check %d attachment files after an error: %s", len(names), exc)
        return
    _delete_quietly([name for name in names if name not in committed])


def _delete_quietly(names: list[str]) -> None:
    storage = Attachment._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError as exc:  # an orphan left here is removed by attachment_orphans_purge
            logger.warning("could not remove %s after a rollback: %s", name, exc)


def attachment_orphans_purge(*, older_than: datetime.timedelta = ORPHAN_GRACE, batch_size: int = 500) -> int:
    """Deletes files in the upload folder that no attachment points to and that
    are older than ``older_than`` (younger ones may belong to a transaction
    still running). Such files are left only when a process dies between
    writing a file and committing (kill -9, power loss). Names are checked
    against the database ``batch_size`` at a time. Returns how many."""
    removed = 0
    batch: list[str] = []
    for name in _old_upload_files(older_than):
        batch.append(name)
        if len(batch) >= batch_size:
            removed += _delete_unreferenced(batch)
            batch = []
    return removed + _delete_unreferenced(batch)


def _old_upload_files(older_than: datetime.timedelta):
    """Storage names of the files under complaints/ last written before ``older_than`` ago."""
    root = Path(Attachment._meta.get_field("file").storage.location) / "complaints"
    if not root.is_dir():
        return
    cutoff = time.time() - older_than.total_seconds()
    for folder in os.scandir(root):
        if not folder.is_dir():
            continue
        for entry in os.scandir(folder.path):
            if entry.is_file() and entry.stat().st_mtime < cutoff:
                yield f"complaints/{folder.name}/{entry.name}"


def _delete_unreferenced(names: list[str]) -> int:
    known = set(Attachment.objects.filter(file__in=names).values_list("file", flat=True))
    orphans = [name for name in names if name not in known]
    _delete_quietly(orphans)
    return len(orphans)


@files_removed_on_rollback
@transaction.atomic
def attachment_reclean(*, attachment: Attachment) -> bool:
    """Cleans a file stored before metadata was removed from every type: writes
    the cleaned copy, points the attachment at it and deletes the old file once
    committed. Returns False (and changes nothing) when the file cannot be
    cleaned; the operator decides what to do with it."""
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    try:
        with attachment.file.open("rb") as stored:
            data = stored.read()
        cleaned = _clean(data, attachment.content_type)
    except (OSError, media.CleaningFailed, KeyError) as exc:
        logger.warning("attachment %s could not be cleaned: %r", attachment.pk, exc)
        return False
    if cleaned == data:
        return True
    old_name = attachment.file.name
    attachment.file.name = _write_file(attachment, cleaned)
    attachment.size, attachment.sha256 = len(cleaned), hashlib.sha256(cleaned).hexdigest()
    attachment.save(update_fields=["file", "size", "sha256"])
    transaction.on_commit(lambda: _delete_quietly([old_name]))
    return True
