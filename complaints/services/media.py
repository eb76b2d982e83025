"""Removing location, device and author metadata from the files people attach.

Photos are decoded and written again by Pillow; video and audio are re-muxed by
ffmpeg (streams copied, not re-encoded) keeping only the picture and sound;
PDFs are re-written by pikepdf without their document information and XMP.
Each cleaner raises ``CleaningFailed`` when it cannot vouch for its output, and
the caller refuses the file: nothing is ever stored as it came in.
"""

import io
import json
import logging
import subprocess
import tempfile
import warnings
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

# qpdf logs a line at INFO when pikepdf is imported; it would show on every manage.py command.
logging.getLogger("pikepdf._core").setLevel(logging.WARNING)
import pikepdf  # noqa: E402

logger = logging.getLogger(__name__)


class CleaningFailed(Exception):
    """The file could not be read or cleaned; it must be refused."""


# --- Photos ------------------------------------------------------------------

IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


def image_pixels(data: bytes) -> int:
    """Width x height read from the file's header only (nothing is decoded)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return image.width * image.height
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CleaningFailed("unreadable image header") from None


def image_clean(data: bytes, content_type: str) -> bytes:
    """The photo decoded and encoded again, turned upright, at most
    COMPLAINT_ATTACHMENT_MAX_IMAGE_SIDE pixels on its long side, without EXIF
    (GPS position, camera), XMP, comments or text chunks."""
    image_format = IMAGE_FORMATS[content_type]
    side = settings.COMPLAINT_ATTACHMENT_MAX_IMAGE_SIDE
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > settings.COMPLAINT_ATTACHMENT_MAX_PIXELS:
                raise CleaningFailed("too many pixels")
            # thumbnail() asks a JPEG decoder for a 1/2, 1/4 or 1/8 scale first
            # (draft), so a big photo is never decoded at full size.
            image.thumbnail((side, side))
            image = ImageOps.exif_transpose(image)
            if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
                image = image.convert("RGB")
            out = io.BytesIO()
            options = {"quality": 90} if image_format in {"JPEG", "WEBP"} else {"compress_level": 3}
            image.save(out, format=image_format, **options)
            return out.getvalue()
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise CleaningFailed("unreadable image") from exc


# --- Video and audio -----------------------------------------------------------

# content type -> (ffmpeg demuxer forced on the input, muxer for the output).
# Forcing the demuxer keeps ffmpeg from treating a file as a playlist or a
# concat list that would open other files or URLs.
AV_FORMATS = {
    "video/mp4": ("mov", "mp4"),
    "video/quicktime": ("mov", "mov"),
    "video/webm": ("matroska", "webm"),
    "audio/mpeg": ("mp3", "mp3"),
    "audio/mp4": ("mov", "mp4"),
    "audio/x-m4a": ("mov", "mp4"),
    "audio/ogg": ("ogg", "ogg"),
    "audio/x-wav": ("wav", "wav"),
}
# Tags a re-muxed file may still carry: technical, written by the muxer itself.
AV_ALLOWED_TAGS = {
    "major_brand",
    "minor_version",
    "compatible_brands",
    "language",
    "handler_name",
    "vendor_id",
    "encoder",
    "duration",
}


def av_clean(data: bytes, content_type: str) -> bytes:
    """The video or audio re-muxed by ffmpeg: picture and sound streams copied
    as they are (no re-encoding), every container, stream and chapter tag
    dropped (GPS position such as MP4 ``udta/©xyz``, device, author, dates),
    data tracks, cover pictures and subtitles left out."""
    demuxer, muxer = AV_FORMATS[content_type]
    with tempfile.TemporaryDirectory(prefix="cg-av-") as workdir:
        source, target = Path(workdir) / "in", Path(workdir) / "out"
        source.write_bytes(data)
        command = [
            settings.FFMPEG_BINARY,
            *("-nostdin", "-hide_banner", "-loglevel", "error", "-y"),
            *("-protocol_whitelist", "file", "-f", demuxer, "-i", str(source)),
            # Picture (not cover art) and sound only; data tracks carry GPS on phones.
            *("-map", "0:V?", "-map", "0:a?", "-c", "copy"),
            *("-map_metadata", "-1", "-map_metadata:s", "-1", "-map_chapters", "-1"),
            *("-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"),
            *(("-id3v2_version", "0") if muxer == "mp3" else ()),
            *("-f", muxer, str(target)),
        ]
        _run(command)
        _check_av_output(target)
        return target.read_bytes()


def _run(command: list[str]) -> str:
    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            command, capture_output=True, timeout=settings.FFMPEG_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        logger.warning("media tool failed to run: %s", exc)
        raise CleaningFailed("media tool unavailable or too slow") from exc
    if result.returncode != 0:
        logger.info("media tool refused a file: %s", result.stderr[-500:].decode(errors="replace"))
        raise CleaningFailed("media tool refused the file")
    return result.stdout.decode(errors="replace")


def _check_av_output(path: Path) -> None:
    """Refuses the output unless ffprobe reads it and finds picture or sound
    and no tag beyond the technical ones the muxer writes."""
    report = json.loads(
        _run(
            [
                settings.FFPROBE_BINARY,
                *("-v", "error", "-of", "json", "-show_format", "-show_streams", "-show_chapters", str(path)),
            ]
        )
        or "{}"
    )
    streams = report.get("streams", [])
    if not streams or report.get("chapters"):
        raise CleaningFailed("no streams, or chapters left")
    for tags in [report.get("format", {}).get("tags", {})] + [s.get("tags", {}) for s in streams]:
        extra = {key for key in tags if key.lower() not in AV_ALLOWED_TAGS}
        if extra:
            raise CleaningFailed(f"tags left after cleaning: {sorted(extra)}")


# --- PDF -------------------------------------------------------------------------

# Keys that carry authoring metadata wherever they appear (catalog, pages, images, fonts).
PDF_METADATA_KEYS = ("/Metadata", "/PieceInfo")
# On a comment or markup annotation: its author's name and when it was written.
PDF_ANNOTATION_AUTHOR_KEYS = ("/T", "/M", "/CreationDate")


def pdf_clean(data: bytes) -> bytes:
    """The PDF written again by qpdf (through pikepdf) without its document
    information dictionary (author, creator tool, dates), without any XMP
    metadata stream or PieceInfo, without the authors of comments, and with
    JPEG images inside it stripped of their EXIF/XMP segments. A PDF carrying
    other files inside it (which would keep their own metadata) is refused."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise CleaningFailed("encrypted PDF")
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            if "/EmbeddedFiles" in pdf.Root.get("/Names", {}) or "/AF" in pdf.Root:
                raise CleaningFailed("files embedded in the PDF")
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    _strip_pdf_object(obj)
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
            return out.getvalue()
    except pikepdf.PdfError as exc:
        raise CleaningFailed("unreadable PDF") from exc


def _strip_pdf_object(obj) -> None:
    for key in PDF_METADATA_KEYS:
        if key in obj:
            del obj[key]
    subtype = obj.get("/Subtype")
    if subtype == "/FileAttachment" or obj.get("/Type") == "/EmbeddedFile" or "/EF" in obj:
        raise CleaningFailed("files embedded in the PDF")
    if "/Rect" in obj and subtype is not None and subtype != "/Widget":  # an annotation, not a form field
        for key in PDF_ANNOTATION_AUTHOR_KEYS:
            if key in obj:
                del obj[key]
    if isinstance(obj, pikepdf.Stream) and subtype == "/Image":
        _strip_embedded_jpeg(obj)


def _strip_embedded_jpeg(image: pikepdf.Stream) -> None:
    if image.get("/Filter") != "/DCTDecode":
        return
    raw = image.read_raw_bytes()
    stripped = jpeg_without_metadata_segments(raw)
    if stripped != raw:
        image.write(stripped, filter=pikepdf.Name.DCTDecode)


def jpeg_without_metadata_segments(data: bytes) -> bytes:
    """The JPEG's bytes without APP1-APP13/APP15 (EXIF, XMP, IPTC) and comment
    segments; APP0 (JFIF) and APP14 (Adobe colour transform) are kept, the
    image data is untouched."""
    if data[:2] != b"\xff\xd8":
        return data
    out, i = bytearray(b"\xff\xd8"), 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the rest is image data
            break
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        segment = data[i : i + 2 + length]
        if not (0xE1 <= marker <= 0xEF and marker != 0xEE) and marker != 0xFE:
            out += segment
        i += 2 + length
    return bytes(out + data[i:])
