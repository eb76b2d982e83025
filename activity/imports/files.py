"""Reading an uploaded file (CSV or Excel .xlsx) into a tablib ``Dataset``, checked by content and size."""

import csv
import io
import zipfile

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# An .xlsx is a zip: refuse one that unpacks to far more than it weighs (a "zip bomb").
MAX_XLSX_UNPACKED = 60 * 1024 * 1024
CSV_ENCODINGS = ("utf-8-sig", "cp1252")
# How many row numbers a refusal names before "…".
SHOWN_ROWS = 10


def dataset_read(*, name: str, content: bytes) -> tablib.Dataset:
    """The file's rows under its header row; ``ValidationError`` (translated) when it is not a table we read."""
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 5 MB; split it into smaller files."), code="too_big")
    if not content.strip():
        raise ValidationError(_("The file is empty."), code="empty")
    if content[:4] == b"PK\x03\x04":
        data = _xlsx(content)
    elif name.lower().endswith((".xlsx", ".xls", ".xlsm", ".ods")):
        raise ValidationError(_("This is not an Excel .xlsx workbook; save it as .xlsx or CSV."), code="not_xlsx")
    else:
        data = _csv(content)
    headers = [str(h or "").strip() for h in (data.headers or [])]
    if not any(headers):
        raise ValidationError(_("The first row must name the columns."), code="no_headers")
    if len(set(headers)) != len(headers):
        raise ValidationError(_("Two columns have the same name in the first row."), code="duplicate_headers")
    if len(data) > MAX_ROWS:
        raise ValidationError(
            _("The file has more than %(max)s rows; split it into smaller files.") % {"max": f"{MAX_ROWS:,}"},
            code="too_many_rows",
        )
    data.headers = headers
    return data


def _xlsx(content: bytes) -> tablib.Dataset:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise ValidationError(_("This is not an Excel .xlsx workbook."), code="not_xlsx")
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise ValidationError(_("The workbook is too large once opened."), code="too_big")
        return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
    except ValidationError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise ValidationError(_("The workbook could not be read; save it again as .xlsx."), code="bad_xlsx") from error


def _csv(content: bytes) -> tablib.Dataset:
    if b"\x00" in content[:4096]:
        raise ValidationError(_("This is not a CSV text file."), code="not_csv")
    for encoding in CSV_ENCODINGS:
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise ValidationError(_("The CSV file's text encoding is not UTF-8."), code="encoding")
    delimiter = _delimiter(text)
    try:
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except (csv.Error, tablib.InvalidDimensions) as error:
        raise _unreadable_csv(text, delimiter) from error


def _unreadable_csv(text: str, delimiter: str) -> ValidationError:
    """Why tablib refused the CSV: the file's rows (row 1 names the columns) with more cells than names, when so."""
    long_rows = []
    try:
        rows = csv.reader(io.StringIO(text), delimiter=delimiter)
        width = len(next(rows, []))
        long_rows = [number for number, row in enumerate(rows, 2) if len(row) > width]
    except csv.Error:
        pass
    if not long_rows:
        return ValidationError(_("The CSV file could not be read; save it again as CSV."), code="bad_csv")
    shown = ", ".join(str(number) for number in long_rows[:SHOWN_ROWS])
    if len(long_rows) > SHOWN_ROWS:
        shown += ", …"
    message = ngettext(
        "Row %(rows)s of the CSV file has more cells than the first row has column names.",
        "Rows %(rows)s of the CSV file have more cells than the first row has column names.",
        len(long_rows),
    )
    return ValidationError(message % {"rows": shown}, code="bad_csv")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)
