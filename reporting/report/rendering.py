"""HTML and PDF of a report document: one template for preview and PDF."""

from django.template.loader import render_to_string

from reporting.report.fetcher import BASE_URL, ReportURLFetcher
from reporting.report.selectors import ReportDocument

DOCUMENT_TEMPLATE = "reporting/report/document_pdf.html"


def render_html(document: ReportDocument) -> str:
    return render_to_string(DOCUMENT_TEMPLATE, {"document": document, "for_pdf": True})


def layout_pdf(html: str):
    """WeasyPrint layout (the expensive part); returns the rendered document."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=ReportURLFetcher()).render()


def write_pdf(laid_out) -> bytes:
    return laid_out.write_pdf()
