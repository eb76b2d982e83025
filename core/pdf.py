"""Every PDF the site makes (the annual report, printable case files) is drawn here by WeasyPrint.

The HTML is rendered by a Django template first; this module only turns it into a tagged PDF. It fetches nothing
from the network or the disk: stylesheets are passed in as text and pictures (charts) are inline SVG or ``data:``
URIs, so a PDF can never be made to read a file or call a server (no SSRF). WeasyPrint is imported on first use,
because it needs Pango, which a bare machine running ``make run`` may lack; callers catch ``PdfUnavailable`` and
answer a page that says so.
"""

from django.contrib.staticfiles import finders


class PdfUnavailable(Exception):
    """WeasyPrint or the Pango library it needs is not installed on this machine."""


def static_css(path: str) -> str:
    """The text of one of the project's static stylesheets, read from disk, for ``pdf_render(stylesheets=...)``."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    with open(found, encoding="utf-8") as handle:
        return handle.read()


def pdf_render(*, html: str, stylesheets: tuple[str, ...] = ()) -> bytes:
    """The PDF of ``html`` (a whole document with ``lang`` and ``<title>``), tagged for screen readers (PDF/UA-1)."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:  # OSError: Pango's shared library is missing.
        raise PdfUnavailable(str(error)) from error

    class _DataOnly(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("data",))

    fetcher = _DataOnly()
    css = [weasyprint.CSS(string=text, url_fetcher=fetcher) for text in stylesheets]
    document = weasyprint.HTML(string=html, base_url="data:,", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=css, pdf_variant="pdf/ua-1")
