from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kiallianz.demo.loader import load_all_demo_data
from kiallianz.demo.registry import demo_password
from kiallianz.history import history_actor
from kiallianz.models import User


class Command(BaseCommand):
    help = "Lädt die Demodaten aus dem Zwischenverwendungsnachweis 2024 (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch mit DEBUG=false laden (nie auf einem Produktivsystem).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "Demodaten werden nur mit DEBUG=true geladen. "
                    "Mit --force trotzdem laden (nicht auf einem Produktivsystem)."
                )
            )
        with history_actor(label="load_demo"):
            load_all_demo_data(stdout=self.stdout)
        self._print_logins()

    def _print_logins(self) -> None:
        usernames = User.objects.order_by("role", "username").values_list("username", "role")
        self.stdout.write(self.style.SUCCESS(_("Demodaten geladen. Demo-Zugänge:")))
        for username, role in usernames:
            self.stdout.write(f"  {username:<24} {User.Role(role).label}")
        self.stdout.write(_("Passwort für alle: %(password)s") % {"password": demo_password()})
