"""One way to write a percentage, for every page, chart and PDF."""

from django.template import Context, Template
from django.utils import translation

from core.numbers import percent_text


def _filtered(value) -> str:
    return Template("{% load numbers %}{{ value|percent }}").render(Context({"value": value}))


def test_a_percentage_is_written_as_the_reader_s_language_writes_it():
    with translation.override("en"):
        assert percent_text(44.4) == _filtered(44.4) == "44.4%"
        assert _filtered(25) == "25%"
    with translation.override("es"):
        assert percent_text(44.4) == _filtered(44.4) == "44,4\u00a0%"
        assert _filtered(25) == "25\u00a0%"


def test_a_missing_percentage_reads_as_a_dash():
    assert _filtered(None) == "—"
