"""Check an edition's narratives against the records (exit 1 on mismatches)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from reporting.management.options import iso_date
from reporting.models import ReportEdition
from reporting.models.report import as_of_error
from reporting.report.checks import check_edition


class Command(BaseCommand):
    help = (
        "Prüft die Texte einer Berichtsausgabe gegen die Daten: getippte Zahlen und Daten, "
        "Widersprüche durchgeführt/geplant, leere Abschnitte, fehlende Fotos und Berichtstexte. "
        "Endet mit Status 1, wenn Widersprüche bleiben."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Berichtsjahr, z. B. 2024")
        parser.add_argument(
            "--as-of",
            type=iso_date,
            help="Stichtag JJJJ-MM-TT (Standard: der Stichtag der Ausgabe)",
        )

    def handle(self, *args, **options):
        with translation.override("de"), timezone.override("Europe/Berlin"):
            edition = (
                ReportEdition.objects.select_related("project")
                .filter(year=options["year"])
                .order_by("id")
                .first()
            )
            if edition is None:
                raise CommandError(
                    gettext("Es gibt keine Berichtsausgabe für %(year)s.")
                    % {"year": options["year"]}
                )
            as_of = options["as_of"] or edition.as_of
            if as_of < edition.period_start:
                raise CommandError(str(as_of_error(as_of, edition.period_start)))
            result = check_edition(edition=edition, as_of=as_of)
            self.stdout.write(
                gettext("Prüfung „%(title)s“, Stichtag %(as_of)s")
                % {"title": edition.title, "as_of": date_format(as_of, "SHORT_DATE_FORMAT")}
            )
            for heading, findings in (
                (gettext("Widersprüche (müssen behoben werden)"), result.blocking),
                (gettext("Hinweise"), result.hints),
                (gettext("Bewusst getippt"), result.accepted),
            ):
                if not findings:
                    continue
                self.stdout.write(f"\n{heading}:")
                for finding in findings:
                    self.stdout.write(f"- [{finding.category_label}] {finding.describe()}")
            self.stdout.write("\n" + result.summary())
            if not result.ok:
                raise CommandError(
                    ngettext(
                        "%(count)s Widerspruch gefunden.",
                        "%(count)s Widersprüche gefunden.",
                        len(result.blocking),
                    )
                    % {"count": len(result.blocking)},
                    returncode=1,
                )
