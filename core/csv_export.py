"""The one CSV writer: every export of the site goes through it.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return as a formula, so text from complainants or staff could
run in a coordinator's spreadsheet (OWASP "CSV injection"; OWASP ASVS 1.2.10
adds a leading NUL). Such text cells get a leading single quote, which shows the
text as typed and runs nothing. Every cell is quoted, so a reader that splits on
another delimiter (Excel set to a semicolon locale) cannot cut a cell in two and
expose a formula. The file starts with a UTF-8 byte order mark: without it Excel
reads "niño" as "niÃ±o".
"""

import csv
import decimal
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

# OWASP's list, plus NUL from OWASP ASVS 1.2.10.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"


def csv_cell(value) -> str | int | float | decimal.Decimal:
    """``value`` as it is safe to write: numbers as they are, None as an empty
    cell, any other value as text, quoted with ``'`` when it would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        # A number is data, never a formula, even when negative.
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Line:
    """A file-like target that hands back the line csv.writer formats."""

    def write(self, value: str) -> str:
        return value


def csv_lines(*, header: Sequence, rows: Iterable[Sequence]) -> Iterator[str]:
    """The export's text, line by line: the byte order mark with the header
    line, then one line per row (``rows`` is read lazily)."""
    writer = csv.writer(_Line(), quoting=csv.QUOTE_ALL)
    yield BOM + writer.writerow([csv_cell(v) for v in header])
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])


def csv_response(
    *, filename: str, header: Sequence, rows: Iterable[Sequence], streaming: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """A download named ``filename`` holding ``header`` and ``rows`` as formula-safe CSV.

    With ``streaming=True`` the rows are written as the client reads them (pass a
    queryset's ``.iterator()`` for big exports); otherwise the whole file is built first.
    """
    lines = csv_lines(header=header, rows=rows)
    if streaming:
        response = StreamingHttpResponse((line.encode() for line in lines), content_type=CONTENT_TYPE)
    else:
        response = HttpResponse("".join(lines).encode(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
