"""Optimistic locking: two people editing one record never silently overwrite.

Records carry a ``version``. An edit form posts the version it was rendered
from; the update service locks or compare-and-swaps the row, refuses the
write when the stored version differs, and raises the version by one.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiallianz.history import record_changes

STALE_VERSION_MESSAGE = _(
    "Dieser Datensatz wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu."
)


def stale_version_error() -> ValidationError:
    return ValidationError(STALE_VERSION_MESSAGE, code="stale")


def check_version(instance: Model, version: int | str | None) -> None:
    """Refuse when the form was rendered from another version, or sent none."""
    try:
        matches = version is not None and int(version) == instance.version
    except (TypeError, ValueError):
        matches = False
    if not matches:
        raise stale_version_error()


def save_versioned(instance: Model, *, fields: Iterable[str], version: int) -> None:
    """Write ``fields`` and raise the version in one UPDATE that only matches
    the version the caller read, so a concurrent save in between is refused."""
    update_fields = [*fields, "updated_at"]
    instance.updated_at = timezone.now()
    values = {
        name: getattr(instance, instance._meta.get_field(name).attname) for name in update_fields
    }
    updated = (
        type(instance)
        .objects.filter(pk=instance.pk, version=version)
        .update(version=F("version") + 1, **values)
    )
    if not updated:
        raise stale_version_error()
    instance.version = version + 1
    # The UPDATE bypassed save(): the change history is written here.
    record_changes([instance])
