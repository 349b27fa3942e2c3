"""python manage.py apply_retention [--dry-run] [--today YYYY-MM-DD]"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from audit.retention import apply_retention, categories


class Command(BaseCommand):
    help = "Anonymisiert oder löscht, was laut Aufbewahrungsregister abgelaufen ist."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="nur zählen, nichts ändern")
        parser.add_argument("--today", help="Stichtag JJJJ-MM-TT (Standard: heute)")

    def handle(self, *args, dry_run=False, today=None, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today: ungültiges Datum „{today}“ (JJJJ-MM-TT)") from error
        counts = apply_retention(today=day, dry_run=dry_run)
        verb = "fällig" if dry_run else "bearbeitet"
        for category in categories():
            self.stdout.write(f"{category.key}: {counts.get(category.key, 0)} {verb}")
