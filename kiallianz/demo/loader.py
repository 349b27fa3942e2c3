"""Runs every registered demo loader in one transaction (``load_demo``)."""

from django.db import transaction
from django.utils.translation import gettext as _

import kiallianz.demo.core  # noqa: F401 - registers the core loader
from kiallianz.demo.registry import registered_loaders


def load_all_demo_data(stdout=None) -> None:
    with transaction.atomic():
        for loader in registered_loaders():
            if stdout is not None:
                stdout.write(_("Lade %(name)s …") % {"name": loader.name})
            loader.run(stdout=stdout)
