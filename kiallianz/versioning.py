"""Optimistic locking: two people editing one record never silently overwrite.

Records carry a ``version``. An edit form posts the version it was rendered
from; the update service refuses the write when the stored version differs
and raises the version by one. This module is the only place that raises a
version: services, the admin, merging and the importers all write through
``model_update`` / ``save_versioned`` / ``bump_version`` / ``bulk_update_versioned``
(a test greps the tree for other ``version += 1`` and ``.update(`` calls on
versioned models).

Which writes bump the version (docs/architecture.md says the same): every
write that changes what an edit form of the record shows — its own columns,
its many-to-many links, a quality decision, „erledigt“ on a follow-up, the
bulk „geprüft“, a partnership span ending or starting, a merge moving rows
onto it. Writes on separate child rows with their own forms (event photos,
report exports) do not bump their parent.
"""

from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


def apply_fields(instance: Model, data: Mapping, *, allowed: Iterable[str]) -> list[str]:
    """Set the whitelisted ``data`` on ``instance`` (a TypeError names any
    other field: a programming error, not user input) and return the column
    names whose value changed."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = []
    for name, value in data.items():
        column = _column(instance, name)
        before = getattr(instance, column)
        setattr(instance, name, value)
        if getattr(instance, column) != before:
            changed.append(column)
    return changed


def _column(instance: Model, name: str) -> str:
    """``region`` → ``region_id``: compare foreign keys by id, without a query."""
    try:
        return instance._meta.get_field(name).attname
    except FieldDoesNotExist:  # an ``*_id`` alias
        return name


def save_versioned(instance: Model, *, fields: Iterable[str], version: int) -> None:
    """Write ``fields`` and raise the version, only if the stored version is
    still ``version`` (compare and set).

    The first UPDATE claims the row (and holds its lock until the transaction
    ends), so a concurrent save in between is refused; the second is a normal
    ``save(update_fields=...)``, so file fields and ``auto_now`` behave."""
    claimed = (
        type(instance)
        ._base_manager.filter(pk=instance.pk, version=version)
        .update(version=F("version") + 1)
    )
    if not claimed:
        raise stale_version_error()
    instance.version = version + 1
    instance.save(update_fields=sorted({*fields, "version", "updated_at"}))


def model_update(
    instance: Model,
    *,
    data: Mapping,
    allowed: Iterable[str],
    version: int | str | None,
    clean: Callable[[Model], None] | None = None,
    clean_exclude: Iterable[str] | None = None,
    also_save: Iterable[str] = (),
) -> list[str]:
    """The one versioned update (in the style of HackSoft's ``model_update``):
    refuse a stale ``version``, set the whitelisted ``data``, run the service's
    ``clean`` and ``full_clean()``, and save with the version bump.

    Writes every field in ``data`` (and ``also_save``, e.g. a derived
    ``normalized_name``); returns the columns whose value changed."""
    check_version(instance, version)
    changed = apply_fields(instance, data, allowed=allowed)
    if clean is not None:
        clean(instance)
    instance.full_clean(exclude=list(clean_exclude) if clean_exclude else None)
    columns = [_column(instance, name) for name in data]
    save_versioned(instance, fields=[*columns, *also_save], version=instance.version)
    return changed


def bump_version(instance: Model, *, fields: Iterable[str] = ()) -> None:
    """Save ``fields`` of a write that comes without a posted version (a
    button such as „erledigt“, linking records) and raise the version, still
    refusing when the row changed since ``instance`` was read."""
    save_versioned(instance, fields=fields, version=instance.version)


def bulk_update_versioned(queryset: QuerySet, **values) -> int:
    """A bulk write (e.g. „geprüft“ for many first contacts) that raises the
    version of every row it changes, so forms opened before are refused."""
    return queryset.update(version=F("version") + 1, updated_at=timezone.now(), **values)


def bulk_save_versioned(model: type[Model], objs: list, *, fields: Iterable[str]) -> None:
    """Save ``fields`` of many loaded records in batched UPDATEs, raising
    each one's version (the contacts importer filling in blank fields)."""
    now = timezone.now()
    for instance in objs:
        instance.version = F("version") + 1
        instance.updated_at = now
    model._base_manager.bulk_update(objs, [*fields, "version", "updated_at"], batch_size=500)
