"""The annual report: the published release as a tagged PDF in English and Spanish, read back with pypdf."""

import io
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from assessment.services.releases import release_publish
from tests.assessment.builders_dashboard import complaints


@pytest.fixture
def release(world):
    cache.clear()
    complaints(world.a_school, 12, categories=("search",))
    complaints(world.a_school, 3, kind="concern")
    complaints(world.a_other_school, 15)
    return release_publish(
        district=world.a,
        school_year=2026,
        assessment={"summary_en": "The program met its goals.", "summary_es": "El programa cumplió sus metas."},
        by=None,
    )


def _text(response) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(response.content))
    return reader, " ".join(page.extract_text() for page in reader.pages)


def test_the_report_downloads_as_a_tagged_pdf_with_the_published_figures(client, release):
    response = client.get(reverse("assessment:dashboard_report", args=[release.pk, "en"]))
    assert response["Content-Type"] == "application/pdf"
    reader, text = _text(response)
    assert "annual report 2026–27" in " ".join(text.split())
    assert "The program met its goals." in text
    assert "Complaints received" in text
    assert "suppressed" in text
    assert "30" in text
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "annual-report-en.pdf").write_bytes(response.content)  # to look at (docs/img/report-page.png)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"


def test_the_spanish_report_is_in_spanish(client, release):
    reader, text = _text(client.get(reverse("assessment:dashboard_report", args=[release.pk, "es"])))
    assert "informe anual 2026–27" in " ".join(text.split())
    assert "El programa cumplió sus metas." in text
    assert "Quejas recibidas" in text
    assert reader.trailer["/Root"]["/Lang"] == "es"


def test_a_language_the_report_is_not_written_in_is_not_found(client, release):
    assert client.get(reverse("assessment:dashboard_report", args=[release.pk, "fr"])).status_code == 404


def test_without_weasyprint_the_reader_gets_a_page_saying_so(client, release, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # what a machine without WeasyPrint answers: ImportError
    response = client.get(reverse("assessment:dashboard_report", args=[release.pk, "es"]), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 503
    assert 'lang="es"' in response.content.decode()
