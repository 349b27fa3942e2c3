"""Argument types shared by the report commands."""

import datetime

from django.core.management.base import CommandError
from django.utils.translation import gettext


def iso_date(value: str) -> datetime.date:
    """`--as-of` and the like: a date as JJJJ-MM-TT, or a German error."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            gettext("Ungültiges Datum „%(value)s“: bitte im Format JJJJ-MM-TT angeben.")
            % {"value": value}
        ) from error
