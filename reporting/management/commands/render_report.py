"""Render the report of a year to a file, with the same exporter as the UI."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format
from django.utils.translation import gettext

from reporting.management.options import iso_date
from reporting.models.report import as_of_error
from reporting.report.exporters import get_exporter, report_locale
from reporting.report.services import edition_get_or_create_for_year


class Command(BaseCommand):
    help = "Erzeugt den Zwischenverwendungsnachweis eines Jahres als PDF (oder XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Berichtsjahr, z. B. 2024")
        parser.add_argument(
            "--as-of",
            type=iso_date,
            help="Stichtag JJJJ-MM-TT (Standard: der Stichtag der Ausgabe)",
        )
        parser.add_argument("--output", required=True, help="Zieldatei, z. B. bericht.pdf")
        parser.add_argument(
            "--format", choices=["pdf", "xlsx"], help="Standard: aus der Dateiendung"
        )

    def handle(self, *args, **options):
        with report_locale():
            output = Path(options["output"])
            fmt = options["format"] or ("xlsx" if output.suffix.lower() == ".xlsx" else "pdf")
            try:
                edition = edition_get_or_create_for_year(
                    year=options["year"], as_of=options["as_of"]
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            as_of = options["as_of"] or edition.as_of
            if as_of < edition.period_start:
                raise CommandError(str(as_of_error(as_of, edition.period_start)))
            _filename, _content_type, content, warnings = get_exporter(fmt).render_with_warnings(
                edition, as_of
            )
            output.write_bytes(content)
            for warning in warnings:
                self.stderr.write(gettext("Hinweis: %(warning)s") % {"warning": warning})
            self.stdout.write(
                gettext("%(file)s geschrieben (%(size)s Bytes, Stichtag %(as_of)s).")
                % {
                    "file": output,
                    "size": len(content),
                    "as_of": date_format(as_of, "SHORT_DATE_FORMAT"),
                }
            )
