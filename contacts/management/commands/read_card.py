"""python manage.py read_card FILE: the fields of a business-card photo,
a vCard/MeCard QR photo or a .vcf file as JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.cards import CardError, read_card_file


class Command(BaseCommand):
    help = gettext_lazy(
        "Liest eine Visitenkarte (Foto, QR-Code oder vCard) und gibt die Felder als JSON aus."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("Foto (JPEG, PNG, WebP) oder vCard-Datei"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Datei „%(path)s“ nicht gefunden.") % {"path": path})
        try:
            cards = read_card_file(path)
        except CardError as error:
            raise CommandError(str(error)) from None
        # One card: its fields; a .vcf with several cards: a list of them.
        result = cards[0].as_dict() if len(cards) == 1 else [card.as_dict() for card in cards]
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
