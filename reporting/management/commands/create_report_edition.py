"""Start next year's edition from the previous one (sections, narratives, references)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from reporting.management.options import iso_date
from reporting.models import ReportEdition
from reporting.report.services import report_edition_create_from_previous


class Command(BaseCommand):
    help = (
        "Legt die Berichtsausgabe eines Jahres aus der des Vorjahres an: Gliederung, Texte "
        "mit ihren Live-Werten und Blöcken; Zeitraum und Stichtag rücken ein Jahr weiter."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, required=True, help="neues Berichtsjahr, z. B. 2025"
        )
        parser.add_argument(
            "--from", dest="source_year", type=int, required=True, help="Vorjahr, z. B. 2024"
        )
        parser.add_argument(
            "--as-of", type=iso_date, help="Stichtag JJJJ-MM-TT (Standard: ein Jahr nach dem alten)"
        )

    def handle(self, *args, **options):
        with translation.override("de"):
            year, source_year = options["year"], options["source_year"]
            if year != source_year + 1:
                raise CommandError(
                    gettext("Die neue Ausgabe muss das Jahr nach %(from)s sein (%(next)s).")
                    % {"from": source_year, "next": source_year + 1}
                )
            previous = ReportEdition.objects.filter(year=source_year).order_by("id").first()
            if previous is None:
                raise CommandError(
                    gettext("Es gibt keine Berichtsausgabe für %(year)s.") % {"year": source_year}
                )
            try:
                edition = report_edition_create_from_previous(
                    previous=previous, as_of=options["as_of"]
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(
                ngettext(
                    "Ausgabe %(year)s angelegt (%(sections)s Abschnitt, Stichtag %(as_of)s). "
                    "Prüfen Sie die Texte mit: python manage.py check_report --year %(year)s",
                    "Ausgabe %(year)s angelegt (%(sections)s Abschnitte, Stichtag %(as_of)s). "
                    "Prüfen Sie die Texte mit: python manage.py check_report --year %(year)s",
                    edition.sections.count(),
                )
                % {
                    "year": edition.year,
                    "sections": edition.sections.count(),
                    "as_of": date_format(edition.as_of, "SHORT_DATE_FORMAT"),
                }
            )
