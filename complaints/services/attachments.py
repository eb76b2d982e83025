"""Checking and storing files people attach: type from the content, size and
count limits, location metadata stripped from photos."""

import hashlib
import io
import os
import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from complaints.models import Attachment, Complaint

# Photos larger than this (60 megapixels) are refused before they are decoded.
MAX_PIXELS = 60_000_000
ALLOWED_TYPES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "application/pdf": None,
    "video/mp4": None,
    "video/webm": None,
    "video/quicktime": None,
    "audio/mpeg": None,
    "audio/mp4": None,
    "audio/x-m4a": None,
    "audio/ogg": None,
    "audio/x-wav": None,
}


@dataclass(frozen=True)
class PreparedFile:
    name: str
    content_type: str
    data: bytes


def attachment_prepare(upload) -> PreparedFile:
    """The checked file ready to store (photos without their metadata), or
    ValidationError saying why it is refused."""
    limit = settings.COMPLAINT_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files can be at most %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
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
    data = upload.read()
    if ALLOWED_TYPES[kind.mime]:
        data = _without_metadata(data, ALLOWED_TYPES[kind.mime])
    return PreparedFile(name=os.path.basename(upload.name)[:200], content_type=kind.mime, data=data)


def _without_metadata(data: bytes, image_format: str) -> bytes:
    """Re-encodes a photo so EXIF data (GPS location, device) is dropped."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ValueError("image too large")
            image.load()
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            save_kwargs = {"quality": 90} if image_format in {"JPEG", "WEBP"} else {}
            if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
                image = image.convert("RGB")
            image.save(out, format=image_format, **save_kwargs)
            return out.getvalue()
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:  # noqa: E501
        raise ValidationError(_("This photo could not be read. Please try another file.")) from exc


def attachment_store(*, complaint: Complaint, prepared: PreparedFile, from_complainant: bool) -> Attachment:
    """Saves a prepared upload as a private attachment of ``complaint``."""
    attachment = Attachment(
        complaint=complaint,
        original_name=prepared.name,
        content_type=prepared.content_type,
        size=len(prepared.data),
        sha256=hashlib.sha256(prepared.data).hexdigest(),
        from_complainant=from_complainant,
    )
    attachment.file.save("upload", ContentFile(prepared.data), save=False)
    attachment.save()
    return attachment
