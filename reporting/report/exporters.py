"""Exporters in the pretix style: an identifier, a German name and
``render(edition, as_of) -> (filename, mimetype, bytes)``."""

import datetime
from collections.abc import Callable

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kiallianz.tabular import xlsx_bytes
from reporting.report import rendering
from reporting.report.blocks import get_block
from reporting.report.checks import check_edition
from reporting.report.selectors import report_document

Progress = Callable[[float, str], None]


def _no_progress(fraction: float, message: str) -> None:
    return None


class BaseExporter:
    identifier: str = ""
    verbose_name = ""
    mimetype = ""
    extension = ""

    def filename(self, edition, as_of: datetime.date) -> str:
        return f"{slugify(edition.title)}-stichtag-{as_of:%Y-%m-%d}.{self.extension}"

    def render(self, edition, as_of: datetime.date) -> tuple[str, str, bytes]:
        filename, mimetype, content, _warnings = self.render_with_warnings(edition, as_of)
        return filename, mimetype, content

    def render_with_warnings(
        self, edition, as_of: datetime.date, progress: Progress | None = None
    ) -> tuple[str, str, bytes, list[str]]:
        # Workers have no request: language and time zone are set here.
        with translation.override("de"), timezone.override("Europe/Berlin"):
            content, warnings = self.build(edition, as_of, progress or _no_progress)
            return self.filename(edition, as_of), self.mimetype, content, warnings

    def build(self, edition, as_of, progress: Progress) -> tuple[bytes, list[str]]:
        raise NotImplementedError


MAX_CHECK_WARNINGS = 10


def check_warnings(edition, document) -> list[str]:
    """The check's summary and its contradictions, for the export card."""
    result = check_edition(edition=edition, document=document)
    if not result.findings:
        return []
    lines = [result.summary()]
    blocking = result.blocking
    lines += [finding.describe() for finding in blocking[:MAX_CHECK_WARNINGS]]
    if len(blocking) > MAX_CHECK_WARNINGS:
        lines.append(
            gettext("… und %(count)s weitere Widersprüche (siehe Prüfung).")
            % {"count": len(blocking) - MAX_CHECK_WARNINGS}
        )
    return lines


class PdfExporter(BaseExporter):
    identifier = "pdf"
    verbose_name = _("Bericht als PDF")
    mimetype = "application/pdf"
    extension = "pdf"

    def build(self, edition, as_of, progress):
        document = report_document(
            edition=edition,
            as_of=as_of,
            progress=lambda f: progress(0.05 + 0.45 * f, gettext("Daten werden gesammelt …")),
        )
        progress(0.5, gettext("Texte werden geprüft …"))
        warnings = [*document.warnings, *check_warnings(edition, document)]
        progress(0.55, gettext("Seiten werden gesetzt …"))
        laid_out = rendering.layout_pdf(rendering.render_html(document))
        progress(0.9, gettext("PDF wird geschrieben …"))
        return rendering.write_pdf(laid_out), warnings


class XlsxExporter(BaseExporter):
    identifier = "xlsx"
    verbose_name = _("Zahlen des Berichts als Excel-Datei")
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"

    def build(self, edition, as_of, progress):
        document = report_document(
            edition=edition,
            as_of=as_of,
            progress=lambda f: progress(0.05 + 0.8 * f, gettext("Daten werden gesammelt …")),
        )
        sheets = []
        for section in document.sections:
            for rendered in section.blocks:
                block = get_block(rendered.key)
                headers, rows = block.rows(rendered.data)
                # Arguments first: a title is cut at 31 characters.
                arguments = " ".join(
                    ",".join(v) if isinstance(v, list) else str(v) for v in rendered.args.values()
                )
                title = f"{section.number} {arguments} {rendered.label}".replace("  ", " ")
                sheets.append((title, headers, rows))
        progress(0.9, gettext("Excel-Datei wird geschrieben …"))
        return xlsx_bytes(sheets), document.warnings


EXPORTERS: dict[str, BaseExporter] = {
    exporter.identifier: exporter for exporter in (PdfExporter(), XlsxExporter())
}


def get_exporter(identifier: str) -> BaseExporter:
    return EXPORTERS[identifier]
