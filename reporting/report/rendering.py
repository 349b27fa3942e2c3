"""HTML and PDF of a report document: one template for preview and PDF."""

from django.template.loader import render_to_string

from reporting.report.fetcher import BASE_URL, ReportURLFetcher
from reporting.report.selectors import ReportDocument

DOCUMENT_TEMPLATE = "reporting/report/document_pdf.html"


def render_html(document: ReportDocument) -> str:
    return render_to_string(DOCUMENT_TEMPLATE, {"document": document, "for_pdf": True})


# Funders archive the report (PDF/A-3b) and screen-reader users read it
# (tagged PDF: headings, paragraphs, lists, tables and figures in the
# structure tree). The same options go to layout and writing.
PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}


def layout_pdf(html: str, **options):
    """WeasyPrint layout (the expensive part); returns the rendered document."""
    from weasyprint import HTML

    options = {**PDF_OPTIONS, **options}
    return HTML(string=html, base_url=BASE_URL, url_fetcher=ReportURLFetcher()).render(**options)


def write_pdf(laid_out, **options) -> bytes:
    return laid_out.write_pdf(**{**PDF_OPTIONS, **options})
