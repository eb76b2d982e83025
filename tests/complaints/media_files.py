"""Real media files for the upload tests, made by ffmpeg and pikepdf the way a
phone or an office program would leave them: with location, device and author."""

import io
import struct
import subprocess
import zlib
from pathlib import Path

import pikepdf
from PIL import Image

GPS = "+40.7128-074.0060/"
AUTHOR = "Jane Parent"
DEVICE = "Apple iPhone 15 Pro"

# extension -> (ffmpeg output options, content type the site detects)
AV_SAMPLES = {
    # QuickTime as an iPhone writes it: GPS in moov/udta/©xyz.
    "mov": (["-c:v", "libx264", "-preset", "ultrafast", "-f", "mov"], "video/quicktime"),
    # The same box in a file branded MP4 (mp42), as many Android phones write.
    "mp4": (["-c:v", "libx264", "-preset", "ultrafast", "-brand", "mp42", "-f", "mov"], "video/mp4"),
    "webm": (["-c:v", "libvpx", "-f", "webm"], "video/webm"),
    "mp3": (["-c:a", "libmp3lame", "-f", "mp3"], "audio/mpeg"),
    "m4a": (["-c:a", "aac", "-f", "ipod"], "audio/mp4"),
    "ogg": (["-c:a", "libvorbis", "-f", "ogg"], "audio/ogg"),
    "wav": (["-f", "wav"], "audio/x-wav"),
}


def av_sample(tmp_path: Path, extension: str) -> bytes:
    """A one-second recording tagged with a GPS position, an author and a device."""
    options, _type = AV_SAMPLES[extension]
    video = extension in {"mov", "mp4", "webm"}
    source = ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1"] if video else []
    source += ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"] if not video else []
    target = tmp_path / f"sample.{extension}"
    tags = ["-metadata", f"location={GPS}", "-metadata", f"artist={AUTHOR}", "-metadata", f"comment={DEVICE}"]
    tags += ["-metadata:s:0", f"handler_name={DEVICE}"]
    subprocess.run(
        ["ffmpeg", "-v", "error", "-nostdin", "-y", *source, *tags, *options, str(target)],
        check=True,
        timeout=60,
    )
    return target.read_bytes()


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = DEVICE  # camera make
    exif[0x013B] = AUTHOR  # artist
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0)}  # GPS info
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def pdf_with_author() -> bytes:
    """A one-page PDF with an author in /Info, XMP naming the author and the
    scanning device, and a scanned photo that still carries its EXIF GPS."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = AUTHOR
    pdf.docinfo["/Creator"] = DEVICE
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:creator"] = [AUTHOR]
        xmp["xmp:CreatorTool"] = f"{DEVICE} at {GPS}"
    photo = jpeg_with_exif()
    image = pikepdf.Stream(pdf, photo)
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = 40, 30, 8
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.DCTDecode
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(b"q 400 0 0 300 100 400 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def transparent_png(width: int, height: int) -> bytes:
    """A fully transparent RGBA PNG built row by row without Pillow: a 7681 x
    7681 picture (59 megapixels) is about 1 MB on the wire and would take some
    230 MB and seconds of CPU to decode."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    compressor = zlib.compressobj(1)
    row = b"\x00" * (1 + 4 * width)  # filter byte + RGBA zeros
    parts = [compressor.compress(row * 256) for _ in range(height // 256)]
    parts += [compressor.compress(row * (height % 256)), compressor.flush()]
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


def large_jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(out, format="JPEG", quality=60)
    return out.getvalue()


def pdf_with_comment_and_attachment(*, attach: bool) -> bytes:
    """A PDF with a sticky-note comment signed by its author, and (``attach``)
    a photo carried inside it as an embedded file."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    note = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Text,
        Rect=[10, 10, 30, 30],
        T=AUTHOR,
        Contents="Seen in the hallway",
        M="D:20261102101500",
    )
    pdf.pages[0].Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(note)]))
    if attach:
        pdf.attachments["photo.jpg"] = pikepdf.AttachedFileSpec(pdf, jpeg_with_exif())
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
