"""python manage.py import_contacts FILE [--dry-run] [--user USERNAME] [--skip-invalid]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from contacts.importing import contacts_import
from kiallianz.history import history_actor


class Command(BaseCommand):
    help = gettext_lazy(
        "Importiert Organisationen, Personen und Erstgespräche aus einer CSV- oder XLSX-Datei."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("CSV- oder XLSX-Datei"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("nur prüfen, nichts speichern")
        )
        parser.add_argument(
            "--user",
            help=_("Benutzername: Autor:in und Community Manager:in ohne eigene Spalte"),
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("fehlerhafte Zeilen überspringen statt nichts zu importieren"),
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Datei „%(path)s“ nicht gefunden.") % {"path": path})
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(
                    _("Benutzer:in „%(username)s“ gibt es nicht.") % {"username": options["user"]}
                )
        try:
            # The history names the given user, else the system actor.
            with history_actor(user=user, label="import_contacts"):
                report = contacts_import(
                    data=path.read_bytes(),
                    filename=path.name,
                    user=user,
                    dry_run=options["dry_run"],
                    skip_invalid=options["skip_invalid"],
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

        for error in report.errors:
            self.stderr.write(str(error))
        for label, counts in report.entity_rows():
            self.stdout.write(
                _("%(entity)s: %(created)s neu, %(updated)s ergänzt, %(skipped)s unverändert")
                % {
                    "entity": label,
                    "created": counts.created,
                    "updated": counts.updated,
                    "skipped": counts.skipped,
                }
            )
        if report.dry_run:
            self.stdout.write(_("Probelauf: nichts gespeichert."))
        elif report.saved:
            if report.invalid_rows:
                self.stdout.write(
                    ngettext(
                        "%(count)s fehlerhafte Zeile übersprungen.",
                        "%(count)s fehlerhafte Zeilen übersprungen.",
                        report.invalid_rows,
                    )
                    % {"count": report.invalid_rows}
                )
            self.stdout.write(self.style.SUCCESS(_("Import gespeichert.")))
        if report.errors and (not report.saved or report.invalid_rows == report.rows):
            # Exit non-zero whenever errors kept the file (or every row) out.
            count = report.invalid_rows
            if report.dry_run:
                message = ngettext(
                    "Die Datei enthält %(count)s fehlerhafte Zeile.",
                    "Die Datei enthält %(count)s fehlerhafte Zeilen.",
                    count,
                )
            else:
                message = ngettext(
                    "Nichts importiert: %(count)s fehlerhafte Zeile.",
                    "Nichts importiert: %(count)s fehlerhafte Zeilen.",
                    count,
                )
            raise CommandError(message % {"count": count})
