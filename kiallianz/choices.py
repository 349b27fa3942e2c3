"""Labels of choice values."""

from django.db import models


def choice_label(choices: type[models.Choices], value) -> str:
    """The translated label of ``value`` (the value itself when it is not a
    choice), as ``get_FOO_display()`` gives it, but without that method's
    per-call dictionary of every lazy label."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
