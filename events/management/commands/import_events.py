from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.importing import FORMAT_CSV, FORMATS, events_import
from kiallianz.history import history_actor
from kiallianz.models import User
from kiallianz.tabular import TableError


class Command(BaseCommand):
    help = (
        "Importiert Termine aus dem CSV-Export eines Notion-Kalenders oder aus einer "
        "CSV/XLSX-Datei (siehe docs/events-import.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV- oder XLSX-Datei")
        parser.add_argument(
            "--format", dest="file_format", choices=FORMATS, default=FORMAT_CSV, help="notion|csv"
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur prüfen, nichts speichern.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Gültige Zeilen importieren, fehlerhafte auslassen.",
        )
        parser.add_argument("--user", help="Benutzername, der als Anleger:in eingetragen wird.")

    def handle(self, *args, file, file_format, dry_run, skip_invalid, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Die Datei „%(file)s“ gibt es nicht.") % {"file": file})
        creator = None
        if user:
            creator = User.objects.filter(username=user).first()
            if creator is None:
                raise CommandError(_("Unbekannter Benutzer „%(user)s“.") % {"user": user})
        try:
            # The history names the given user, else the system actor.
            with history_actor(user=creator, label="import_events"):
                report = events_import(
                    data=path.read_bytes(),
                    filename=path.name,
                    file_format=file_format,
                    dry_run=dry_run,
                    skip_invalid=skip_invalid,
                    user=creator,
                )
        except TableError as error:
            raise CommandError(str(error)) from None
        for error in report.errors:
            self.stderr.write(str(error))
        counts = {
            "created": report.created,
            "updated": report.updated,
            "skipped": report.skipped,
        }
        if report.errors and not skip_invalid:
            raise CommandError(
                ngettext(
                    "Nichts importiert: %(count)s fehlerhafte Zeile. Mit --skip-invalid "
                    "werden nur die gültigen Zeilen importiert.",
                    "Nichts importiert: %(count)s fehlerhafte Zeilen. Mit --skip-invalid "
                    "werden nur die gültigen Zeilen importiert.",
                    len({error.row for error in report.errors}),
                )
                % {"count": len({error.row for error in report.errors})}
            )
        if dry_run:
            self.stdout.write(
                _(
                    "Probelauf, nichts gespeichert: %(created)s würden angelegt, "
                    "%(updated)s aktualisiert, %(skipped)s übersprungen."
                )
                % counts
            )
            return
        if report.errors and not report.saved:
            raise CommandError(_("Nichts importiert: keine gültige Zeile."))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Import: %(created)s angelegt, %(updated)s aktualisiert, "
                    "%(skipped)s übersprungen."
                )
                % counts
            )
        )
