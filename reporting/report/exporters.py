"""Exporters in the pretix style: an identifier, a German name and
``render(edition, as_of) -> (filename, content_type, bytes)``.

The registry ``EXPORTERS`` is the single source of the report's formats:
the export form's choices, the stored export's format and content type, the
file extension and the labels all come from the exporter classes.
"""

import contextlib
import datetime
from collections.abc import Callable, Iterator

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kiallianz.tabular import XLSX_CONTENT_TYPE, xlsx_bytes
from reporting.report import rendering
from reporting.report.blocks import get_block
from reporting.report.checks import check_edition
from reporting.report.selectors import report_document

Progress = Callable[[float, str], None]


def _no_progress(fraction: float, message: str) -> None:
    return None


REPORT_LANGUAGE = "de"
REPORT_TIME_ZONE = "Europe/Berlin"


@contextlib.contextmanager
def report_locale() -> Iterator[None]:
    """German and Berlin time for a report, whoever asked for it: the export
    task (a worker has no request, or runs inside an English one when tasks
    run in-process) and the ``render_report`` command enter this."""
    with translation.override(REPORT_LANGUAGE), timezone.override(REPORT_TIME_ZONE):
        yield


class BaseExporter:
    identifier: str = ""
    label = ""  # short, e.g. on the export card: „PDF“
    verbose_name = ""  # the export form's choice
    content_type = ""
    extension = ""

    def filename(self, edition, as_of: datetime.date) -> str:
        return f"{slugify(edition.title)}-stichtag-{as_of:%Y-%m-%d}.{self.extension}"

    def render(self, edition, as_of: datetime.date) -> tuple[str, str, bytes]:
        filename, content_type, content, _warnings = self.render_with_warnings(edition, as_of)
        return filename, content_type, content

    def render_with_warnings(
        self, edition, as_of: datetime.date, progress: Progress | None = None
    ) -> tuple[str, str, bytes, list[str]]:
        content, warnings = self.build(edition, as_of, progress or _no_progress)
        return self.filename(edition, as_of), self.content_type, content, warnings

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
            ngettext(
                "… und %(count)s weiterer Widerspruch (siehe Prüfung).",
                "… und %(count)s weitere Widersprüche (siehe Prüfung).",
                len(blocking) - MAX_CHECK_WARNINGS,
            )
            % {"count": len(blocking) - MAX_CHECK_WARNINGS}
        )
    return lines


class PdfExporter(BaseExporter):
    identifier = "pdf"
    label = _("PDF")
    verbose_name = _("Bericht als PDF")
    content_type = "application/pdf"
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
    label = _("Excel (Zahlen)")
    verbose_name = _("Zahlen des Berichts als Excel-Datei")
    content_type = XLSX_CONTENT_TYPE
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


def format_choices() -> list[tuple[str, str]]:
    """(identifier, label) of every exporter: the export form's and the
    stored export's choices."""
    return [(identifier, exporter.label) for identifier, exporter in EXPORTERS.items()]
