import io

import pytest
from pypdf import PdfReader

from core.pdf import pdf_render

PAGE = """<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Informe anual</title></head>
<body><h1>Informe anual</h1><p>Quejas recibidas: 42</p><img alt="" src="file:///etc/passwd">
<img alt="" src="http://127.0.0.1:9/x.png"></body></html>"""


def test_a_pdf_holds_its_text_and_title_for_a_screen_reader():
    reader = PdfReader(io.BytesIO(pdf_render(html=PAGE, stylesheets=("h1 { color: #123; }",))))
    text = reader.pages[0].extract_text()
    assert "Informe anual" in text and "Quejas recibidas: 42" in text
    assert reader.metadata.title == "Informe anual"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged: a screen reader can follow it


def test_a_pdf_never_reads_local_files_or_calls_a_server(caplog):
    with caplog.at_level("ERROR", logger="weasyprint"):
        pdf_render(html=PAGE)
    assert "disallowed protocol" in caplog.text
    assert "passwd" in caplog.text and "127.0.0.1" in caplog.text


@pytest.mark.parametrize("path", ["css/site.css"])
def test_static_stylesheets_are_read_from_disk(path):
    from core.pdf import static_css

    assert "{" in static_css(path)
