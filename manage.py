#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from kiallianz.config import (
        CODE_ONLY_COMMANDS,
        ConfigurationError,
        require_production_configuration,
    )

    try:
        # Load the settings first: Django swallows a settings error here and
        # runs the command unconfigured, which ends in an unrelated traceback
        # (AppRegistryNotReady) instead of the one-line message below.
        settings.INSTALLED_APPS  # noqa: B018
        command = sys.argv[1] if len(sys.argv) > 1 else "help"
        if command not in CODE_ONLY_COMMANDS:
            require_production_configuration()
        execute_from_command_line(sys.argv)
    except ConfigurationError as error:
        # A misconfigured environment is the operator's mistake, not a bug:
        # one line naming the variable, no traceback.
        sys.exit(f"Konfigurationsfehler: {error}")


if __name__ == "__main__":
    main()
