"""The annual report: a published release as a tagged PDF (core.pdf), in English or Spanish, with its charts.

The PDF is drawn from the release's snapshot only, like the dashboard, so both always show the same numbers. A
release never changes, so each language's PDF is made once and kept in the cache.
"""

import dataclasses

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from assessment.models import Release
from assessment.views.dashboard_tables import shown_tables
from core.charts import Chart
from core.pdf import pdf_render
from core.schoolyear import school_year_label

LANGUAGES = ("en", "es")
CACHE_SECONDS = 7 * 24 * 3600


def _summary(release: Release, language: str) -> list[str]:
    """The assessment's summary in ``language`` (``summary_<language>`` or ``summary``), in paragraphs."""
    data = release.assessment or {}
    summary = data.get(f"summary_{language}") or data.get("summary") or ""
    return [part.strip() for part in str(summary).split("\n\n") if part.strip()]


def _styled(chart: Chart | None) -> Chart | None:
    """The chart with its colours inside the drawing: WeasyPrint applies no page stylesheet to an inline SVG, and
    a PDF has no Content-Security-Policy that would refuse the drawing's own <style>."""
    if chart is None:
        return None
    svg = str(chart.svg)
    start = svg.index(">") + 1
    style = f"<style>{render_to_string('assessment/report/chart.css')}</style>"
    return dataclasses.replace(chart, svg=mark_safe(svg[:start] + style + svg[start:]))  # noqa: S308 - our own CSS


def report_html(*, release: Release, language: str) -> str:
    """The report as one HTML document in ``language``."""
    with translation.override(language):
        tables = shown_tables(release.snapshot)
        for table in tables:
            table.chart = _styled(table.chart)
        context = {
            "release": release,
            "language": language,
            "year_label": school_year_label(release.school_year),
            "threshold": release.snapshot.get("threshold"),
            "summary": _summary(release, language),
            "tables": tables,
        }
        return render_to_string("assessment/report/report.html", context)


def report_pdf(*, release: Release, language: str) -> bytes:
    """The annual report of ``release`` as a tagged PDF in ``language`` ("en" or "es"). Raises
    ``core.pdf.PdfUnavailable`` when WeasyPrint cannot run on this machine."""
    if language not in LANGUAGES:
        raise ValueError(language)
    key = f"dashboard:report:{release.pk}:{language}"
    pdf = cache.get(key)
    if pdf is None:
        css = render_to_string("assessment/report/report.css")
        pdf = pdf_render(html=report_html(release=release, language=language), stylesheets=(css,))
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
